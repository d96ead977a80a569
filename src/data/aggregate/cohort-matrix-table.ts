/**
 * A cohort matrix in long form (one row per cohort and age) → CohortRetention per measure, for
 * `<rw-cohort-retention>` when the cohorts were computed in the warehouse
 * (sql/duckdb/cohort_matrix.sql writes exactly this).
 *
 * Columns (names compared case-, space- and underscore-blind):
 *   cohort         required  the cohort key: `YYYY-MM`, ISO `YYYY-Www` or `YYYY-MM-DD`
 *                            (or `cohort_start`, the first day of the cohort period, as a date)
 *   months_since | weeks_since | days_since   required  the age k ≥ 0; its name gives the period
 *                            (or `period_index`/`age` with the period read from the cohort keys)
 *   cohort_size    required  customers in the cohort
 *   customers, revenue, orders   at least one: the cell values of mode 'on' (see cohortRetention)
 * A cell that is absent counts as 0 (the SQL writes zeros; a sparse export may leave them out); a
 * row runs to the last period any cohort reaches. Rows that are not cells (negative or fractional
 * age, an unknown cohort key, a size that differs within a cohort) are rejected and counted.
 */
import { daysFromCivil, isValidCivil, periodIndex, periodKey, type Period } from '../../core/calendar.js';
import type { CohortMeasure, CohortRetention, CohortRow } from '../../core/cohort-retention.js';
import type { PreAggregated } from '../../core/pre-aggregated.js';
import { normaliseName } from '../mapping.js';
import { amountFromValue } from '../parse-amount.js';
import { dateFromValue } from '../parse-date.js';
import type { ZoneClock } from '../time-zone.js';
import { LoadError, type LoadReport } from '../types.js';
import type { ValueColumn, ValueTable } from '../values.js';
import { withPlainObjectPrototype, z } from '../zod.js';
import { cellValue } from './read-table.js';
import { Rejections, rowsText } from './rejections.js';

const DAY_MS = 86_400_000;
const MEASURES: CohortMeasure[] = ['customers', 'revenue', 'orders'];
const AGE_COLUMNS: Record<string, Period | undefined> = {
  monthssince: 'month', weekssince: 'week', dayssince: 'day', periodssince: undefined, periodindex: undefined, age: undefined, k: undefined,
};

const matrixColumns = withPlainObjectPrototype(() => z.object({
  cohort: z.string({ error: 'no cohort column (cohort or cohort_start)' }),
  age: z.string({ error: 'no age column (months_since, weeks_since, days_since or age)' }),
  size: z.string({ error: 'no cohort size column (cohort_size)' }),
  customers: z.optional(z.string()),
  revenue: z.optional(z.string()),
  orders: z.optional(z.string()),
  /** The first measure column present: one is needed. */
  measure: z.string({ error: 'no cell values (a customers, revenue or orders column)' }),
}));

/** Period index of a cohort key, or NaN; also tells which period the key's shape is. */
function keyIndex(key: string): { period: Period; index: number } | undefined {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) {
    const y = Number(m[1]), mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? { period: 'month', index: (y - 1970) * 12 + mo - 1 } : undefined;
  }
  m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (m) {
    // ISO week 1 is the week with January 4th in it.
    const index = periodIndex('week', daysFromCivil(Number(m[1]), 1, 4)) + Number(m[2]) - 1;
    return periodKey('week', index) === key ? { period: 'week', index } : undefined;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (m && isValidCivil(Number(m[1]), Number(m[2]), Number(m[3]))) return { period: 'day', index: daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) };
  return undefined;
}

function messageOf(code: string, count: number): string {
  const n = rowsText(count);
  return code === 'duplicate-row'
    ? `${n} repeat a (cohort, age) cell of an earlier row and were skipped.`
    : `${n} are not cohort cells (the age must be a whole number ≥ 0, the cohort a key like 2011-01, 2011-W01 or 2011-01-03 or a date, counts whole numbers ≥ 0, and the cohort size the same on every row of a cohort) and were skipped.`;
}

/**
 * Reads a long-form cohort matrix.
 * @example const { aggregate } = cohortMatrixFromTable(table, { clock, timeZone: 'UTC', startedAt: 0 });
 */
