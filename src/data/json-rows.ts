/**
 * JSON inputs as people get them: a plain array of rows, an API envelope around it
 * (`{"data": [...], "total": 2}`, with a next-page link or cursor), newline-delimited JSON (one
 * object per line), and ids too long for a JS number.
 *
 * `JSON.parse` reads `12345678901234567891` as 12345678901234567000: two customers whose ids differ
 * in the last digits become one, and the second one's rows look like duplicates. So integers that a
 * double cannot hold exactly are read as their digits (strings) before parsing (`parseJsonExact`).
 */
import { LoadError } from './types.js';

/** Whether an integer literal's digits survive a round trip through a JS number. */
function isExactInteger(token: string): boolean {
  const digits = token.replace(/^-/, '').replace(/^0+(?=\d)/, '');
  return digits.length <= 15 || Number.isSafeInteger(Number(token));
}

/**
 * `JSON.parse`, except that integers beyond 2⁵³ (that a double would round) become strings of
 * their exact digits. Throws LoadError 'bad-json' (with `where`, e.g. "line 3", in the message).
 *
 * @example parseJsonExact('{"id": 12345678901234567891}').id; // '12345678901234567891'
 */
export function parseJsonExact(text: string, where = ''): unknown {
  const source = /\d{16}/.test(text) ? quoteLongIntegers(text) : text;
  try {
    return JSON.parse(source);
  } catch (e) {
    throw new LoadError('bad-json', `The JSON${where ? ` (${where})` : ''} could not be parsed (${(e as Error).message}): it must be an array of objects, one per order line, an object holding such an array, or one object per line (NDJSON).`, e);
  }
}

/** Quotes the integer literals (outside strings) that a double cannot hold exactly. */
function quoteLongIntegers(text: string): string {
  const parts: string[] = [];
  let last = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) { // skip a string
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
      continue;
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < n && /[0-9.eE+-]/.test(text[j])) j++;
      const token = text.slice(i, j);
      if (/^-?\d+$/.test(token) && !isExactInteger(token)) {
        parts.push(text.slice(last, i), '"', token, '"');
        last = j;
      }
      i = j - 1;
    }
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  return parts.join('');
}

/** Whether text is newline-delimited JSON: a first line that is a whole object, then another object line. */
export function looksLikeNdjson(text: string): boolean {
  const lines = text.slice(0, 1 << 16).split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return lines.length >= 2 && lines[0].startsWith('{') && lines[0].endsWith('}') && lines[1].startsWith('{');
}

/**
 * NDJSON text → rows (one object per non-blank line). Throws LoadError 'bad-json' naming the line.
 * @example parseNdjson('{"c":"a"}\n{"c":"b"}\n'); // [{ c: 'a' }, { c: 'b' }]
 */
export function parseNdjson(text: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    const t = raw.trim();
    if (t === '') continue;
    const v = parseJsonExact(t, `line ${line}`);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      throw new LoadError('not-json-array', `Line ${line} of the NDJSON is not an object: every line must be one order line, e.g. {"customer_id": "17850", "date": "2011-12-09", "amount": 12.5}.`);
    }
    rows.push(v as Record<string, unknown>);
  }
  return rows;
}

const isRow = (r: unknown): boolean => r !== null && typeof r === 'object' && !Array.isArray(r);
const isRowArray = (v: unknown): v is Record<string, unknown>[] => Array.isArray(v) && v.length > 0 && v.every(isRow);

