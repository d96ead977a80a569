/**
 * Delimited and whitespace-aligned text → DecodedRows, straight from the UTF-8 bytes.
 *
 * The whole input is scanned as bytes (a string input is encoded once): no TextDecoder over the
 * file, no per-row split, no per-field strings. Ids are interned from their byte ranges
 * (byte-interner.ts: a JS string is made once per distinct value), dates and amounts are parsed
 * from the bytes (parse-bytes.ts). Only the first MiB is decoded, to sniff the delimiter and read
 * the header. Rows are scanned in batches of 16k (V8 keeps short loops optimised better than one
 * million-row loop) and the event loop gets a turn every 4 MiB.
 *
 * Rules (documented for users):
 * - RFC 4180 quoting for `,` `;` `|` and tab delimiters: quoted fields may contain delimiters, `""`
 *   and newlines; CRLF or LF line ends; a trailing newline is fine.
 * - Whitespace-aligned text (columns separated by runs of spaces/tabs, e.g. CDNOW_master.txt) has no quoting.
 * - Blank lines are skipped and not counted as rows; a row with fewer fields than the header has
 *   missing values for the absent columns (which then fail the usual checks, e.g. 'missing-customer');
 *   extra fields are ignored (but count for the duplicate check).
 * - Fields are trimmed of spaces (and tabs) before parsing; Excel's text guard `="…"` is removed.
 * - Duplicate rows are detected on the field values (quotes removed), over all fields of the row.
 */
import { ByteInterner } from './byte-interner.js';
import { finishIds, setOwn, HASH_SEED_A, HASH_SEED_B, FIELD_SEPARATOR, type DecodedRows, type IdColumn } from './decoded.js';
import { applyDateReading, chooseDateReading, DATE_SAMPLE_ROWS } from './date-format.js';
import { resolveMapping, ROLE_AMOUNT_A, ROLE_AMOUNT_B, ROLE_CUSTOMER, ROLE_DATE, ROLE_DIMENSION, ROLES } from './mapping.js';
import { parseAmountBytes, parseDateBytes } from './parse-bytes.js';
import { formatName, looksLikeHeader, sniffDelimiter, splitRecord, WHITESPACE } from './text-sniff.js';
import type { ZoneClock } from './time-zone.js';
import { LoadError, type ColumnChoice, type ColumnMapping, type DateFormat, type DateReading, type LoadProgress, type ResolvedMapping } from './types.js';
import { yieldToEventLoop } from './yield.js';

/** Rows per scan call. */
const BATCH_ROWS = 16384;
/** Bytes between turns of the event loop (progress, abort). */
const YIELD_BYTES = 4 << 20;
/** Bytes decoded to sniff the delimiter and read the header. */
const SAMPLE_BYTES = 1 << 20;

export interface TextOptions {
  clock: ZoneClock;
  mapping?: ColumnMapping;
  header?: boolean;
  columns?: string[];
  format?: 'csv' | 'tsv';
  dateFormat?: DateFormat;
  lang?: string;
  /** How the missing-column errors name the fix (the CLI names its own flags). */
  columnFix?: { customerFix?: string; dateFix?: string };
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

/** Index just after the last newline in `text`, or 0 (quotes ignored: only used for the sniff sample). */
function lastLineEnd(text: string): number {
  return text.lastIndexOf('\n') + 1;
}

/** Growable column storage for the roles of one parse. */
class Columns {
  capacity: number;
  /** Byte offset of each row's first byte. */
  offset: Uint32Array;
  /** 1 when the row has a quoted field (its duplicate hash then unquotes). */
  quoted: Uint8Array;
  time: Float64Array;
  dateState: Uint8Array;
  amountA: Float64Array | null;
  amountB: Float64Array | null;
  ids: (Int32Array | null)[];
  constructor(capacity: number, index: Int32Array) {
    this.capacity = capacity;
    this.offset = new Uint32Array(capacity);
    this.quoted = new Uint8Array(capacity);
    this.time = new Float64Array(capacity);
    this.dateState = new Uint8Array(capacity);
    this.amountA = index[ROLE_AMOUNT_A] >= 0 ? new Float64Array(capacity) : null;
    this.amountB = index[ROLE_AMOUNT_B] >= 0 ? new Float64Array(capacity) : null;
    // One id column per id role that is mapped (dimensions included: roles from ROLE_DIMENSION on).
    this.ids = Array.from(index, (f, r) => (r !== ROLE_DATE && r !== ROLE_AMOUNT_A && r !== ROLE_AMOUNT_B && f >= 0 ? new Int32Array(capacity) : null));
  }
  grow(): void {
    const c = this.capacity * 2;
    const g = <T extends Int32Array | Uint32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(c);
      b.set(a);
      return b;
    };
    this.offset = g(this.offset);
    this.quoted = g(this.quoted);
    this.time = g(this.time);
    this.dateState = g(this.dateState);
    if (this.amountA) this.amountA = g(this.amountA);
    if (this.amountB) this.amountB = g(this.amountB);
    this.ids = this.ids.map((a) => (a ? g(a) : null));
    this.capacity = c;
  }
}

