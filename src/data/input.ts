/**
 * Turning any OrdersInput into bytes/text/objects plus a format guess: URL detection, fetching with
 * streamed progress, Blob reading, and sniffing by Content-Type, extension and magic bytes.
 */
import { looksBinary } from './text.js';
import { LoadError, type LoadFormat, type LoadOptions, type LoadProgress } from './types.js';

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
  if (t === 'application/x-ndjson' || t === 'application/ndjson' || t === 'application/jsonl' || t === 'application/jsonlines') return 'ndjson';
  if (t === 'application/json' || t.endsWith('+json')) return 'json';
  if (t === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx';
  if (t.startsWith('application/vnd.apache.arrow')) return 'arrow';
  if (t === 'application/vnd.apache.parquet' || t === 'application/x-parquet' || t === 'application/parquet') return 'parquet';
  return undefined;
}

/** Format from a file name or URL path by its extension; a `.gz` ending is looked through (`orders.csv.gz` → csv). */
export function formatFromName(name: string | undefined): LoadFormat | undefined {
  const m = /\.([a-z0-9]+)$/i.exec((name ?? '').split(/[?#]/)[0].replace(/\.gz$/i, ''));
  switch (m?.[1].toLowerCase()) {
    case 'csv': return 'csv';
    case 'tsv': case 'tab': return 'tsv';
    case 'json': return 'json';
    case 'ndjson': case 'jsonl': return 'ndjson';
    case 'xlsx': return 'xlsx';
    case 'arrow': case 'arrows': case 'feather': case 'ipc': return 'arrow';
    case 'parquet': case 'pq': return 'parquet';
    default: return undefined;
  }
}

/** Whether the bytes are gzip-compressed (magic 1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * gzip bytes → their content, with the platform's DecompressionStream (Node 18+, every current
 * browser). Throws LoadError 'bad-gzip' for a damaged or cut-off file.
 * @example const csv = await gunzip(gzBytes);
 */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  try {
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    throw new LoadError('bad-gzip', `The gzip-compressed input could not be decompressed (${(e as Error).message}): the file is damaged or cut off; download it again.`, e);
  }
}

/** Whether the bytes are a zip archive (PK\x03\x04): an .xlsx workbook is one. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Format from magic bytes: PAR1, ARROW1, Arrow stream continuation, PK (xlsx), '[' / '{'; else csv (text). */
export function sniffBytes(bytes: Uint8Array): LoadFormat {
  if (isZip(bytes)) return 'xlsx';
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
  /** The URL fetched, for messages. */
  url?: string;
}

/**
 * Whether the bytes are an HTML document (`<!doctype html`, `<html`, `<head`, `<body` first, after a
 * BOM and blanks): what a wrong URL often returns with status 200 (a login or SPA fallback page).
 * @example looksLikeHtml(new TextEncoder().encode('<!DOCTYPE html><html>…')); // true
 */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).replace(/^\ufeff/, '').trimStart().slice(0, 15).toLowerCase();
  return /^<(!doctype html|html|head|body)[\s>]/.test(head);
}

/**
 * A signal that aborts when `outer` aborts or when `ms` pass without `touch()` (an inactivity timer:
 * every received chunk resets it, so a slow but steady download is never cut off, while a server
 * that stops answering is). `ms` undefined or 0: no timer, the outer signal only.
 */
function inactivitySignal(outer: AbortSignal | undefined, ms: number | undefined): { signal: AbortSignal | undefined; timedOut: () => boolean; touch: () => void; stop: () => void } {
  if (!ms) return { signal: outer, timedOut: () => false, touch: () => undefined, stop: () => undefined };
  const timer = new AbortController();
  let handle: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    if (handle !== undefined) clearTimeout(handle);
    handle = setTimeout(() => timer.abort(new DOMException(`No response for ${ms} ms`, 'TimeoutError')), ms);
  };
  arm();
  return {
    signal: outer ? AbortSignal.any([outer, timer.signal]) : timer.signal,
    timedOut: () => timer.signal.aborted && !outer?.aborted,
    touch: () => { if (!timer.signal.aborted) arm(); },
    stop: () => { if (handle !== undefined) clearTimeout(handle); },
  };
}

/**
 * Fetches a URL with the signal; format hint from Content-Type, then the path's extension.
 * `timeoutMs` (optional, 0 = none) bounds every wait for the server: for the response headers and
 * between two chunks of the body. When it passes the request is aborted and a LoadError 'timeout'
 * names the URL; when the caller's `signal` aborts, its reason is thrown as it is.
 */