/** The value at a dotted path (`data.items`), or undefined. */
function atPath(data: unknown, path: string): unknown {
  let v = data;
  for (const key of path.split('.').filter((k) => k !== '')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * The rows of parsed JSON: the array itself, the array at `rowsPath`, or an envelope's one property
 * that holds an array of objects. Throws LoadError 'not-json-array' saying what to pass instead.
 *
 * @example jsonRows({ data: [{ c: 'a' }], total: 1 }); // [{ c: 'a' }]
 */
export function jsonRows(data: unknown, rowsPath?: string): Record<string, unknown>[] {
  const example = 'e.g. [{"customer_id": "17850", "date": "2011-12-09", "amount": 12.5}]';
  if (rowsPath !== undefined) {
    const v = atPath(data, rowsPath);
    if (Array.isArray(v) && v.every(isRow)) return v as Record<string, unknown>[];
    throw new LoadError('not-json-array', `The JSON has no array of objects at rows-path "${rowsPath}" (${v === undefined ? 'nothing is there' : `it holds ${Array.isArray(v) ? 'an array of non-objects' : typeof v}`}): set rows-path (option rowsPath) to the dotted path of the rows, e.g. "data.items".`);
  }
  if (Array.isArray(data)) {
    const bad = data.findIndex((r) => !isRow(r));
    if (bad < 0) return data as Record<string, unknown>[];
    throw new LoadError('not-json-array', `The JSON is an array whose item ${bad + 1} is not an object; it must be an array of objects: give one object per order line, ${example}.`);
  }
  if (data !== null && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    const arrays = Object.keys(record).filter((k) => isRowArray(record[k]));
    if (arrays.length === 1) return record[arrays[0]] as Record<string, unknown>[];
    const empty = Object.keys(record).filter((k) => Array.isArray(record[k]) && (record[k] as unknown[]).length === 0);
    if (arrays.length === 0 && empty.length === 1) return [];
    if (arrays.length > 1) {
      throw new LoadError('not-json-array', `The JSON object holds several arrays of objects (${arrays.map((k) => `"${k}"`).join(', ')}): set rows-path (option rowsPath) to the one that holds the orders, e.g. "${arrays[0]}".`);
    }
    const deeper = Object.keys(record).find((k) => record[k] !== null && typeof record[k] === 'object' && !Array.isArray(record[k]) &&
      Object.values(record[k] as object).some(isRowArray));
    const inner = Object.keys(record).find((k) => Array.isArray(record[k]));
    throw new LoadError('not-json-array', `The JSON is an object with no array of order objects in it; it must be an array of objects: give one object per order line, ${example}.` +
      (deeper !== undefined ? ` Its rows seem to be deeper, under "${deeper}": set rows-path (option rowsPath), e.g. "${deeper}.${Object.keys(record[deeper] as object).find((k) => isRowArray((record[deeper] as Record<string, unknown>)[k]))}".`
        : inner !== undefined ? ` Its "${inner}" property holds an array: pass that array (e.g. data = json[${JSON.stringify(inner)}]) or set rows-path (option rowsPath) to "${inner}".` : ''));
  }
  const what = data === null ? 'null' : `a ${typeof data}`;
  throw new LoadError('not-json-array', `The JSON is ${what}; it must be an array of objects: give one object per order line, ${example}.`);
}

const NEXT_LINKS = ['next', 'next_url', 'nextUrl', 'next_page_url', 'nextPageUrl', 'links.next', 'links.next.href', '_links.next.href',
  'paging.next', 'meta.next', 'pagination.next', 'pagination.next_url', 'meta.pagination.links.next'];
const NEXT_CURSORS = ['next_cursor', 'nextCursor', 'meta.next_cursor', 'meta.nextCursor', 'pagination.next_cursor', 'pagination.nextCursor',
  'paging.cursors.after', 'response_metadata.next_cursor', 'cursor.next'];

/**
 * Where an envelope says the next page is: a URL (absolute or relative to `pageUrl`) from a next
 * link, or `pageUrl` with `cursor=<value>` from a next cursor; undefined on the last page (no link,
 * an empty or null one, or `has_more: false`).
 *
 * @example nextPageUrl({ data: [], next: '/api/orders?page=2' }, 'https://x.test/api/orders'); // 'https://x.test/api/orders?page=2'
 */
export function nextPageUrl(envelope: unknown, pageUrl: string): string | undefined {
  if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope)) return undefined;
  const e = envelope as Record<string, unknown>;
  if (e.has_more === false || e.hasMore === false) return undefined;
  for (const path of NEXT_LINKS) {
    const v = atPath(e, path);
    if (typeof v === 'string' && v.trim() !== '') return new URL(v.trim(), pageUrl).href;
  }
  for (const path of NEXT_CURSORS) {
    const v = atPath(e, path);
    if ((typeof v === 'string' && v !== '') || typeof v === 'number') {
      const url = new URL(pageUrl);
      url.searchParams.set('cursor', String(v));
      return url.href;
    }
  }
  return undefined;
}
