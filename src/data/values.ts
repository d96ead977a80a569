/**
 * Column-oriented JS values (from an array of objects, JSON, Arrow or Parquet) → DecodedRows.
 * Each source column is one of three shapes so the hot loops stay monomorphic:
 * numbers in a Float64Array (NaN = null), dictionary indices into a small value list, or any values.
 */
import { resolveMapping, ROLE_AMOUNT_A, ROLE_AMOUNT_B, ROLE_DATE, ROLE_DIMENSION } from './mapping.js';
import { amountFromValue } from './parse-amount.js';
import { dateFromNumber, dateFromValue, isMissingValue } from './parse-date.js';
import type { ZoneClock } from './time-zone.js';
import type { ColumnMapping, DateFormat } from './types.js';
import { applyDateReading, chooseDateReading, DATE_SAMPLE_ROWS } from './date-format.js';
import { FIELD_SEPARATOR, finishIds, setOwn, HASH_SEED_A, HASH_SEED_B, idText, IdEncoder, mixA, mixB, type DecodedRows, type IdColumn } from './decoded.js';

/** How numbers of a time column are to be read: epoch ms of an instant, or wall-clock ms (no zone). */
export type TimeKind = 'instant' | 'wall';

export type ValueColumn =
  | { kind: 'numbers'; name: string; values: Float64Array; time?: TimeKind }
  /** `distinct`: the dictionary holds distinct strings (ids then need no re-encoding). */
  | { kind: 'dictionary'; name: string; indices: Int32Array /* -1 = null */; dictionary: unknown[]; distinct?: boolean }
  | { kind: 'values'; name: string; get: (row: number) => unknown };

export interface ValueTable {
  length: number;
  columns: ValueColumn[];
  format: string;
}

const f64 = new Float64Array(1);
const u32 = new Int32Array(f64.buffer);

function hashString(s: string, h: [number, number]): void {
  let a = h[0], b = h[1];
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    a = mixA(a, c);
    b = mixB(b, c);
  }
  h[0] = a;
  h[1] = b;
}

/** Hash of one value (type-tagged so 1 and "1" differ). */
function hashValue(v: unknown, out: [number, number]): void {
  out[0] = HASH_SEED_A;
  out[1] = HASH_SEED_B;
  if (typeof v === 'string') {
    hashString(v, out);
    return;
  }
  if (typeof v === 'number') {
    f64[0] = v;
    out[0] = mixA(mixA(out[0] ^ 1, u32[0]), u32[1]);
    out[1] = mixB(mixB(out[1] ^ 1, u32[0]), u32[1]);
    return;
  }
  if (v === null || v === undefined) {
    out[0] = mixA(out[0], 2);
    out[1] = mixB(out[1], 2);
    return;
  }
  hashString(v instanceof Date ? `D${v.getTime()}` : `${typeof v}:${idText(v)}`, out);
}

function hashColumns(table: ValueTable): { hashA: Int32Array; hashB: Int32Array } {
  const n = table.length;
  const hashA = new Int32Array(n).fill(HASH_SEED_A);
  const hashB = new Int32Array(n).fill(HASH_SEED_B);
  const h: [number, number] = [0, 0];
  for (const col of table.columns) {
    if (col.kind === 'numbers') {
      const v = col.values;
      for (let i = 0; i < n; i++) {
        f64[0] = v[i];
        hashA[i] = mixA(mixA(mixA(hashA[i], u32[0]), u32[1]), FIELD_SEPARATOR);
        hashB[i] = mixB(mixB(mixB(hashB[i], u32[0]), u32[1]), FIELD_SEPARATOR);
      }
    } else if (col.kind === 'dictionary') {
      const da = new Int32Array(col.dictionary.length + 1);
      const db = new Int32Array(col.dictionary.length + 1);
      col.dictionary.forEach((value, k) => {
        hashValue(value, h);
        da[k + 1] = h[0];
        db[k + 1] = h[1];
      });
      hashValue(null, h);
      da[0] = h[0];
      db[0] = h[1];
      const idx = col.indices;
      for (let i = 0; i < n; i++) {
        const k = idx[i] + 1;
        hashA[i] = mixA(mixA(hashA[i], da[k]), FIELD_SEPARATOR);
        hashB[i] = mixB(mixB(hashB[i], db[k]), FIELD_SEPARATOR);
      }
    } else {
      for (let i = 0; i < n; i++) {
        hashValue(col.get(i), h);
        hashA[i] = mixA(mixA(hashA[i], h[0]), FIELD_SEPARATOR);
        hashB[i] = mixB(mixB(hashB[i], h[1]), FIELD_SEPARATOR);
      }
    }
  }
  return { hashA, hashB };
}

