/**
 * The intermediate every reader produces: one entry per data row, already typed (ids as dictionary
 * codes, dates as wall ms, amounts as numbers), plus a 64-bit hash of the whole raw row for the
 * duplicate check. `build.ts` turns it into an OrderTable. No row objects.
 */
import type { ColumnChoice, DateReading, ResolvedMapping } from './types.js';

/** Dictionary-encoded id column; code -1 = missing. */
export interface IdColumn {
  codes: Int32Array;
  values: string[];
}

export interface DecodedRows {
  /** Data rows read. */
  length: number;
  /** Report format name. */
  format: string;
  mapping: ResolvedMapping;
  /** How each role's column was chosen (report.columns). */
  choices?: ColumnChoice[];
  /** How dates were read (report.dates). */
  dates?: DateReading;
  customer: IdColumn;
  order?: IdColumn;
  product?: IdColumn;
  category?: IdColumn;
  channel?: IdColumn;
  region?: IdColumn;
  productName?: IdColumn;
  /** The `mapping.dimensions` columns, in that order (absent when none is mapped). */
  dimensions?: IdColumn[];
  /** Wall ms of each row's date (see time-zone.ts); NaN when missing or unparseable. */
  time: Float64Array;
  /** 0 = date ok, 1 = missing, 2 = unparseable. */
  dateState: Uint8Array;
  /**
   * 1 for a line of an order whose amount sits on the order's first line (order-lines.ts): its
   * amount is 0 and it is accepted whatever `zeroAmounts` says.
   */
  continuation?: Uint8Array;
  /** Row amount (product of the two factors for `A*B`); NaN = not a number. Absent without an amount column. */
  amount?: Float64Array;
  /**
   * Writes two independent 32-bit hashes of all raw values of a row (every column, mapped or not)
   * to `out[0]`, `out[1]`. Computed on demand: the duplicate check only hashes rows that could
   * repeat an earlier one (see build.ts).
   */
  hashRow(row: number, out: Int32Array): void;
  /** Raw values of the mapped columns of a row (0-based), for report examples. */
  rawValues(row: number): Record<string, string>;
}

/** Maps id strings to codes in order of first appearance (for JS values; text uses ByteInterner). */
export class IdEncoder {
  readonly values: string[] = [];
  private readonly map = new Map<string, number>();
  code(s: string): number {
    let c = this.map.get(s);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(s);
      this.map.set(s, c);
    }
    return c;
  }
}

const MISSING_WORDS = new Set(['', 'nan', 'null', 'none', 'undefined', 'n/a', 'na', '#n/a']);
const INTEGRAL_DECIMAL = /^(-?\d+)\.0*$/;

/**
 * Cleans an id column once per distinct value: trims, turns 'NaN'/'null'/'None'/'N/A'/blank into
 * missing (-1), and prints integral decimals as integers ("17850.0" → "17850", as pandas writes
 * integer ids of a column with gaps) so ids match across formats. Codes stay in first-appearance order.
 */
export function finishIds(codes: Int32Array, values: string[], length: number, knownClean = false): IdColumn {
  // Fast path: most columns need no cleaning; check without allocating (or not at all when the
  // caller already checked the bytes, see ByteInterner.mayNeedCleaning).
  let clean = true;
  if (knownClean) return { codes: codes.length === length ? codes : codes.slice(0, length), values };
  for (let k = 0; k < values.length && clean; k++) {
    const v = values[k];
    const first = v.charCodeAt(0);
    if (v.length === 0 || first <= 32 || v.charCodeAt(v.length - 1) <= 32 || v.indexOf('.') >= 0 ||
      (v.length <= 9 && (first === 110 || first === 78 || first === 117 || first === 85 || first === 35))) clean = false;
  }
  if (clean) return { codes: codes.length === length ? codes : codes.slice(0, length), values };
  const remap = new Int32Array(values.length);
  const out: string[] = [];
  const seen = new Map<string, number>();
  let changed = false;
  for (let k = 0; k < values.length; k++) {
    let v = values[k].trim();
    if (MISSING_WORDS.has(v.toLowerCase())) {
      remap[k] = -1;
      changed = true;
      continue;
    }
    const m = INTEGRAL_DECIMAL.exec(v);
    if (m !== null) v = m[1] === '-0' ? '0' : m[1];
    let c = seen.get(v);
    if (c === undefined) {
      c = out.length;
      out.push(v);
      seen.set(v, c);
    }
    remap[k] = c;
    if (c !== k || v !== values[k]) changed = true;
  }
  if (!changed) return { codes: codes.length === length ? codes : codes.slice(0, length), values };
  const result = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const c = codes[i];
    result[i] = c < 0 ? -1 : remap[c];
  }
  return { codes: result, values: out };
}

/**
 * Sets `out[key] = value` as an own property even for the key `__proto__` (a plain assignment would
 * try to change the prototype instead and drop the value): column names come from the data.
 */
export function setOwn(out: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Id text of a JS value: integers print without a decimal point; null/NaN → ''. */
export function idText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return v === v ? String(v) : '';
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  if (typeof v === 'object') {
    // Nested JSON values ({"id": 1}, [1, 2]) keep their content instead of "[object Object]", and
    // objects without a prototype (whose String() throws) are safe too.
    try {
      return JSON.stringify(v) ?? '';
    } catch {
      return Object.prototype.toString.call(v);
    }
  }
  return String(v);
}

// Hash constants: FNV-1a (A) and a murmur-style multiply (B), seeded differently.
export const HASH_SEED_A = 0x811c9dc5 | 0;
export const HASH_SEED_B = 0x3c6ef372 | 0;
export const FIELD_SEPARATOR = 0x1f;

/** Mixes one UTF-16 code unit into hash A. */
export function mixA(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}
/** Mixes one UTF-16 code unit into hash B. */
export function mixB(h: number, c: number): number {
  h = Math.imul(h + c, 0x9e3779b1);
  return h ^ (h >>> 15);
}

/**
 * Open-addressing set of 64-bit hashes (two Int32 halves, stored side by side so a probe touches
 * one cache line): `add` says whether the pair was already there. Two independent 32-bit hashes make
 * a false "duplicate" about n²/2⁶⁵ likely (3·10⁻⁸ at a million rows); documented as the price of not
 * keeping every raw row. The pair (0, 0) marks an empty slot, so a real (0, 0) is stored as (0, 1).
 */
export class HashPairSet {
  private readonly pairs: Int32Array;
  private readonly mask: number;
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.pairs = new Int32Array(size * 2);
    this.mask = size - 1;
  }
  /** Adds (ha, hb); returns true when it was present already. */
  add(ha: number, hb: number): boolean {
    if (ha === 0 && hb === 0) hb = 1;
    const pairs = this.pairs;
    let slot = (Math.imul(ha ^ (hb >>> 7), 0x85ebca6b) >>> 0) & this.mask;
    for (;;) {
      const a = pairs[2 * slot], b = pairs[2 * slot + 1];
      if (a === 0 && b === 0) {
        pairs[2 * slot] = ha;
        pairs[2 * slot + 1] = hb;
        return false;
      }
      if (a === ha && b === hb) return true;
      slot = (slot + 1) & this.mask;
    }
  }
}
