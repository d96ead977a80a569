/**
 * Delimited and whitespace-aligned text → DecodedRows, straight from the characters.
 *
 * Bytes are decoded in 4 MiB pieces with a streaming TextDecoder (UTF-8; a BOM is dropped), each
 * piece is cut after its last complete record (a newline outside quotes) and scanned with
 * `charCodeAt`. Only the mapped fields become values: ids are sliced into a dictionary, dates and
 * amounts are parsed from the characters without creating strings. No per-field objects.
 *
 * Rules (documented for users):
 * - RFC 4180 quoting for `,` `;` `|` and tab delimiters: quoted fields may contain delimiters, `""`
 *   and newlines; CRLF or LF line ends; a trailing newline is fine.
 * - Whitespace-aligned text (columns separated by runs of spaces/tabs, e.g. CDNOW_master.txt) has no quoting.
 * - Blank lines are skipped and not counted as rows; a row with fewer fields than the header has
 *   missing values for the absent columns (which then fail the usual checks, e.g. 'missing-customer');
 *   extra fields are ignored (but count for the duplicate check).
 * - Fields are trimmed of spaces before parsing.
 * - Duplicate rows are detected on the field values (quotes removed), over all fields of the row.
 */
import { resolveMapping, ROLE_AMOUNT_A, ROLE_AMOUNT_B, ROLE_CUSTOMER, ROLE_DATE, ROLES } from './mapping.js';
import { parseAmountText } from './parse-amount.js';
import { parseDateText } from './parse-date.js';
import type { ZoneClock } from './time-zone.js';
import { LoadError, type ColumnMapping, type LoadProgress, type ResolvedMapping } from './types.js';
import { FIELD_SEPARATOR, finishIds, HASH_SEED_A, HASH_SEED_B, IdEncoder, type DecodedRows, type IdColumn } from './decoded.js';
import { formatName, looksLikeHeader, sniffDelimiter, splitRecord, WHITESPACE } from './text-sniff.js';
import { yieldToEventLoop } from './yield.js';

const CHUNK = 4 << 20;

export interface TextOptions {
  clock: ZoneClock;
  mapping?: ColumnMapping;
  header?: boolean;
  columns?: string[];
  format?: 'csv' | 'tsv';
  signal?: AbortSignal;
  onProgress?: (p: LoadProgress) => void;
}

/** True when the bytes look like binary data rather than text (NUL or many control characters). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32) || b === 127) control++;
  }
  return control > n / 100;
}

/** Pieces of text, each ending wherever the input piece ends. */
function* textPieces(input: string | Uint8Array): Generator<{ text: string; bytes: number; final: boolean }> {
  if (typeof input === 'string') {
    const start = input.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (let i = start; i < input.length; i += CHUNK) {
      yield { text: input.slice(i, i + CHUNK), bytes: Math.min(input.length, i + CHUNK), final: i + CHUNK >= input.length };
    }
    if (input.length <= start) yield { text: '', bytes: 0, final: true };
    return;
  }
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < input.length; i += CHUNK) {
    const end = Math.min(input.length, i + CHUNK);
    const final = end >= input.length;
    yield { text: decoder.decode(input.subarray(i, end), { stream: !final }), bytes: end, final };
  }
  if (input.length === 0) yield { text: '', bytes: 0, final: true };
}

/** Index just after the last newline that is outside quotes in `text`, or 0. */
function completeRecordsEnd(text: string, quotes: boolean): number {
  let cut = text.lastIndexOf('\n') + 1;
  if (!quotes || cut === 0 || text.indexOf('"') < 0) return cut;
  let count = 0;
  for (let q = text.indexOf('"'); q >= 0 && q < cut; q = text.indexOf('"', q + 1)) count++;
  while (count % 2 === 1 && cut > 0) {
    const prev = text.lastIndexOf('\n', cut - 2) + 1;
    for (let q = text.indexOf('"', prev); q >= 0 && q < cut; q = text.indexOf('"', q + 1)) count--;
    cut = prev;
  }
  return cut;
}