/** The record scanner over one byte buffer. */
class ByteScanner {
  rows = 0;
  readonly cols: Columns;
  readonly interners: (ByteInterner | null)[];
  /** Roles per field index (most fields have none). */
  readonly fieldRoles: (number[] | undefined)[] = [];
  readonly maxField: number;
  readonly roleField: Int32Array;
  /** Unescaped content of a quoted field with `""` in it. */
  private scratch = new Uint8Array(256);
  /** Fields of the last row read by `quotedRow`. */
  private lastFields = 0;
  /** The last date field parsed (`lastDateLength` bytes; -1 = none) and its result (see `dateAt`). */
  private readonly lastDate = new Uint8Array(32);
  private lastDateLength = -1;
  private lastTime = NaN;

  constructor(readonly bytes: Uint8Array, readonly delimiter: number, index: Int32Array, readonly clock: ZoneClock, capacity: number) {
    this.cols = new Columns(capacity, index);
    // Integer ids below 4× the expected rows (at least 2¹⁸, at most 2²³) use the interner's direct
    // table: room for ids numbered from 1 with gaps, at most 4 bytes per possible id.
    const directLimit = Math.min(1 << 23, Math.max(1 << 18, 4 * capacity));
    this.interners = this.cols.ids.map((a) => (a ? new ByteInterner(1 << 12, directLimit) : null));
    this.roleField = index;
    let max = -1;
    index.forEach((f, role) => {
      if (f < 0) return;
      (this.fieldRoles[f] ??= []).push(role);
      max = Math.max(max, f);
    });
    this.maxField = max;
  }

  /** Stores the field `b[fs, fe)` of the current row for one role. */
  store(role: number, b: Uint8Array, fs: number, fe: number): void {
    while (fs < fe && b[fs] <= 32) fs++;
    while (fe > fs && b[fe - 1] <= 32) fe--;
    // Excel's text guard ="0123" (Taobao and other Chinese exports write long order numbers so, so
    // that Excel keeps their digits): the value is what is inside the quotes.
    if (b[fs] === 61 && fe - fs >= 3 && b[fs + 1] === 34 && b[fe - 1] === 34) {
      fs += 2;
      fe--;
    }
    const row = this.rows;
    const cols = this.cols;
    if (role === ROLE_DATE) {
      if (fe === fs) {
        cols.time[row] = NaN;
        cols.dateState[row] = 1;
      } else {
        const t = this.dateAt(b, fs, fe);
        cols.time[row] = t;
        cols.dateState[row] = t === t ? 0 : 2;
      }
    } else if (role === ROLE_AMOUNT_A) {
      cols.amountA![row] = fe === fs ? NaN : parseAmountBytes(b, fs, fe);
    } else if (role === ROLE_AMOUNT_B) {
      cols.amountB![row] = fe === fs ? NaN : parseAmountBytes(b, fs, fe);
    } else {
      cols.ids[role]![row] = fe === fs ? -1 : this.interners[role]!.intern(b, fs, fe);
    }
  }

