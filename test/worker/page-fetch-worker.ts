// Test-only entry of the shared compute worker: the real worker module (src/worker/worker.ts) with
// its `fetch` answered by the page's `window.fetch`, through a BroadcastChannel named in this
// script's `?channel=` query. Widget tests that spy on or fake `window.fetch` (count fetches of a
// file, a source that answers 503 once) then observe the worker's requests exactly as they observe
// in-thread ones: every fetch the worker makes is one call of the page's fetch. Only the network
// request crosses; parsing and every analysis still run in this worker.
// The page side is `answerWorkerFetches` in in-worker.ts.
// Imported statically: its message listener must be attached when this module finishes evaluating
// (messages that arrive before a late, awaited import would not reach it).
import '../../src/worker/worker.js';
import type { ProxiedFetchReply, ProxiedFetchRequest } from './in-worker.js';

const name = new URL(self.location.href).searchParams.get('channel');
if (!name) throw new Error('page-fetch-worker: no ?channel= in the script URL');
const channel = new BroadcastChannel(name);
const pending = new Map<number, (reply: ProxiedFetchReply) => void>();
let nextId = 0;

channel.addEventListener('message', (event: MessageEvent<ProxiedFetchReply>) => {
  const settle = pending.get(event.data.id);
  pending.delete(event.data.id);
  settle?.(event.data);
});

self.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  if (signal?.aborted) return Promise.reject(signal.reason);
  const id = ++nextId;
  const url = input instanceof Request ? input.url : String(input);
  const { signal: _signal, ...rest } = init ?? {};
  const headers = rest.headers === undefined ? undefined : [...new Headers(rest.headers).entries()];
  const request: ProxiedFetchRequest = { id, url, init: { ...rest, headers } };
  return new Promise<Response>((resolve, reject) => {
    signal?.addEventListener('abort', () => {
      pending.delete(id);
      reject(signal.reason);
    });
    pending.set(id, (reply) => {
      if ('error' in reply) reject(reply.error.name === 'TypeError' ? new TypeError(reply.error.message) : new Error(reply.error.message));
      else resolve(new Response(reply.status === 204 || reply.status === 304 ? null : reply.body, { status: reply.status, statusText: reply.statusText, headers: reply.headers }));
    });
    channel.postMessage(request);
  });
};

