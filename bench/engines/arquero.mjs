/**
 * Arquero 8 (column tables with JS expression compilation) running the four workloads the way its
 * documentation suggests: groupby/rollup, window functions over orderby, dedupe.
 * Ingest: `fromArrow` (flechette) or `fromCSV`, then a `day` column (days since 1970-01-01) derived
 * from the Date values, the same normalisation our loader does.
 */
import * as aq from 'arquero';
import { cohortCells, gapDistribution, monthKey, rfmCube } from '../lib/canonical.mjs';

// Expressions are strings: Arquero compiles them from source text, and a bundler may rename the
// imported `op` in function expressions (esbuild made it `op2`), which Arquero would not recognise.

/** Arquero engine: workloads w1–w4. */
export function createEngine() {
  let dt = null;
  return {
    name: 'arquero',
    workloads: ['w1', 'w2', 'w3', 'w4'],
    async open() {},
    async ingest(format, bytes) {
      const raw = format === 'arrow' ? aq.fromArrow(bytes) : aq.fromCSV(new TextDecoder().decode(bytes));
      const table = raw.derive({ day: 'd => op.floor(+d.order_date / 86400000)' });
      return { table, rows: table.numRows(), rejected: 0 };
    },
    use(handle) {
      dt = handle.table;
    },
    async run(workload) {
      switch (workload) {
        case 'w1':
          return dt.groupby('customer_id').rollup({
            first_day: 'd => op.min(d.day)', last_day: 'd => op.max(d.day)', orders: 'd => op.count()',
            purchase_days: 'd => op.distinct(d.day)', revenue: 'd => op.sum(d.amount)', mean_amount: 'd => op.mean(d.amount)',
          });
        case 'w2':
          return dt
            .select('customer_id', 'day')
            .derive({ month: 'd => op.utcyear(d.day * 86400000) * 12 + op.utcmonth(d.day * 86400000)' })
            .select('customer_id', 'month')
            .dedupe()
            .groupby('customer_id')
            .derive({ cohort: 'd => op.min(d.month)' })
            .ungroup()
            .groupby('cohort', 'month')
            .count({ as: 'customers' });
        case 'w3': {
          const perCustomer = dt.groupby('customer_id').count({ as: 'n' });
          const share = perCustomer.rollup({ customers: 'd => op.count()', repeat_customers: 'd => op.sum(d.n >= 2 ? 1 : 0)' });
          const gaps = dt
            .select('customer_id', 'day')
            .dedupe()
            .groupby('customer_id')
            .orderby('day')
            .derive({ gap: 'd => d.day - op.lag(d.day)' })
            .ungroup()
            .filter('d => d.gap > 0') // the first day of a customer has no previous day (NaN)
            .groupby('gap')
            .count({ as: 'n' });
          return { share, gaps };
        }
        case 'w4': {
          const c = dt.groupby('customer_id').rollup({ last_day: 'd => op.max(d.day)', f: 'd => op.count()', m: 'd => op.sum(d.amount)' });
          const asOf = c.rollup({ x: 'd => op.max(d.last_day)' }).get('x', 0);
          const n = c.numRows();
          // Score = ⌊5 · (rank − 1) / n⌋ + 1 with rank() = 1 + customers strictly worse (ties share it).
          return c
            .params({ asOf, n })
            .derive({ rec: '(d, $) => $.asOf - d.last_day' })
            .orderby(aq.desc('rec'))
            .derive({ r: '(d, $) => op.floor((5 * (op.rank() - 1)) / $.n) + 1' })
            .orderby('f')
            .derive({ fs: '(d, $) => op.floor((5 * (op.rank() - 1)) / $.n) + 1' })
            .orderby('m')
            .derive({ ms: '(d, $) => op.floor((5 * (op.rank() - 1)) / $.n) + 1' })
            .groupby('r', 'fs', 'ms')
            .count({ as: 'customers' });
        }
        default:
          throw new Error(`unknown workload ${workload}`);
      }
    },
    async canonical(workload, res) {
      if (workload === 'w1') {
        const s = res.rollup({
          customers: 'd => op.count()', orders: 'd => op.sum(d.orders)', purchaseDays: 'd => op.sum(d.purchase_days)',
          revenue: 'd => op.sum(d.revenue)', firstDaySum: 'd => op.sum(d.first_day)', lastDaySum: 'd => op.sum(d.last_day)',
          ordersTimesDays: 'd => op.sum(d.orders * d.purchase_days)',
        });
        return s.objects()[0];
      }
      if (workload === 'w2') {
        const cohort = res.array('cohort');
        const month = res.array('month');
        const k = res.array('customers');
        const rows = [];
        for (let i = 0; i < res.numRows(); i++) rows.push([monthKey(cohort[i]), month[i] - cohort[i], k[i]]);
        return { cells: cohortCells(rows) };
      }
      if (workload === 'w3') {
        const share = res.share.objects()[0];
        return { customers: share.customers, repeatCustomers: share.repeat_customers, ...gapDistribution(res.gaps.array('gap'), res.gaps.array('n')) };
      }
      if (workload === 'w4') return rfmCube(res.array('r'), res.array('fs'), res.array('ms'), res.array('customers'));
      return null;
    },
    async close() {
      dt = null;
    },
  };
}