function decodeIds(col: ValueColumn, n: number): IdColumn {
  const codes = new Int32Array(n);
  const encoder = new IdEncoder();
  if (col.kind === 'numbers') {
    const byNumber = new Map<number, number>();
    const v = col.values;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (x !== x) { codes[i] = -1; continue; }
      let c = byNumber.get(x);
      if (c === undefined) {
        c = encoder.code(String(x));
        byNumber.set(x, c);
      }
      codes[i] = c;
    }
  } else if (col.kind === 'dictionary' && col.distinct === true) {
    // Distinct strings already: the indices are the codes (finishIds trims, merges and drops blanks).
    codes.set(col.indices);
    return finishIds(codes, col.dictionary as string[], n);
  } else if (col.kind === 'dictionary') {
    const map = col.dictionary.map((value) => {
      const s = idText(value).trim();
      return s === '' ? -1 : encoder.code(s);
    });
    const idx = col.indices;
    for (let i = 0; i < n; i++) codes[i] = idx[i] < 0 ? -1 : map[idx[i]];
  } else {
    for (let i = 0; i < n; i++) {
      const s = idText(col.get(i)).trim();
      codes[i] = s === '' ? -1 : encoder.code(s);
    }
  }
  return finishIds(codes, encoder.values, n);
}

function decodeDates(col: ValueColumn, n: number, clock: ZoneClock, time: Float64Array, state: Uint8Array): void {
  if (col.kind === 'numbers') {
    const v = col.values;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (x !== x) { time[i] = NaN; state[i] = 1; continue; }
      const t = col.time === 'wall' ? x : col.time === 'instant' ? clock.wallMs(x) : dateFromNumber(x, clock);
      time[i] = t;
      state[i] = t === t ? 0 : 2;
    }
  } else if (col.kind === 'dictionary') {
    const decoded = col.dictionary.map((value) => dateFromValue(value, clock));
    const missing = col.dictionary.map((value) => isMissingValue(value));
    for (let i = 0; i < n; i++) {
      const k = col.indices[i];
      const t = k < 0 ? NaN : decoded[k];
      time[i] = t;
      state[i] = t === t ? 0 : k < 0 || missing[k] ? 1 : 2;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const value = col.get(i);
      const t = dateFromValue(value, clock);
      time[i] = t;
      state[i] = t === t ? 0 : isMissingValue(value) ? 1 : 2;
    }
  }
}

function decodeAmounts(col: ValueColumn, n: number): Float64Array {
  if (col.kind === 'numbers') {
    const out = col.values.slice(0, n);
    for (let i = 0; i < n; i++) if (!Number.isFinite(out[i])) out[i] = NaN;
    return out;
  }
  const out = new Float64Array(n);
  if (col.kind === 'dictionary') {
    const decoded = col.dictionary.map(amountFromValue);
    for (let i = 0; i < n; i++) out[i] = col.indices[i] < 0 ? NaN : decoded[col.indices[i]];
  } else {
    for (let i = 0; i < n; i++) out[i] = amountFromValue(col.get(i));
  }
  return out;
}

function rawText(col: ValueColumn, row: number): string {
  if (col.kind === 'numbers') {
    const x = col.values[row];
    if (x !== x) return '';
    if (col.time) {
      const iso = new Date(x).toISOString();
      return col.time === 'wall' ? iso.slice(0, 23) : iso;
    }
    return String(x);
  }
  const value = col.kind === 'dictionary' ? (col.indices[row] < 0 ? null : col.dictionary[col.indices[row]]) : col.get(row);
  return idText(value);
}