export async function fetchBytes(url: string | URL, init: RequestInit | undefined, signal: AbortSignal | undefined,
  onProgress: ((p: LoadProgress) => void) | undefined, timeoutMs?: number): Promise<FetchedBytes> {
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  const href = typeof url === 'string' ? new URL(url.trim(), base).href : url.href;
  const outer = signal ?? init?.signal ?? undefined;
  const timer = inactivitySignal(outer, timeoutMs);
  const timeoutError = (e?: unknown) => new LoadError('timeout',
    `Fetching ${href} timed out: the server sent nothing for ${timeoutMs} ms. Check that the server is up, or allow more time with the timeout attribute (timeoutMs option).`, e);
  try {
    let response: Response;
    try {
      response = await fetch(href, { ...init, signal: timer.signal });
    } catch (e) {
      if (timer.timedOut()) throw timeoutError(e);
      outer?.throwIfAborted();
      if ((e as Error)?.name === 'AbortError') throw e;
      throw new LoadError('fetch-failed', `Could not fetch ${href} (${(e as Error).message}): check the URL, the network and, for another origin, that the server sends CORS headers (Access-Control-Allow-Origin).`, e);
    }
    if (!response.ok) {
      void response.body?.cancel().catch(() => undefined);
      const status = `${response.status} ${response.statusText}`.trim();
      const hint = response.status === 401 || response.status === 403
        ? 'check the credentials (the fetchOptions property) and that you may read it'
        : response.status === 404 || response.status === 410 ? 'check the URL (src)'
        : response.status >= 500 ? 'the server failed; try again later (Retry) or ask its owner'
        : 'check the URL and the request';
      throw new LoadError(`http-${response.status}`, `Fetching ${href} failed with HTTP ${status}: ${hint}.`);
    }
    timer.touch();
    const length = Number(response.headers.get('content-length'));
    const totalBytes = Number.isFinite(length) && length > 0 && !response.headers.get('content-encoding') ? length : undefined;
    const onChunk = (p: LoadProgress) => {
      timer.touch();
      onProgress?.(p);
    };
    let bytes: Uint8Array;
    try {
      bytes = response.body
        ? await readStream(response.body, totalBytes, timer.signal, onChunk)
        : new Uint8Array(await response.arrayBuffer());
    } catch (e) {
      if (timer.timedOut()) throw timeoutError(e);
      outer?.throwIfAborted();
      if (e instanceof LoadError || (e as Error)?.name === 'AbortError') throw e;
      throw new LoadError('fetch-failed', `The download of ${href} broke off (${(e as Error).message}): check the network and try again (Retry).`, e);
    }
    return { bytes, url: href, hint: formatFromContentType(response.headers.get('content-type')) ?? formatFromName(new URL(href).pathname) };
  } finally {
    timer.stop();
  }
}

/** Reads a Blob (or File) as a stream with progress; format hint from its type, then its name. */
export async function blobBytes(blob: Blob, signal: AbortSignal | undefined, onProgress: ((p: LoadProgress) => void) | undefined): Promise<FetchedBytes> {
  const bytes = await readStream(blob.stream(), blob.size, signal, onProgress);
  return { bytes, hint: formatFromContentType(blob.type) ?? formatFromName((blob as File).name) };
}

/**
 * The bytes of an input that is a URL (a URL-like string or a URL object), bytes or a Blob —
 * fetched or read with the options' signal, progress and timeout — or undefined for inputs that
 * are already values (rows, an Arrow Table, text).
 * @example const got = await inputBytes(input, opts); if (got) return fromBytes(got);
 */
export async function inputBytes(
  input: unknown,
  opts: Pick<LoadOptions, 'signal' | 'onProgress' | 'fetchOptions' | 'timeoutMs'>,
): Promise<FetchedBytes | undefined> {
  const { signal, onProgress } = opts;
  if ((typeof input === 'string' && looksLikeUrl(input)) || input instanceof URL) return fetchBytes(input, opts.fetchOptions, signal, onProgress, opts.timeoutMs);
  if (input instanceof Uint8Array) return { bytes: input };
  if (input instanceof ArrayBuffer) return { bytes: new Uint8Array(input) };
  if (typeof Blob !== 'undefined' && input instanceof Blob) return blobBytes(input, signal, onProgress);
  return undefined;
}

/**
 * The format of fetched or given bytes, after the checks every reader makes first: empty input,
 * and an HTML page where data was expected (unless a format is forced). Magic bytes win over a
 * generic hint (servers often say text/plain or octet-stream), and a body that is not what its
 * Content-Type claims (CSV served as application/json) is read as what it is. (Parquet always starts
 * with PAR1; Arrow is binary: text under either claim is read as text.)
 * @example const format = bytesFormat(got, opts.format); // 'csv' | 'tsv' | 'json' | 'arrow' | 'parquet'
 */
export function bytesFormat(got: FetchedBytes, forced: LoadFormat | undefined): LoadFormat {
  const { bytes } = got;
  if (bytes.length === 0) throw new LoadError('empty', 'The input is empty: there are no rows to load.');
  if (forced === undefined && looksLikeHtml(bytes)) {
    throw new LoadError('html-page', `${got.url ? `${got.url} returned` : 'The input is'} an HTML page, not order data: check the URL (a login page, an error page or a web app's fallback page is served instead of the file).`);
  }
  const sniffed = sniffBytes(bytes);
  const claimWrong = ((got.hint === 'json' || got.hint === 'ndjson') && sniffed !== 'json') || (got.hint === 'parquet' && sniffed !== 'parquet') ||
    (got.hint === 'xlsx' && sniffed !== 'xlsx') ||
    (got.hint === 'arrow' && sniffed !== 'arrow' && !looksBinary(bytes));
  const hint = claimWrong ? undefined : got.hint;
  return forced ?? (sniffed === 'parquet' || sniffed === 'arrow' || sniffed === 'xlsx' ? sniffed : hint ?? sniffed);
}