/** Growable column storage for the roles of one parse. */
class Columns {
  capacity: number;
  hashA: Int32Array;
  hashB: Int32Array;
  offset: Int32Array;
  time: Float64Array;
  dateState: Uint8Array;
  amountA: Float64Array | null;
  amountB: Float64Array | null;
  ids: (Int32Array | null)[];
  constructor(capacity: number, index: Int32Array) {
    this.capacity = capacity;
    this.hashA = new Int32Array(capacity);
    this.hashB = new Int32Array(capacity);
    this.offset = new Int32Array(capacity);
    this.time = new Float64Array(capacity);
    this.dateState = new Uint8Array(capacity);
    this.amountA = index[ROLE_AMOUNT_A] >= 0 ? new Float64Array(capacity) : null;
    this.amountB = index[ROLE_AMOUNT_B] >= 0 ? new Float64Array(capacity) : null;
    this.ids = ROLES.map((_, r) => (r !== ROLE_DATE && r !== ROLE_AMOUNT_A && r !== ROLE_AMOUNT_B && index[r] >= 0 ? new Int32Array(capacity) : null));
  }
  grow(): void {
    const c = this.capacity * 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(c);
      b.set(a);
      return b;
    };
    this.hashA = g(this.hashA);
    this.hashB = g(this.hashB);
    this.offset = g(this.offset);
    this.time = g(this.time);
    this.dateState = g(this.dateState);
    if (this.amountA) this.amountA = g(this.amountA);
    if (this.amountB) this.amountB = g(this.amountB);
    this.ids = this.ids.map((a) => (a ? g(a) : null));
    this.capacity = c;
  }
}

/** The record scanner: owns the per-row state across pieces. */
class Scanner {
  rows = 0;
  readonly cols: Columns;
  readonly encoders: (IdEncoder | null)[];
  /** Roles per field index (most fields have none). */
  readonly fieldRoles: (number[] | undefined)[] = [];
  readonly maxField: number;
  readonly roleField: Int32Array;
  constructor(readonly delimiter: number, index: Int32Array, readonly clock: ZoneClock, capacity: number) {
    this.cols = new Columns(capacity, index);
    this.encoders = this.cols.ids.map((a) => (a ? new IdEncoder() : null));
    this.roleField = index;
    let max = -1;
    index.forEach((f, role) => {
      if (f < 0) return;
      (this.fieldRoles[f] ??= []).push(role);
      max = Math.max(max, f);
    });
    this.maxField = max;
  }

  /** Stores one field of the current row for one role. */
  store(role: number, s: string, fs: number, fe: number, escaped: boolean): void {
    while (fs < fe && s.charCodeAt(fs) <= 32) fs++;
    while (fe > fs && s.charCodeAt(fe - 1) <= 32) fe--;
    if (escaped) {
      s = s.slice(fs, fe).replace(/""/g, '"');
      fs = 0;
      fe = s.length;
    }
    const row = this.rows;
    const cols = this.cols;
    if (role === ROLE_DATE) {
      if (fe === fs) {
        cols.time[row] = NaN;
        cols.dateState[row] = 1;
      } else {
        const t = parseDateText(s, fs, fe, this.clock);
        cols.time[row] = t;
        cols.dateState[row] = t === t ? 0 : 2;
      }
    } else if (role === ROLE_AMOUNT_A) {
      cols.amountA![row] = fe === fs ? NaN : parseAmountText(s, fs, fe);
    } else if (role === ROLE_AMOUNT_B) {
      cols.amountB![row] = fe === fs ? NaN : parseAmountText(s, fs, fe);
    } else {
      cols.ids[role]![row] = fe === fs ? -1 : this.encoders[role]!.code(s.slice(fs, fe));
    }
  }

  /** Marks roles whose column lies beyond the last field of a short row as missing. */
  missingFrom(fields: number): void {
    for (let role = 0; role < ROLES.length; role++) {
      const f = this.roleField[role];
      if (f < fields) continue;
      const row = this.rows;
      if (role === ROLE_DATE) {
        this.cols.time[row] = NaN;
        this.cols.dateState[row] = 1;
      } else if (role === ROLE_AMOUNT_A) this.cols.amountA![row] = NaN;
      else if (role === ROLE_AMOUNT_B) this.cols.amountB![row] = NaN;
      else this.cols.ids[role]![row] = -1;
    }
  }

