// Runs a widget test module a second time with the shared compute worker on (see the
// *.test.ts files next to this one). The web test runner gives every test file its own page, so
// each widget test file runs here in a page of its own, as in its in-thread run, and its mocha
// suites are registered once per page.
import { expect } from '@open-wc/testing';
import { setWorkerUrl, workerClient } from '../../src/worker/client.js';

/** A fetch the page-fetch worker asks the page to make (init without signal; headers as pairs). */
export interface ProxiedFetchRequest {
  id: number;
  url: string;
  init: Omit<RequestInit, 'signal' | 'headers'> & { headers?: [string, string][] };
}

/** The page's answer: the whole response (status, headers, body bytes) or the error it threw. */
export type ProxiedFetchReply =
  | { id: number; status: number; statusText: string; headers: [string, string][]; body: ArrayBuffer }
  | { id: number; error: { name: string; message: string } };

/** Answers the page-fetch worker's requests with `window.fetch` (looked up per call, so spies apply). */
function answerWorkerFetches(name: string): void {
  const channel = new BroadcastChannel(name);
  channel.addEventListener('message', async (event: MessageEvent<ProxiedFetchRequest>) => {
    const { id, url, init } = event.data;
    let reply: ProxiedFetchReply;
    try {
      const res = await window.fetch(url, init);
      reply = { id, status: res.status, statusText: res.statusText, headers: [...res.headers.entries()], body: await res.arrayBuffer() };
    } catch (e) {
      const err = e as { name?: string; message?: string };
      reply = { id, error: { name: String(err?.name ?? 'Error'), message: String(err?.message ?? e) } };
    }
    channel.postMessage(reply);
  });
}

/**
 * Turns the compute worker on, imports the widget test module, and adds a last test that checks
 * the module's widgets really computed in the worker.
 * `pageFetch`: the worker's fetches go through the page's `window.fetch`, for modules that spy on it.
 * @example await runInWorker(() => import('../widgets/churn.test.js'));
 */
export async function runInWorker(importTests: () => Promise<unknown>, options: { pageFetch?: boolean } = {}): Promise<void> {
  if (options.pageFetch) {
    const name = `rw-page-fetch-${Math.random().toString(36).slice(2)}`;
    answerWorkerFetches(name);
    setWorkerUrl(`/test/worker/page-fetch-worker.ts?channel=${name}`);
  } else {
    setWorkerUrl('/src/worker/worker.ts');
  }
  await importTests();
  describe('(compute worker on)', () => {
    it('the widgets above computed in the shared worker, without falling back', () => {
      const client = workerClient();
      expect(client.mode).to.equal('worker');
      expect(client.workerScope).to.equal('DedicatedWorkerGlobalScope');
      expect(client.stats.runs).to.be.greaterThan(0);
      expect(client.stats.fallbacks).to.equal(0);
    });
  });
}
