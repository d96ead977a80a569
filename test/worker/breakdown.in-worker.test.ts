// test/widgets/breakdown.test.ts again, with the shared compute worker on (see in-worker.ts).
import { runInWorker } from './in-worker.js';

await runInWorker(() => import('../widgets/breakdown.test.js'));