  /** Scans complete records in `s[0, n)`. */
  scanDelimited(s: string, n: number): void {
    const delim = this.delimiter;
    const fieldRoles = this.fieldRoles;
    let i = 0;
    while (i < n) {
      let c = s.charCodeAt(i);
      if (c === 10 || c === 13) { i++; continue; } // blank line
      if (this.rows === this.cols.capacity) this.cols.grow();
      this.cols.offset[this.rows] = i;
      let ha = HASH_SEED_A, hb = HASH_SEED_B;
      let field = 0;
      for (;;) {
        let fs: number, fe: number, escaped = false;
        c = i < n ? s.charCodeAt(i) : -1;
        if (c === 34) {
          fs = ++i;
          fe = n;
          while (i < n) {
            c = s.charCodeAt(i);
            if (c === 34) {
              if (i + 1 < n && s.charCodeAt(i + 1) === 34) {
                escaped = true;
                ha = Math.imul(ha ^ 34, 0x01000193);
                hb = Math.imul(hb + 34, 0x9e3779b1); hb ^= hb >>> 15;
                i += 2;
                continue;
              }
              fe = i++;
              break;
            }
            ha = Math.imul(ha ^ c, 0x01000193);
            hb = Math.imul(hb + c, 0x9e3779b1); hb ^= hb >>> 15;
            i++;
          }
          while (i < n) { // stray characters after a closing quote are ignored
            c = s.charCodeAt(i);
            if (c === delim || c === 10 || c === 13) break;
            i++;
          }
        } else {
          fs = i;
          while (i < n) {
            c = s.charCodeAt(i);
            if (c === delim || c === 10 || c === 13) break;
            ha = Math.imul(ha ^ c, 0x01000193);
            hb = Math.imul(hb + c, 0x9e3779b1); hb ^= hb >>> 15;
            i++;
          }
          fe = i;
        }
        ha = Math.imul(ha ^ FIELD_SEPARATOR, 0x01000193);
        hb = Math.imul(hb + FIELD_SEPARATOR, 0x9e3779b1); hb ^= hb >>> 15;
        const roles = fieldRoles[field];
        if (roles !== undefined) for (let k = 0; k < roles.length; k++) this.store(roles[k], s, fs, fe, escaped);
        field++;
        if (i >= n) break;
        c = s.charCodeAt(i);
        if (c === delim) { i++; continue; }
        i++;
        if (c === 13 && i < n && s.charCodeAt(i) === 10) i++;
        break;
      }
      if (field <= this.maxField) this.missingFrom(field);
      this.cols.hashA[this.rows] = ha;
      this.cols.hashB[this.rows] = hb;
      this.rows++;
    }
  }

  /** Scans complete whitespace-separated lines in `s[0, n)`. */
  scanWhitespace(s: string, n: number): void {
    const fieldRoles = this.fieldRoles;
    let i = 0;
    while (i < n) {
      let c = s.charCodeAt(i);
      while (i < n && (c === 32 || c === 9)) c = s.charCodeAt(++i);
      if (i >= n) break;
      if (c === 10 || c === 13) { i++; continue; }
      if (this.rows === this.cols.capacity) this.cols.grow();
      this.cols.offset[this.rows] = i;
      let ha = HASH_SEED_A, hb = HASH_SEED_B;
      let field = 0;
      for (;;) {
        const fs = i;
        while (i < n) {
          c = s.charCodeAt(i);
          if (c === 32 || c === 9 || c === 10 || c === 13) break;
          ha = Math.imul(ha ^ c, 0x01000193);
          hb = Math.imul(hb + c, 0x9e3779b1); hb ^= hb >>> 15;
          i++;
        }
        const fe = i;
        ha = Math.imul(ha ^ FIELD_SEPARATOR, 0x01000193);
        hb = Math.imul(hb + FIELD_SEPARATOR, 0x9e3779b1); hb ^= hb >>> 15;
        const roles = fieldRoles[field];
        if (roles !== undefined) for (let k = 0; k < roles.length; k++) this.store(roles[k], s, fs, fe, false);
        field++;
        while (i < n && (c === 32 || c === 9)) c = s.charCodeAt(++i);
        if (i >= n) break;
        if (c === 10 || c === 13) {
          i++;
          if (c === 13 && i < n && s.charCodeAt(i) === 10) i++;
          break;
        }
      }
      if (field <= this.maxField) this.missingFrom(field);
      this.cols.hashA[this.rows] = ha;
      this.cols.hashB[this.rows] = hb;
      this.rows++;
    }
  }
}

