// test/widgets/dashboard.test.ts again, with the shared compute worker on (see in-worker.ts).
import { runInWorker } from './in-worker.js';

await runInWorker(() => import('../widgets/dashboard.test.js'), { pageFetch: true });
