import { expect } from '@open-wc/testing';
import type { OrderTable } from '../../src/core/order-table.js';
import { loadOrders } from '../../src/data/index.js';
import type { LoadProgress } from '../../src/data/types.js';
import { ANALYSES, runAnalysisHere, selectCustomersHere, type AnalysisName, type AnalysisParams, type AnalysisSelection } from '../../src/analyses/registry.js';
import { WorkerClient } from '../../src/worker/client.js';

const MASTER = '/data/cdnow/CDNOW_master.txt';
const WORKER = '/src/worker/worker.ts';

/** Parameters a widget would pass, per registry entry (day numbers, not attributes). */
const PARAMS: { [N in AnalysisName]: AnalysisParams<N> } = {
  cohortRetention: { period: 'month', measure: 'customers', mode: 'on' },
  repurchase: { period: 'month', withinDays: 90 },
  kpiWindows: { windowDays: 90, inactiveDays: 'auto', horizonMonths: 12 },
  rfm: { bins: 5 },
  lifecycle: { period: 'month', inactiveDays: 'auto' },
  churnAnalysis: { period: 'month', inactiveDays: 'auto', pAliveBelow: 0.5, unit: 'weeks' },
  clvAnalysis: { horizon: 12, discountRate: 0.01, unit: 'weeks', limit: 10 },
  productAffinity: { by: 'product', minOrders: 2, top: 50, matrixItems: 10 },
  drivers: { target: 'repurchase', withinDays: 90 },
  filterOrders: { fromDay: Date.UTC(1997, 1, 1) / 864e5, toDay: Date.UTC(1997, 11, 31) / 864e5, customers: null },
  segmentComparison: { by: 'firstOrderValue', top: 3, metrics: ['repurchaseWithinDays', 'repurchaseRate', 'churnRate', 'retention:1', 'meanClv', 'rfm:champions', 'stage:active', 'windowAov'], withinDays: 90 },
};

/** A click per registry entry that has customers behind clicks (CDNOW months, scores, stages, bins). */
const SELECTIONS: { [N in AnalysisName]?: AnalysisSelection<N> } = {
  cohortRetention: { cohort: '1997-01', periodIndex: 2 },
  repurchase: { kind: 'frequency', orders: 2, orPlus: false },
  kpiWindows: { kpi: 'repurchaseRate' },
  rfm: { r: 5, f: 5 },
  lifecycle: { period: '1997-06', stage: 'dormant' },
  churnAnalysis: { kind: 'period', period: '1997-10' },
  clvAnalysis: { lo: 0, hi: 50 },
  segmentComparison: { key: '(other)' },
  drivers: { kind: 'factor', feature: 'cohort', value: '1997-02' },
};

/** A copy of a table (a new object: no cached results, not known to any client). */
function copyOf(t: OrderTable): OrderTable {
  return structuredClone(t);
}

/** Seeded order log: `customers` customers, 1–6 orders each over three years, sorted by day. */
function generated(customers: number, seed = 7): OrderTable {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const perCustomer = new Int32Array(customers);
  let n = 0;
  for (let c = 0; c < customers; c++) n += perCustomer[c] = 1 + Math.floor(rand() * rand() * 6);
  const start = Date.UTC(2020, 0, 1) / 864e5;
  const rows: { c: number; d: number }[] = [];
  for (let c = 0; c < customers; c++) {
    let d = start + Math.floor(rand() * 400);
    for (let k = 0; k < perCustomer[c]; k++) {
      rows.push({ c, d });
      d += 1 + Math.floor(rand() * 120);
    }
  }
  rows.sort((a, b) => a.d - b.d);
  const codes = new Int32Array(n);
  const day = new Int32Array(n);
  const amount = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    codes[i] = rows[i].c;
    day[i] = rows[i].d;
    amount[i] = 10 + Math.floor(rand() * 9000) / 100;
  }
  return { length: n, customer: { codes, values: Array.from({ length: customers }, (_, i) => `c${i}`) }, day, amount, hasAmount: true, timeZone: 'UTC' };
}

async function isAbortError(p: Promise<unknown>): Promise<boolean> {
  try {
    await p;
    return false;
  } catch (e) {
    return (e as { name?: string }).name === 'AbortError';
  }
}

