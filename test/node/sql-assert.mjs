// Shared by the SQL tests (not a test file itself): compares SQL result columns with core's
// customerSummary and monthly cohortRetention, every customer and every cell. SQL results are
// column objects { name: values[] } with DATE values as JS Dates at UTC midnight.
import assert from 'node:assert/strict';

export const dayOf = (d) => Math.round(d.getTime() / 86_400_000); // SQL DATE → JS Date at UTC midnight → day number

/** Relative difference, for floating sums taken in a different order. */
export function assertClose(got, want, what) {
  const scale = Math.max(Math.abs(want), Math.abs(got), 1e-300);
  assert.ok(got === want || Math.abs(got - want) / scale <= 1e-9, `${what}: SQL ${got} vs core ${want}`);
}

export function assertSummaryEqual(sql, core) {
  assert.equal(sql.customer_id.length, core.length, 'customers');
  const row = new Map(sql.customer_id.map((id, i) => [id, i]));
  const endDay = dayOf(sql.end_day[0]);
  assert.equal(endDay, core.endDay, 'end day');
  for (let j = 0; j < core.length; j++) {
    const id = core.customerId[j];
    const i = row.get(id);
    assert.notEqual(i, undefined, `customer ${id} missing from SQL`);
    assert.equal(dayOf(sql.first_day[i]), core.firstDay[j], `${id} first_day`);
    assert.equal(dayOf(sql.last_day[i]), core.lastDay[j], `${id} last_day`);
    assert.equal(Number(sql.orders[i]), core.orders[j], `${id} orders`);
    assert.equal(Number(sql.purchase_days[i]), core.purchaseDays[j], `${id} purchase_days`);
    assert.equal(Number(sql.frequency[i]), core.frequency[j], `${id} frequency`);
    assertClose(sql.revenue[i], core.revenue[j], `${id} revenue`);
    assertClose(sql.monetary[i], core.monetary[j], `${id} monetary`);
    const recency = core.unit === 'weeks' ? sql.recency_weeks[i] : Number(sql.recency_days[i]);
    const T = core.unit === 'weeks' ? sql.t_weeks[i] : Number(sql.t_days[i]);
    assertClose(recency, core.recency[j], `${id} recency`);
    assertClose(T, core.T[j], `${id} T`);
    // Both units come out of one SQL run: check the other against core's day numbers.
    assert.equal(Number(sql.recency_days[i]), core.lastDay[j] - core.firstDay[j]);
    assert.equal(Number(sql.t_days[i]), endDay - core.firstDay[j]);
    assertClose(sql.t_weeks[i] * 7, (endDay - core.firstDay[j]), `${id} t_weeks`);
  }
}

export function assertCohortsEqual(sql, core) {
  // core: one matrix per measure; SQL: one long table with the three measures as columns.
  const [customers, revenue, orders] = core;
  const cells = customers.cohorts.reduce((sum, c) => sum + c.values.length, 0);
  assert.equal(sql.cohort.length, cells, 'cells');
  let i = 0;
  for (let c = 0; c < customers.cohorts.length; c++) {
    const row = customers.cohorts[c];
    for (let k = 0; k < row.values.length; k++, i++) {
      const where = `${row.cohort} +${k}`;
      assert.equal(sql.cohort[i], row.cohort, where);
      assert.equal(Number(sql.months_since[i]), k, where);
      assert.equal(Number(sql.cohort_size[i]), row.size, `${where} size`);
      assert.equal(Number(sql.customers[i]), row.values[k], `${where} customers`);
      assert.equal(Number(sql.orders[i]), orders.cohorts[c].values[k], `${where} orders`);
      assertClose(sql.revenue[i], revenue.cohorts[c].values[k], `${where} revenue`);
    }
  }
}

/** Core's monthly matrices for the three measures the SQL returns side by side. */
export function coreCohorts(core, orders) {
  return ['customers', 'revenue', 'orders'].map((measure) => core.cohortRetention(orders, { period: 'month', measure, mode: 'on' }));
}

/**
 * A small `orders` table that exercises each row rule the SQL applies (sql/README.md), with the
 * summary it must give by default and with keep_zero_amounts.
 */
export const ROW_RULES_FIXTURE = {
  sql: `CREATE TABLE orders (customer_id VARCHAR, order_id VARCHAR, order_date DATE, amount DOUBLE PRECISION);
    INSERT INTO orders VALUES
      (' a ', NULL, '2020-01-05', 10), ('a', NULL, '2020-01-05', 5),    -- two orders on one purchase day
      ('a', 'x', '2020-03-01', 7), ('a', 'x ', '2020-02-28', 1),         -- one order, on its earliest day
      ('a', 'C9', '2020-03-02', -4), ('a', NULL, '2020-03-03', 'NaN'),   -- a return, a non-number
      ('a', NULL, '2020-03-03', 'Infinity'), ('a', NULL, '2020-03-03', NULL),
      ('NaN', NULL, '2020-03-04', 9), ('', NULL, '2020-03-04', 9), (NULL, NULL, '2020-03-04', 9), ('N/A', NULL, '2020-03-04', 9),
      ('b', NULL, '2020-02-01', 0), ('b', 'null', '2020-02-03', 3), ('b', NULL, NULL, 3)`,
  expected: { customer_id: ['a', 'b'], orders: [3, 1], purchase_days: [2, 1], revenue: [23, 3], monetary: [8, 0], t_days: [54, 25] },
  keepZero: { customer_id: ['a', 'b'], orders: [3, 2], purchase_days: [2, 2], revenue: [23, 3], monetary: [8, 3], t_days: [54, 27] },
};

export function assertRowRules(sql, want) {
  for (const [column, values] of Object.entries(want)) assert.deepEqual(sql[column].map((v) => (typeof v === 'bigint' ? Number(v) : v)), values, column);
}
