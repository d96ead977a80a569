// test/widgets/orders.test.ts again, with the shared compute worker on (see in-worker.ts).
import { runInWorker } from './in-worker.js';

await runInWorker(() => import('../widgets/orders.test.js'), { pageFetch: true });
