/**
 * Turning any OrdersInput into bytes/text/objects plus a format guess: URL detection, fetching with
 * streamed progress, Blob reading, and sniffing by Content-Type, extension and magic bytes.
 */
import { LoadError, type LoadFormat, type LoadProgress } from './types.js';

/**
 * Whether a string is a URL to fetch rather than data. Rule: it has no line break, tab or `"`, and
 * - it has a scheme (`https:`, `http:`, `blob:`, `data:`, `file:`) and parses as an absolute URL, or
 * - it parses relative to `globalThis.location`, contains no `,` `;` `|` or whitespace, and contains
 *   a `/` or a `.` (`orders.csv`, `/data/x.parquet`, `../a?b=1`). A single word such as `customer`
 *   is treated as (header-only) text, not as a relative URL.
 *
 * @example
 * looksLikeUrl('https://example.com/orders.csv'); // true
 * looksLikeUrl('customer,date,amount');           // false
 */
export function looksLikeUrl(s: string): boolean {
  const t = s.trim();
  if (t === '' || t.length > 8192 || /[\r\n\t"]/.test(t)) return false;
  if (/^(https?|blob|data|file):/i.test(t)) {
    try {
      new URL(t);
      return true;
    } catch {
      return false;
    }
  }
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  if (base === undefined || /[\s,;|]/.test(t) || !/[./]/.test(t) || t.startsWith('[') || t.startsWith('{')) return false;
  try {
    new URL(t, base);
    return true;
  } catch {
    return false;
  }
}

export function formatFromContentType(type: string | null | undefined): LoadFormat | undefined {
  const t = (type ?? '').toLowerCase().split(';')[0].trim();
  if (t === 'text/csv' || t === 'application/csv') return 'csv';
  if (t === 'text/tab-separated-values') return 'tsv';
  if (t === 'application/json' || t.endsWith('+json')) return 'json';
  if (t.startsWith('application/vnd.apache.arrow')) return 'arrow';
  if (t === 'application/vnd.apache.parquet' || t === 'application/x-parquet' || t === 'application/parquet') return 'parquet';
  return undefined;
}

export function formatFromName(name: string | undefined): LoadFormat | undefined {
  const m = /\.([a-z0-9]+)$/i.exec((name ?? '').split(/[?#]/)[0]);
  switch (m?.[1].toLowerCase()) {
    case 'csv': return 'csv';
    case 'tsv': case 'tab': return 'tsv';
    case 'json': return 'json';
    case 'arrow': case 'arrows': case 'feather': case 'ipc': return 'arrow';
    case 'parquet': case 'pq': return 'parquet';
    default: return undefined;
  }
}

/** Format from magic bytes: PAR1, ARROW1, Arrow stream continuation, '[' / '{'; else csv (text). */
export function sniffBytes(bytes: Uint8Array): LoadFormat {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31) return 'parquet';
  if (bytes.length >= 6 && String.fromCharCode(...bytes.subarray(0, 6)) === 'ARROW1') return 'arrow';
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff) return 'arrow';
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 10 || bytes[i] === 13)) i++;
  if (bytes[i] === 0x5b || bytes[i] === 0x7b) return 'json';
  return 'csv';
}

/** Reads a stream fully, reporting progress and honouring the signal between chunks. */
async function readStream(stream: ReadableStream<Uint8Array>, totalBytes: number | undefined,
  signal: AbortSignal | undefined, onProgress: ((p: LoadProgress) => void) | undefined): Promise<Uint8Array> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let bytes = 0;
  const abort = () => { void reader.cancel().catch(() => undefined); };
  signal?.addEventListener('abort', abort);
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) break;
      parts.push(value);
      bytes += value.length;
      onProgress?.({ phase: 'fetch', bytes, totalBytes });
    }
  } finally {
    signal?.removeEventListener('abort', abort);
  }
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(bytes);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface FetchedBytes {
  bytes: Uint8Array;
  hint?: LoadFormat;
}

/** Fetches a URL with the signal; format hint from Content-Type, then the path's extension. */
export async function fetchBytes(url: string | URL, init: RequestInit | undefined, signal: AbortSignal | undefined,
  onProgress: ((p: LoadProgress) => void) | undefined): Promise<FetchedBytes> {
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  const href = typeof url === 'string' ? new URL(url.trim(), base).href : url.href;
  let response: Response;
  try {
    response = await fetch(href, { ...init, signal: signal ?? init?.signal });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    signal?.throwIfAborted();
    throw new LoadError('fetch-failed', `Could not fetch ${href} (${(e as Error).message}): check the URL, the network and CORS headers.`, e);
  }
  if (!response.ok) {
    throw new LoadError(`http-${response.status}`, `Fetching ${href} failed with HTTP ${response.status} ${response.statusText}: check the URL.`.replace(' :', ':'));
  }
  const length = Number(response.headers.get('content-length'));
  const totalBytes = Number.isFinite(length) && length > 0 && !response.headers.get('content-encoding') ? length : undefined;
  const bytes = response.body
    ? await readStream(response.body, totalBytes, signal, onProgress)
    : new Uint8Array(await response.arrayBuffer());
  return { bytes, hint: formatFromContentType(response.headers.get('content-type')) ?? formatFromName(new URL(href).pathname) };
}

/** Reads a Blob (or File) as a stream with progress; format hint from its type, then its name. */
export async function blobBytes(blob: Blob, signal: AbortSignal | undefined, onProgress: ((p: LoadProgress) => void) | undefined): Promise<FetchedBytes> {
  const bytes = await readStream(blob.stream(), blob.size, signal, onProgress);
  return { bytes, hint: formatFromContentType(blob.type) ?? formatFromName((blob as File).name) };
}
