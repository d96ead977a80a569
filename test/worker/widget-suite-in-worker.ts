// The whole widget suite with the shared compute worker on (not a *.test.ts file: it re-runs every
// widget test, ~1 min). Run: node scripts/run-tests.mjs test/worker/widget-suite-in-worker.ts
// Two assertions read the page's sharedResult cache (dashboard, kpis): with the worker on, that
// cache lives in the worker (see WorkerClient.hasSharedResult), so they are expected to fail here.
import { setWorkerUrl, workerClient } from '../../src/worker/client.js';

setWorkerUrl('/src/worker/worker.ts');

after(() => {
  const c = workerClient();
  // eslint-disable-next-line no-console
  console.log(`compute worker: mode=${c.mode} scope=${c.workerScope} stats=${JSON.stringify(c.stats)}`);
});

await import('../widgets/churn.test.js');
await import('../widgets/clv.test.js');
await import('../widgets/cohort-retention.test.js');
await import('../widgets/dashboard.test.js');
await import('../widgets/export.test.js');
await import('../widgets/kpis.test.js');
await import('../widgets/lifecycle.test.js');
await import('../widgets/orders.test.js');
await import('../widgets/repurchase.test.js');
await import('../widgets/rfm-grid.test.js');
await import('../widgets/shared.test.js');
