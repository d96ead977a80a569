/**
 * Conditional GETs for `refresh="…"`: the validators of the last response (ETag, Last-Modified) go
 * back as If-None-Match / If-Modified-Since, so an unchanged endpoint answers 304 with no body and
 * the widget keeps its table without parsing or recomputing anything (RFC 9110 §13.1).
 */
import { formatFromContentType, formatFromName } from '../../data/input.js';
import { LoadError, type LoadFormat } from '../../data/types.js';

/** What the server said identifies the current version of the data. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type ConditionalResult =
  | { status: 'not-modified' }
  | { status: 'changed'; bytes: Uint8Array; validators: Validators; format?: LoadFormat };

/** `init.headers` plus the conditional headers (the caller's own headers, e.g. a token, are kept). */
function withValidators(init: RequestInit | undefined, validators: Validators | undefined): Headers {
  const headers = new Headers(init?.headers);
  if (validators?.etag) headers.set('If-None-Match', validators.etag);
  if (validators?.lastModified) headers.set('If-Modified-Since', validators.lastModified);
  return headers;
}

/**
 * Fetches `url` unless it is unchanged since `validators` were given. `timeoutMs` (0 = none) limits
 * the wait for the response, as the loader's `timeoutMs` does. Errors are LoadErrors
 * ('http-<status>', 'fetch-failed', 'timeout'); an abort rejects with the signal's reason.
 *
 * @example
 * const got = await fetchIfChanged(url, { headers: { Authorization: token } }, last, signal, 30_000);
 * if (got.status === 'changed') { last = got.validators; await loadOrders(got.bytes); }
 */
export async function fetchIfChanged(url: URL, init: RequestInit | undefined, validators: Validators | undefined, signal: AbortSignal, timeoutMs = 0): Promise<ConditionalResult> {
  const ac = new AbortController();
  const onAbort = () => ac.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = timeoutMs > 0 ? setTimeout(() => { timedOut = true; ac.abort(); }, timeoutMs) : undefined;
  try {
    let response: Response;
    try {
      // no-cache: the browser's own HTTP cache must not answer for the server (it would turn our
      // 304 into a 200 with the old body); the validators make the request cheap anyway.
      response = await fetch(url, { ...init, headers: withValidators(init, validators), cache: 'no-cache', signal: ac.signal });
    } catch (e) {
      signal.throwIfAborted();
      if (timedOut) throw new LoadError('timeout', `The server did not answer within ${timeoutMs} ms: ${url.href}`);
      throw new LoadError('fetch-failed', `Could not fetch ${url.href} (network error or CORS).`, e);
    }
    if (response.status === 304) return { status: 'not-modified' };
    if (!response.ok) throw new LoadError(`http-${response.status}`, `The server answered ${response.status} ${response.statusText} for ${url.href}.`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const next: Validators = {};
    const etag = response.headers.get('ETag');
    const lastModified = response.headers.get('Last-Modified');
    if (etag) next.etag = etag;
    if (lastModified) next.lastModified = lastModified;
    const format = formatFromContentType(response.headers.get('Content-Type')) ?? formatFromName(url.pathname);
    return format ? { status: 'changed', bytes, validators: next, format } : { status: 'changed', bytes, validators: next };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}