export function cohortMatrixFromTable(table: ValueTable, options: { clock: ZoneClock; timeZone: string; startedAt: number }): { aggregate: Extract<PreAggregated, { kind: 'cohort-matrix' }>; report: LoadReport } {
  if (table.length === 0) throw new LoadError('header-only', 'The cohort matrix has no rows.');
  const byName = new Map<string, ValueColumn>();
  for (const c of table.columns) if (!byName.has(normaliseName(c.name))) byName.set(normaliseName(c.name), c);
  const cohortCol = byName.get('cohort') ?? byName.get('cohortstart') ?? byName.get('cohortkey');
  const cohortStartCol = byName.get('cohortstart');
  const ageName = Object.keys(AGE_COLUMNS).find((k) => byName.has(k));
  const sizeCol = byName.get('cohortsize') ?? byName.get('size');
  const measureCols = Object.fromEntries(MEASURES.map((m) => [m, byName.get(m)])) as Record<CohortMeasure, ValueColumn | undefined>;
  const checked = withPlainObjectPrototype(() => matrixColumns.safeParse({
    cohort: cohortCol?.name, age: ageName, size: sizeCol?.name,
    customers: measureCols.customers?.name, revenue: measureCols.revenue?.name, orders: measureCols.orders?.name,
    measure: (measureCols.customers ?? measureCols.revenue ?? measureCols.orders)?.name,
  }));
  if (!checked.success) {
    throw new LoadError('missing-column', `This is not a cohort matrix: ${checked.error.issues.map((i) => i.message).join('; ')}. Its columns are: ${table.columns.map((c) => c.name).join(', ')}. See docs/pre-aggregated.md for the format.`);
  }
  const ageCol = byName.get(ageName!)!;
  let period: Period | undefined = AGE_COLUMNS[ageName!];
  const rejections = new Rejections(table, messageOf);
  const n = table.length;
  // Cohort index and age per accepted row.
  const cohortOf = new Float64Array(n).fill(NaN);
  const ageOf = new Int32Array(n);
  const useKey = cohortCol !== cohortStartCol;
  for (let i = 0; i < n; i++) {
    let index = NaN;
    if (useKey) {
      const parsed = keyIndex(String(cellValue(cohortCol!, i) ?? '').trim());
      if (parsed && (period === undefined || parsed.period === period)) { period = parsed.period; index = parsed.index; }
    } else if (period !== undefined) {
      const v = cohortStartCol!;
      const ms = v.kind === 'numbers' && v.time ? (v.time === 'instant' ? options.clock.wallMs(v.values[i]) : v.values[i]) : dateFromValue(cellValue(v, i), options.clock);
      if (!Number.isNaN(ms)) index = periodIndex(period, Math.floor(ms / DAY_MS));
    }
    const age = amountFromValue(cellValue(ageCol, i));
    if (Number.isNaN(index) || !Number.isInteger(age) || age < 0) { rejections.add('invalid-cohort-cell', i); continue; }
    cohortOf[i] = index;
    ageOf[i] = age;
  }
  if (period === undefined) throw new LoadError('missing-column', 'The cohort matrix does not say its period: name the age column months_since, weeks_since or days_since, or give cohort keys like 2011-01.');
  // Cohorts, their size and their last age.
  const sizeOf = new Map<number, number>();
  let lastIndex = -Infinity;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(cohortOf[i])) continue;
    const size = amountFromValue(cellValue(sizeCol!, i));
    const known = sizeOf.get(cohortOf[i]);
    if (!Number.isInteger(size) || size < 0 || (known !== undefined && known !== size)) { rejections.add('invalid-cohort-cell', i); cohortOf[i] = NaN; continue; }
    sizeOf.set(cohortOf[i], size);
    if (cohortOf[i] + ageOf[i] > lastIndex) lastIndex = cohortOf[i] + ageOf[i];
  }
  const cohortIndexes = [...sizeOf.keys()].sort((a, b) => a - b);
  if (cohortIndexes.length === 0) throw new LoadError('no-valid-rows', `None of the ${n} cohort matrix rows is usable: ${rejections.reasons().map((r) => r.message).join(' ')}`);
  const firstIndex = cohortIndexes[0];
  const periods: string[] = [];
  for (let p = firstIndex; p <= lastIndex; p++) periods.push(periodKey(period, p));
  const rowOf = new Map<number, number>(cohortIndexes.map((c, r) => [c, r]));
  const present = MEASURES.filter((m) => measureCols[m] !== undefined);
  const values = present.map(() => cohortIndexes.map((c) => new Array<number>(lastIndex - c + 1).fill(0)));
  const filled = cohortIndexes.map((c) => new Uint8Array(lastIndex - c + 1));
  let accepted = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(cohortOf[i])) continue;
    const r = rowOf.get(cohortOf[i])!;
    const k = ageOf[i];
    const cells = present.map((m) => amountFromValue(cellValue(measureCols[m]!, i)));
    const wholeCounts = present.every((m, j) => (m === 'revenue' ? Number.isFinite(cells[j]) : Number.isInteger(cells[j]) && cells[j] >= 0));
    if (!wholeCounts) { rejections.add('invalid-cohort-cell', i); continue; }
    if (filled[r][k]) { rejections.add('duplicate-row', i); continue; }
    filled[r][k] = 1;
    present.forEach((_, j) => { values[j][r][k] = cells[j]; });
    accepted++;
  }
  const matrices: Partial<Record<CohortMeasure, CohortRetention>> = {};
  present.forEach((measure, j) => {
    const cohorts: CohortRow[] = cohortIndexes.map((c, r) => ({ cohort: periodKey(period!, c), size: sizeOf.get(c)!, values: values[j][r] }));
    matrices[measure] = { period: period!, measure, mode: 'on', periods, cohorts };
  });
  let customers = 0;
  for (const size of sizeOf.values()) customers += size;
  const report: LoadReport = {
    rowsRead: n,
    rowsAccepted: accepted,
    rowsRejected: rejections.total,
    reasons: rejections.reasons(),
    orders: 0,
    customers,
    format: `${table.format}:cohort-matrix`,
    mapping: { customer: sizeCol!.name, date: cohortCol!.name },
    ms: performance.now() - options.startedAt,
  };
  return { aggregate: { kind: 'cohort-matrix', matrices }, report };
}