  /**
   * `parseDateBytes` of `b[fs, fe)`, remembering the last date text: files are usually written in
   * date order, so most rows repeat the previous row's date, and comparing ≤ 32 bytes is cheaper
   * than parsing them again.
   */
  private dateAt(b: Uint8Array, fs: number, fe: number): number {
    const len = fe - fs;
    const last = this.lastDate;
    if (len === this.lastDateLength) {
      let j = 0;
      while (j < len && last[j] === b[fs + j]) j++;
      if (j === len) return this.lastTime;
    }
    const t = parseDateBytes(b, fs, fe, this.clock);
    if (len <= last.length) {
      for (let j = 0; j < len; j++) last[j] = b[fs + j];
      this.lastDateLength = len;
      this.lastTime = t;
    }
    return t;
  }

  /** Marks roles whose column lies beyond the last field of a short row as missing. */
  missingFrom(fields: number): void {
    for (let role = 0; role < this.roleField.length; role++) {
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

  /**
   * Scans up to `maxRows` delimited records from `pos`; returns the position after the last one.
   * Rows without quotes take the fast path; a row whose field starts with `"` is re-read by `quotedRow`.
   */
  scanDelimited(pos: number, end: number, maxRows: number): number {
    const b = this.bytes;
    const delim = this.delimiter;
    const fieldRoles = this.fieldRoles;
    const stop = this.rows + maxRows;
    while (pos < end && this.rows < stop) {
      let c = b[pos];
      if (c === 10 || c === 13) { pos++; continue; } // blank line
      if (this.rows === this.cols.capacity) this.cols.grow();
      const rowStart = pos;
      this.cols.offset[this.rows] = rowStart;
      let field = 0;
      let quoted = false;
      for (;;) {
        if (pos < end && b[pos] === 34) { quoted = true; break; }
        const fs = pos;
        while (pos < end) {
          c = b[pos];
          if (c === delim || c === 10 || c === 13) break;
          pos++;
        }
        const roles = fieldRoles[field];
        if (roles !== undefined) for (let k = 0; k < roles.length; k++) this.store(roles[k], b, fs, pos);
        field++;
        if (pos >= end) break;
        pos++;
        if (c === delim) continue;
        if (c === 13 && pos < end && b[pos] === 10) pos++;
        break;
      }
      if (quoted) {
        pos = this.quotedRow(rowStart, end);
        field = this.lastFields;
        this.cols.quoted[this.rows] = 1;
      }
      if (field <= this.maxField) this.missingFrom(field);
      this.rows++;
    }
    return pos;
  }

  /** Reads one record with RFC 4180 quoting from `pos`; returns the position after it. */
  private quotedRow(pos: number, end: number): number {
    const b = this.bytes;
    const delim = this.delimiter;
    const fieldRoles = this.fieldRoles;
    let field = 0;
    for (;;) {
      let src = b, fs: number, fe: number, c = 0;
      if (pos < end && b[pos] === 34) {
        fs = ++pos;
        fe = end;
        let escaped = false;
        while (pos < end) {
          c = b[pos];
          if (c === 34) {
            if (pos + 1 < end && b[pos + 1] === 34) {
              escaped = true;
              pos += 2;
              continue;
            }
            fe = pos++;
            break;
          }
          pos++;
        }
        while (pos < end) { // stray bytes after a closing quote are ignored
          c = b[pos];
          if (c === delim || c === 10 || c === 13) break;
          pos++;
        }
        if (escaped) {
          fe = this.unescape(b, fs, fe);
          fs = 0;
          src = this.scratch;
        }
      } else {
        fs = pos;
        while (pos < end) {
          c = b[pos];
          if (c === delim || c === 10 || c === 13) break;
          pos++;
        }
        fe = pos;
      }
      const roles = fieldRoles[field];
      if (roles !== undefined) for (let k = 0; k < roles.length; k++) this.store(roles[k], src, fs, fe);
      field++;
      if (pos >= end) break;
      c = b[pos++];
      if (c === delim) continue;
      if (c === 13 && pos < end && b[pos] === 10) pos++;
      break;
    }
    this.lastFields = field;
    return pos;
  }

  /** Writes `b[fs, fe)` with `""` → `"` into `this.scratch`; returns its length. */
  private unescape(b: Uint8Array, fs: number, fe: number): number {
    if (this.scratch.length < fe - fs) this.scratch = new Uint8Array(Math.max(fe - fs, this.scratch.length * 2));
    const out = this.scratch;
    let o = 0;
    for (let i = fs; i < fe; i++) {
      const c = b[i];
      out[o++] = c;
      if (c === 34 && i + 1 < fe && b[i + 1] === 34) i++;
    }
    return o;
  }

  /** Scans up to `maxRows` whitespace-separated lines from `pos`; returns the position after the last one. */
  scanWhitespace(pos: number, end: number, maxRows: number): number {
    const b = this.bytes;
    const fieldRoles = this.fieldRoles;
    const stop = this.rows + maxRows;
    while (pos < end && this.rows < stop) {
      let c = b[pos];
      while (pos < end && (c === 32 || c === 9)) c = b[++pos];
      if (pos >= end) break;
      if (c === 10 || c === 13) { pos++; continue; }
      if (this.rows === this.cols.capacity) this.cols.grow();
      this.cols.offset[this.rows] = pos;
      let field = 0;
      for (;;) {
        const fs = pos;
        while (pos < end) {
          c = b[pos];
          if (c === 32 || c === 9 || c === 10 || c === 13) break;
          pos++;
        }
        const roles = fieldRoles[field];
        if (roles !== undefined) for (let k = 0; k < roles.length; k++) this.store(roles[k], b, fs, pos);
        field++;
        while (pos < end && (c === 32 || c === 9)) c = b[++pos];
        if (pos >= end) break;
        if (c === 10 || c === 13) {
          pos++;
          if (c === 13 && pos < end && b[pos] === 10) pos++;
          break;
        }
      }
      if (field <= this.maxField) this.missingFrom(field);
      this.rows++;
    }
    return pos;
  }

  /**
   * Two 32-bit hashes of a row's field values (quotes removed), computed on demand for the
   * duplicate check. An unquoted row hashes its bytes as they are (delimiters included); a quoted
   * row hashes the same sequence (content bytes and delimiters between fields), with delimiters,
   * CR and LF *inside* quoted content mixed as 0x100 + byte so that `"a,b",c` ≠ `a,"b,c"`.
   * Whitespace rows hash each field followed by a separator (runs of blanks are one separator).
   */
  hashRow(row: number, out: Int32Array): void {
    const b = this.bytes;
    const end = b.length;
    let pos = this.cols.offset[row];
    let ha = HASH_SEED_A, hb = HASH_SEED_B;
    const delim = this.delimiter;
    if (delim === WHITESPACE) {
      for (;;) {
        let c = b[pos];
        while (pos < end && c !== 32 && c !== 9 && c !== 10 && c !== 13) {
          ha = Math.imul(ha ^ c, 0x01000193);
          hb = Math.imul(hb + c, 0x9e3779b1); hb ^= hb >>> 15;
          c = b[++pos];
        }
        ha = Math.imul(ha ^ FIELD_SEPARATOR, 0x01000193);
        hb = Math.imul(hb + FIELD_SEPARATOR, 0x9e3779b1); hb ^= hb >>> 15;
        while (pos < end && (c === 32 || c === 9)) c = b[++pos];
        if (pos >= end || c === 10 || c === 13) break;
      }
    } else if (this.cols.quoted[row] === 0) {
      while (pos < end) {
        const c = b[pos++];
        if (c === 10 || c === 13) break;
        ha = Math.imul(ha ^ c, 0x01000193);
        hb = Math.imul(hb + c, 0x9e3779b1); hb ^= hb >>> 15;
      }
    } else {
      for (let first = true; ; first = false) {
        let c = pos < end ? b[pos] : -1;
        if (!first) { // the delimiter before this field
          ha = Math.imul(ha ^ delim, 0x01000193);
          hb = Math.imul(hb + delim, 0x9e3779b1); hb ^= hb >>> 15;
        }
        if (c === 34) {
          pos++;
          while (pos < end) {
            c = b[pos];
            if (c === 34) {
              if (pos + 1 < end && b[pos + 1] === 34) pos++;
              else { pos++; break; }
            } else if (c === delim || c === 10 || c === 13) c += 0x100;
            ha = Math.imul(ha ^ c, 0x01000193);
            hb = Math.imul(hb + c, 0x9e3779b1); hb ^= hb >>> 15;
            pos++;
          }
          while (pos < end && b[pos] !== delim && b[pos] !== 10 && b[pos] !== 13) pos++;
        } else {
          while (pos < end) {
            c = b[pos];
            if (c === delim || c === 10 || c === 13) break;
            ha = Math.imul(ha ^ c, 0x01000193);
            hb = Math.imul(hb + c, 0x9e3779b1); hb ^= hb >>> 15;
            pos++;
          }
        }
        if (pos >= end || b[pos] !== delim) break;
        pos++;
      }
    }
    out[0] = ha;
    out[1] = hb;
  }

  /** Byte position just after the record starting at `pos` (quote-aware for delimited text). */
  recordEnd(pos: number): number {
    const b = this.bytes;
    const end = b.length;
    let inQuotes = false;
    const quotes = this.delimiter !== WHITESPACE;
    for (; pos < end; pos++) {
      const c = b[pos];
      if (quotes && c === 34) inQuotes = !inQuotes;
      else if (!inQuotes && (c === 10 || c === 13)) return pos;
    }
    return end;
  }
}

/** Parses CSV/TSV/`;`/`|`/whitespace text (a string or UTF-8 bytes) into DecodedRows. */
export async function parseText(input: string | Uint8Array, options: TextOptions): Promise<DecodedRows> {
  if (typeof input !== 'string' && looksBinary(input)) {
    throw new LoadError('not-csv', 'The data is binary, not CSV text, Arrow or Parquet: check the file or URL (is it compressed, e.g. .gz or .xlsx?).');
  }
  const totalBytes = input.length;
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const end = bytes.length;
  let textStart = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; // BOM
  // Decode a sample to sniff the delimiter and read the header (the stream flag drops a cut character).
  const sampleEndByte = Math.min(end, textStart + SAMPLE_BYTES);
  const final = sampleEndByte === end;
  const pending = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(textStart, sampleEndByte), { stream: !final });
  if (pending.trim() === '' && final) throw new LoadError('empty', 'The input is empty: there are no rows to load.');
  let start = 0;
  while (start < pending.length && (pending.charCodeAt(start) === 10 || pending.charCodeAt(start) === 13)) start++;
  // Excel's "sep=;" first line names the delimiter (and is not the header).
  const sepLine = /^sep=(.)[ \t]*(\r\n|\n|\r|$)/i.exec(pending.slice(start, start + 16));
  if (sepLine) start += sepLine[0].length;
  const sampleEnd = final ? pending.length : lastLineEnd(pending.slice(0, 65536)) || pending.length;
  const delimiter = sepLine ? sepLine[1].charCodeAt(0) : sniffDelimiter(pending.slice(start, Math.max(sampleEnd, start)), options.format);
  const first = splitRecord(pending, start, delimiter);
  const header = options.header ?? (options.columns ? false : looksLikeHeader(first.fields));
  let names: string[];
  if (options.columns) names = options.columns.slice();
  else if (header) names = first.fields.map((f) => f.trim());
  else names = first.fields.map((_, i) => `column${i + 1}`);
  if (header) start = first.next;
  textStart += new TextEncoder().encode(pending.slice(0, start)).length;
  const sampleRows = sampleRecords(pending, start, final ? pending.length : lastLineEnd(pending), delimiter);
  const column = (i: number): string[] => sampleRows.map((r) => r[i] ?? '');
  const { mapping, index, choices } = resolveMapping(names, options.mapping, column, options.columnFix);
  const dates = chooseDateReading(column(index[ROLE_DATE]), options);
  applyDateReading(options.clock, dates);
  // Rows expected: line ends in the sampled bytes, scaled to the whole input (2% spare). Sized
  // once, the columns never grow (growing copied ~70 MB at a million rows).
  let sampleLines = 0;
  for (let i = textStart; i < sampleEndByte; i++) if (bytes[i] === 10) sampleLines++;
  const sampleBytes = Math.max(1, sampleEndByte - textStart);
  const estimate = Math.max(1024, Math.ceil(((Math.max(1, sampleLines) * (end - textStart)) / sampleBytes) * 1.02) + 16);
  const scanner = new ByteScanner(bytes, delimiter, index, options.clock, Math.min(estimate, 1 << 24));
  options.signal?.throwIfAborted();
  let pos = textStart;
  let nextYield = pos + YIELD_BYTES;
  let reserved = false;
  while (pos < end) {
    pos = delimiter === WHITESPACE ? scanner.scanWhitespace(pos, end, BATCH_ROWS) : scanner.scanDelimited(pos, end, BATCH_ROWS);
    if (!reserved) { // after the first batch: size the tables of mostly-distinct id columns (order ids) once
      reserved = true;
      const expectedRows = Math.ceil((scanner.rows * (end - textStart)) / Math.max(1, pos - textStart) * 1.02);
      for (const interner of scanner.interners) if (interner && interner.size > scanner.rows / 2) interner.reserve(expectedRows);
    }
    if (pos >= nextYield && pos < end) {
      options.onProgress?.({ phase: 'parse', bytes: pos, totalBytes, rows: scanner.rows });
      await yieldToEventLoop();
      options.signal?.throwIfAborted();
      nextYield = pos + YIELD_BYTES;
    }
  }
  options.onProgress?.({ phase: 'parse', bytes: totalBytes, totalBytes, rows: scanner.rows });
  if (scanner.rows === 0) {
    throw new LoadError('header-only', `The input has a header (${names.join(', ')}) but no data rows.`);
  }
  return finishText(scanner, names, mapping, index, formatName(delimiter), choices, dates);
}

/** Up to DATE_SAMPLE_ROWS records of the decoded sample from `pos` (for detection by values and the date convention). */
function sampleRecords(text: string, pos: number, end: number, delimiter: number): string[][] {
  const rows: string[][] = [];
  while (pos < end && rows.length < DATE_SAMPLE_ROWS) {
    const c = text.charCodeAt(pos);
    if (c === 10 || c === 13) { pos++; continue; }
    const { fields, next } = splitRecord(text, pos, delimiter);
    if (next <= pos) break;
    rows.push(fields);
    pos = next;
  }
  return rows;
}

function finishText(scanner: ByteScanner, names: string[], mapping: ResolvedMapping, index: Int32Array, format: string,
  choices: ColumnChoice[], dates: DateReading): DecodedRows {
  const n = scanner.rows;
  const cols = scanner.cols;
  const id = (role: number): IdColumn | undefined => {
    const codes = cols.ids[role];
    if (!codes) return undefined;
    const interner = scanner.interners[role]!;
    return finishIds(codes.subarray(0, n), interner.values(), n, !interner.mayNeedCleaning);
  };
  let amount: Float64Array | undefined;
  if (cols.amountA) {
    amount = cols.amountA.slice(0, n);
    if (cols.amountB) for (let i = 0; i < n; i++) amount[i] *= cols.amountB[i];
  }
  const bytes = scanner.bytes;
  const delimiter = scanner.delimiter;
  const rawValues = (row: number): Record<string, string> => {
    const start = cols.offset[row];
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(start, scanner.recordEnd(start)));
    const { fields } = splitRecord(text, 0, delimiter);
    const out: Record<string, string> = {};
    index.forEach((f) => {
      if (f >= 0) setOwn(out, names[f], fields[f] ?? '');
    });
    return out;
  };
  return {
    length: n,
    format,
    mapping,
    choices,
    dates,
    customer: id(ROLE_CUSTOMER)!,
    order: id(1),
    product: id(5),
    category: id(6),
    channel: id(7),
    region: id(8),
    productName: id(9),
    ...(index.length > ROLE_DIMENSION ? { dimensions: Array.from(index.subarray(ROLE_DIMENSION), (_, k) => id(ROLE_DIMENSION + k)!) } : {}),
    time: cols.time.subarray(0, n),
    dateState: cols.dateState.subarray(0, n),
    amount,
    hashRow: (row, out) => scanner.hashRow(row, out),
    rawValues,
  };
}