describe('shared compute worker', function () {
  this.timeout(240_000);
  let client: WorkerClient;
  let local: OrderTable;
  let remote: OrderTable;
  let rowsRead = 0;
  const progress: LoadProgress[] = [];

  before(async () => {
    client = new WorkerClient(WORKER);
    const loaded = await client.load(MASTER, { duplicates: 'keep', onProgress: (p) => progress.push(p) });
    remote = loaded.orders;
    rowsRead = loaded.report.rowsRead;
    local = (await loadOrders(MASTER, { duplicates: 'keep' })).orders;
  });
  after(() => client.dispose());

  it('parses in a dedicated worker and reports progress of the URL load', () => {
    expect(client.mode).to.equal('worker');
    expect(client.workerScope).to.equal('DedicatedWorkerGlobalScope');
    expect(client.stats.fallbacks).to.equal(0);
    expect(progress.length).to.be.greaterThan(0);
    expect(progress.some((p) => p.phase === 'parse' || p.phase === 'fetch')).to.equal(true);
    // The worker's table is the in-thread one (the loader is the same code).
    expect(rowsRead).to.equal(69659);
    expect(remote).to.deep.equal(local);
  });

  for (const name of Object.keys(ANALYSES) as AnalysisName[]) {
    it(`${name}: the worker computes what the page computes`, async () => {
      const inWorker = await client.run(remote, name, PARAMS[name] as never);
      const inThread = runAnalysisHere(local, name, PARAMS[name] as never);
      expect(inWorker).to.deep.equal(inThread);
    });
  }

  for (const name of Object.keys(SELECTIONS) as AnalysisName[]) {
    it(`${name}: the customers behind a click are listed in the worker as in the page`, async () => {
      const selection = SELECTIONS[name] as never;
      await client.run(remote, name, PARAMS[name] as never);
      const inWorker = await client.customers(remote, name, PARAMS[name] as never, selection);
      const inThread = selectCustomersHere(local, name, PARAMS[name] as never, selection);
      expect(inThread.length, 'the selection names someone').to.be.greaterThan(0);
      expect(inWorker).to.deep.equal(inThread);
    });
  }

  it('every registry entry but the source filter has customers behind its clicks, and a test selection', () => {
    const withCustomers = (Object.keys(ANALYSES) as AnalysisName[]).filter((n) => 'customers' in ANALYSES[n]);
    // CDNOW has no product column: product affinity's clicks are tested on Online Retail in
    // test/widgets/product-affinity.test.ts (and in the worker by its .in-worker twin).
    expect(withCustomers.sort()).to.deep.equal([...Object.keys(SELECTIONS), 'productAffinity'].sort());
  });

  it('sends a table once for many runs, and keeps a filtered table in the worker', async () => {
    const table = copyOf(local);
    const before = client.stats.puts;
    for (const name of ['repurchase', 'rfm', 'cohortRetention', 'lifecycle'] as const) await client.run(table, name, PARAMS[name] as never);
    expect(client.stats.puts - before).to.equal(1);
    const filtered = await client.run(table, 'filterOrders', PARAMS.filterOrders);
    expect(filtered).to.not.equal(table);
    expect(filtered.length).to.be.lessThan(table.length);
    await client.run(filtered, 'repurchase', PARAMS.repurchase);
    expect(client.stats.puts - before, 'the filtered table was not sent back').to.equal(1);
    // No filter: the page's own table comes back (caches keyed on it keep hitting).
    expect(await client.run(table, 'filterOrders', { customers: null })).to.equal(table);
  });

  it('shares per-table results in the worker (one BG/NBD fit for churn, CLV and KPIs)', async () => {
    const table = copyOf(local);
    const lastDay = table.day[table.length - 1];
    expect(await client.hasSharedResult(table, `fitBgNbd:weeks:asOf=${lastDay}`)).to.equal(false);
    await client.run(table, 'churnAnalysis', PARAMS.churnAnalysis);
    expect(await client.hasSharedResult(table, `fitBgNbd:weeks:asOf=${lastDay}`)).to.equal(true);
  });

  it('aborts a job: the promise rejects with AbortError and its late result is dropped', async () => {
    const table = copyOf(local);
    const ac = new AbortController();
    const stale = client.run(table, 'clvAnalysis', PARAMS.clvAnalysis, ac.signal);
    const fresh = client.run(table, 'repurchase', PARAMS.repurchase);
    ac.abort();
    expect(await isAbortError(stale)).to.equal(true);
    // The worker finished the CLV job before reading the abort; its reply must not settle anything.
    expect(await fresh).to.deep.equal(runAnalysisHere(local, 'repurchase', PARAMS.repurchase));
    // An already aborted signal rejects at once, without a message.
    const runs = client.stats.runs;
    expect(await isAbortError(client.run(table, 'rfm', PARAMS.rfm, AbortSignal.abort()))).to.equal(true);
    expect(client.stats.runs).to.equal(runs);
  });

  it('aborts a load in the worker', async () => {
    const ac = new AbortController();
    const load = client.load(MASTER, { duplicates: 'keep', signal: ac.signal, onProgress: () => ac.abort() });
    expect(await isAbortError(load)).to.equal(true);
    expect(client.mode).to.equal('worker');
  });

  it('rebuilds errors with their class and code (a LoadError from the worker)', async () => {
    try {
      await client.load('customer,date\n', {});
      expect.fail('should have thrown');
    } catch (e) {
      expect((e as Error).name).to.equal('LoadError');
      expect((e as { code?: string }).code).to.be.a('string');
    }
  });

  it('keeps the main thread free while the worker fits BG/NBD on 300k customers', async () => {
    const table = generated(300_000);
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    const t0 = performance.now();
    const result = await client.run(table, 'churnAnalysis', PARAMS.churnAnalysis);
    const ms = performance.now() - t0;
    running = false;
    expect(result.input.length).to.be.greaterThan(200_000);
    // In-thread the loop could not tick during the fit; in the worker it keeps ticking (≈ every 4 ms).
    expect(ticks, `${ticks} ticks in ${ms.toFixed(0)} ms`).to.be.greaterThan(20);
  });
});

describe('compute worker fallback', function () {
  this.timeout(120_000);

  it('falls back to in-thread when the worker script 404s', async () => {
    const client = new WorkerClient('/src/worker/no-such-worker.js');
    const { orders } = await loadOrders(MASTER, { duplicates: 'keep' });
    const result = await client.run(orders, 'repurchase', PARAMS.repurchase);
    expect(result).to.deep.equal(runAnalysisHere(orders, 'repurchase', PARAMS.repurchase));
    expect(client.mode).to.equal('main');
    expect(client.stats.fallbacks).to.equal(1);
    // Later calls run in-thread at once.
    const loaded = await client.load(MASTER, { duplicates: 'keep' });
    expect(loaded.orders.length).to.equal(orders.length);
    expect(client.stats.loads).to.equal(0);
  });

  it('runs in-thread without a worker URL', async () => {
    const client = new WorkerClient(undefined);
    expect(client.mode).to.equal('main');
    const { orders } = await client.load(MASTER, { duplicates: 'keep' });
    expect(await client.run(orders, 'rfm', PARAMS.rfm)).to.deep.equal(runAnalysisHere(orders, 'rfm', PARAMS.rfm));
  });
});