/** Parses CSV/TSV/`;`/`|`/whitespace text (a string or UTF-8 bytes) into DecodedRows. */
export async function parseText(input: string | Uint8Array, options: TextOptions): Promise<DecodedRows> {
  if (typeof input !== 'string' && looksBinary(input)) {
    throw new LoadError('not-csv', 'The data is binary, not CSV text, Arrow or Parquet: check the file or URL (is it compressed, e.g. .gz or .xlsx?).');
  }
  const totalBytes = input.length;
  const pieces = textPieces(input);
  // Gather enough text to sniff the delimiter and read the header.
  let pending = '';
  let piece = pieces.next();
  let final = piece.done === true || piece.value.final;
  let bytesDone = piece.done ? 0 : piece.value.bytes;
  if (!piece.done) pending = piece.value.text;
  if (pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
  if (pending.trim() === '' && final) throw new LoadError('empty', 'The input is empty: there are no rows to load.');
  let start = 0;
  while (start < pending.length && (pending.charCodeAt(start) === 10 || pending.charCodeAt(start) === 13)) start++;
  const sampleEnd = final ? pending.length : completeRecordsEnd(pending.slice(0, 65536), false) || pending.length;
  const delimiter = sniffDelimiter(pending.slice(start, Math.max(sampleEnd, start)), options.format);
  const first = splitRecord(pending, start, delimiter);
  const header = options.header ?? (options.columns ? false : looksLikeHeader(first.fields));
  let names: string[];
  if (options.columns) names = options.columns.slice();
  else if (header) names = first.fields.map((f) => f.trim());
  else names = first.fields.map((_, i) => `column${i + 1}`);
  if (header) start = first.next;
  const { mapping, index } = resolveMapping(names, options.mapping);
  const estimate = Math.max(1024, Math.ceil((totalBytes / Math.max(1, first.next - 0)) * 1.05));
  const scanner = new Scanner(delimiter, index, options.clock, Math.min(estimate, 1 << 24));
  const chunks: { text: string; firstRow: number }[] = [];
  let text = pending.slice(start);
  for (;;) {
    options.signal?.throwIfAborted();
    const cut = final ? text.length : completeRecordsEnd(text, delimiter !== WHITESPACE);
    chunks.push({ text, firstRow: scanner.rows });
    if (delimiter === WHITESPACE) scanner.scanWhitespace(text, cut);
    else scanner.scanDelimited(text, cut);
    options.onProgress?.({ phase: 'parse', bytes: bytesDone, totalBytes, rows: scanner.rows });
    if (final) break;
    await yieldToEventLoop();
    piece = pieces.next();
    const rest = text.slice(cut);
    if (piece.done) {
      final = true;
      text = rest;
    } else {
      final = piece.value.final;
      bytesDone = piece.value.bytes;
      text = rest + piece.value.text;
    }
  }
  const rows = scanner.rows;
  if (rows === 0) {
    throw new LoadError('header-only', `The input has a header (${names.join(', ')}) but no data rows.`);
  }
  return finishText(scanner, chunks, names, mapping, index, formatName(delimiter));
}

function finishText(scanner: Scanner, chunks: { text: string; firstRow: number }[], names: string[],
  mapping: ResolvedMapping, index: Int32Array, format: string): DecodedRows {
  const n = scanner.rows;
  const cols = scanner.cols;
  const id = (role: number): IdColumn | undefined => (cols.ids[role] ? finishIds(cols.ids[role]!, scanner.encoders[role]!.values, n) : undefined);
  let amount: Float64Array | undefined;
  if (cols.amountA) {
    amount = cols.amountA.slice(0, n);
    if (cols.amountB) for (let i = 0; i < n; i++) amount[i] *= cols.amountB[i];
  }
  const offsets = cols.offset;
  const delimiter = scanner.delimiter;
  const rawValues = (row: number): Record<string, string> => {
    let lo = 0, hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid].firstRow <= row) lo = mid; else hi = mid - 1;
    }
    const { fields } = splitRecord(chunks[lo].text, offsets[row], delimiter);
    const out: Record<string, string> = {};
    index.forEach((f, role) => {
      if (f >= 0) out[names[f]] = fields[f] ?? '';
      void role;
    });
    return out;
  };
  return {
    length: n,
    format,
    mapping,
    customer: id(ROLE_CUSTOMER)!,
    order: id(1),
    product: id(5),
    category: id(6),
    channel: id(7),
    region: id(8),
    time: cols.time.subarray(0, n),
    dateState: cols.dateState.subarray(0, n),
    amount,
    hashA: cols.hashA.subarray(0, n),
    hashB: cols.hashB.subarray(0, n),
    rawValues,
  };
}
