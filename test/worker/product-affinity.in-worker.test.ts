// test/widgets/product-affinity.test.ts again, with the shared compute worker on (see in-worker.ts).
import { runInWorker } from './in-worker.js';

await runInWorker(() => import('../widgets/product-affinity.test.js'));