/** Decodes the mapped columns of a ValueTable and hashes every column for the duplicate check. */
export function decodeValueTable(table: ValueTable, userMapping: ColumnMapping | undefined, clock: ZoneClock,
  dateOptions: { dateFormat?: DateFormat; lang?: string } = {}): DecodedRows {
  const names = table.columns.map((c) => c.name);
  const sampleSize = Math.min(table.length, DATE_SAMPLE_ROWS);
  const sampleValues = (i: number): unknown[] => {
    const c = table.columns[i];
    const out: unknown[] = [];
    for (let row = 0; row < sampleSize; row++) {
      out.push(c.kind === 'numbers' ? c.values[row] : c.kind === 'dictionary' ? (c.indices[row] < 0 ? null : c.dictionary[c.indices[row]]) : c.get(row));
    }
    return out;
  };
  const sampleText = (i: number): string[] => sampleValues(i).map((v) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v)));
  const { mapping, index, choices } = resolveMapping(names, userMapping, sampleText);
  const dateColumn = table.columns[index[ROLE_DATE]];
  // Columns typed as timestamps (Arrow, Parquet) need no convention; numbers and text do.
  const dates = dateColumn.kind === 'numbers' && dateColumn.time ? { format: 'YYYY-MM-DD' as const, rule: 'values' as const }
    : chooseDateReading(sampleValues(index[ROLE_DATE]), dateOptions);
  applyDateReading(clock, dates);
  const n = table.length;
  const col = (role: number): ValueColumn | undefined => (index[role] >= 0 ? table.columns[index[role]] : undefined);
  const id = (role: number): IdColumn | undefined => {
    const c = col(role);
    return c ? decodeIds(c, n) : undefined;
  };
  const time = new Float64Array(n);
  const dateState = new Uint8Array(n);
  decodeDates(col(ROLE_DATE)!, n, clock, time, dateState);
  let amount: Float64Array | undefined;
  const a = col(ROLE_AMOUNT_A);
  if (a) {
    amount = decodeAmounts(a, n);
    const b = col(ROLE_AMOUNT_B);
    if (b) {
      const other = decodeAmounts(b, n);
      for (let i = 0; i < n; i++) amount[i] *= other[i];
    }
  }
  // Hashed on the first request only: the duplicate check skips rows that cannot repeat (build.ts).
  let hashes: { hashA: Int32Array; hashB: Int32Array } | null = null;
  return {
    length: n,
    format: table.format,
    mapping,
    choices,
    dates,
    customer: id(0)!,
    order: id(1),
    product: id(5),
    category: id(6),
    channel: id(7),
    region: id(8),
    productName: id(9),
    ...(index.length > ROLE_DIMENSION ? { dimensions: Array.from(index.subarray(ROLE_DIMENSION), (_, k) => id(ROLE_DIMENSION + k)!) } : {}),
    time,
    dateState,
    amount,
    hashRow(row: number, out: Int32Array) {
      hashes ??= hashColumns(table);
      out[0] = hashes.hashA[row];
      out[1] = hashes.hashB[row];
    },
    rawValues(row: number) {
      const out: Record<string, string> = {};
      for (let role = 0; role < index.length; role++) {
        const c = col(role);
        if (c) setOwn(out, c.name, rawText(c, row));
      }
      return out;
    },
  };
}

/** Columns of an array of plain objects: the union of the keys of the first 1,000 rows, in first-seen order. */
export function valueTableFromObjects(rows: Record<string, unknown>[], format: string): ValueTable {
  const keys = new Set<string>();
  for (let i = 0; i < Math.min(rows.length, 1000); i++) {
    const row = rows[i];
    if (row !== null && typeof row === 'object' && !Array.isArray(row)) for (const k of Object.keys(row)) keys.add(k);
  }
  const columns: ValueColumn[] = [...keys].map((name) => ({
    kind: 'values' as const,
    name,
    get: (i: number) => {
      const row = rows[i];
      return row === null || typeof row !== 'object' ? undefined : row[name];
    },
  }));
  return { length: rows.length, columns, format };
}
