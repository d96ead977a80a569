/**
 * The library's own core (src/core), in-thread: loadOrders from CSV or Arrow IPC bytes, then the
 * analyses the widgets run. Bundled for the page (and for the Node test) with esbuild.
 */
import { cohortRetention, customerSummary, fitBgNbd, loadOrders, repurchase, rfm } from '../../src/core/index.ts';
import { cohortCells, rfmCube } from '../lib/canonical.mjs';

const MAPPING = { customer: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' };

/**
 * Weeks, with T measured to the day after the last order day: customers whose first order is on the
 * last day then have T = 1/7 rather than 0, which BG/NBD cannot take.
 */
function summaryOptions(orders) {
  return { unit: 'weeks', asOf: orders.day[orders.length - 1] + 1 };
}

/** Our engine: workloads w1–w4 plus 'fit' (BG/NBD on the W1 summary). */
export function createEngine() {
  let orders = null;
  let summary = null;
  return {
    name: 'ours',
    workloads: ['w1', 'w2', 'w3', 'w4', 'fit'],
    async open() {},
    /** Bytes → OrderTable. Returns row counts so the driver can check nothing was rejected. */
    async ingest(format, bytes) {
      const { orders: table, report } = await loadOrders(bytes, { format, mapping: MAPPING, timeZone: 'UTC' });
      return { table, rows: table.length, rejected: report.rowsRejected };
    },
    use(handle) {
      orders = handle.table;
    },
    async run(workload) {
      switch (workload) {
        case 'w1':
          return (summary = customerSummary(orders, summaryOptions(orders)));
        case 'w2':
          return cohortRetention(orders, { period: 'month', measure: 'customers', mode: 'on' });
        case 'w3':
          return repurchase(orders);
        case 'w4':
          return rfm(orders);
        case 'fit':
          return fitBgNbd(summary ?? customerSummary(orders, summaryOptions(orders)));
        default:
          throw new Error(`unknown workload ${workload}`);
      }
    },
    /** Result → canonical form (not timed). */
    async canonical(workload, res) {
      if (workload === 'w1') {
        const t = { customers: res.length, orders: 0, purchaseDays: 0, revenue: 0, firstDaySum: 0, lastDaySum: 0, ordersTimesDays: 0 };
        for (let i = 0; i < res.length; i++) {
          t.orders += res.orders[i];
          t.purchaseDays += res.purchaseDays[i];
          t.revenue += res.revenue[i];
          t.firstDaySum += res.firstDay[i];
          t.lastDaySum += res.lastDay[i];
          t.ordersTimesDays += res.orders[i] * res.purchaseDays[i];
        }
        return t;
      }
      if (workload === 'w2') {
        const rows = [];
        for (const c of res.cohorts) c.values.forEach((v, k) => rows.push([c.cohort, k, v]));
        return { cells: cohortCells(rows) };
      }
      if (workload === 'w3') {
        const d = res.intervalDays;
        const binsMatch = d.histogram.binDays.join() === '0,1,7,14,30,60,90,180,365';
        return {
          customers: res.customers,
          repeatCustomers: res.repeatCustomers,
          gaps: d.count,
          // The library reports the mean; count × mean recovers the integer sum up to rounding.
          gapSum: Math.round(d.mean * d.count),
          gapMedian: d.median,
          bins: binsMatch ? d.histogram.counts : ['bins differ: ' + d.histogram.binDays.join()],
        };
      }
      if (workload === 'w4') return rfmCube(res.R, res.F, res.M, null);
      if (workload === 'fit') return { r: res.r, alpha: res.alpha, a: res.a, b: res.b, converged: res.converged, groups: res.groups };
      return null;
    },
    async close() {
      orders = summary = null;
    },
  };
}

