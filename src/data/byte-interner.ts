/**
 * Dictionary encoding straight from UTF-8 bytes: an open-addressing hash table keyed on the byte
 * range of a value. Hashing and comparing bytes avoids creating a JS string per row; a value's
 * bytes are copied once, when it is first seen, and all strings are made in one batch at the end
 * (`values()`), sliced out of a single decoded string where the values are ASCII.
 *
 * Why not a `Map<string, number>`: at a million distinct order ids the Map alone took ~0.5 s
 * (one string per row, then hashing and rehashing that string).
 */

const EMPTY = -1;

/** FNV-1a of `bytes[start, end)` followed by a murmur3 finaliser (FNV alone clusters low bits). */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

let asciiDecoder: TextDecoder | null = null;
let utf8Decoder: TextDecoder | null = null;

/**
 * Byte ranges → codes 0, 1, 2, … in order of first appearance.
 *
 * @example
 * const ids = new ByteInterner();
 * const b = new TextEncoder().encode('a,b,a');
 * [ids.intern(b, 0, 1), ids.intern(b, 2, 3), ids.intern(b, 4, 5)]; // [0, 1, 0]
 * ids.values(); // ['a', 'b']
 */
export class ByteInterner {
  /** Distinct values so far. */
  size = 0;
  /** Whether any value has a byte ≥ 0x80 (then strings are decoded per value). */
  private nonAscii = false;
  /** Whether some value may need `finishIds` cleaning (see `needsCleaning`). */
  mayNeedCleaning = false;
  /**
   * Slot table: code + 1 per slot, 0 = empty. One Int32 per slot keeps the table small (random
   * access to it is the cost of interning a million distinct ids); the hash of code k is `hashes[k]`,
   * so bytes are compared only on equal hashes.
   */
  private slots: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  /** Value k is `arena[starts[k], starts[k + 1])`. */
  private starts: Int32Array;
  private arena: Uint8Array;
  private used = 0;

  /** `initialSlots` (rounded up to a power of two ≥ 2) is only a starting size; tests force tiny tables with it. */
  constructor(initialSlots = 1024) {
    let size = 2;
    while (size < initialSlots) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.hashes = new Int32Array(size >> 1);
    this.starts = new Int32Array((size >> 1) + 1);
    this.arena = new Uint8Array(Math.max(64, size * 4));
  }

  /** Code of the value `bytes[start, end)` (non-empty), adding it when new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    const h = hashBytes(bytes, start, end);
    const len = end - start;
    const slots = this.slots;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const k1 = slots[slot];
      if (k1 === 0) break;
      if (this.hashes[k1 - 1] === h) {
        const s = this.starts[k1 - 1];
        if (this.starts[k1] - s === len && this.sameBytes(s, bytes, start, len)) return k1 - 1;
      }
      slot = (slot + 1) & mask;
    }
    return this.add(h, slot, bytes, start, len);
  }

  private sameBytes(at: number, bytes: Uint8Array, start: number, len: number): boolean {
    const arena = this.arena;
    for (let j = 0; j < len; j++) if (arena[at + j] !== bytes[start + j]) return false;
    return true;
  }

  private add(h: number, slot: number, bytes: Uint8Array, start: number, len: number): number {
    const k = this.size;
    if (2 * (k + 1) > this.mask + 1) { // keep the load factor ≤ 1/2
      this.resize((this.mask + 1) * 2);
      return this.intern(bytes, start, start + len);
    }
    this.slots[slot] = k + 1;
    this.hashes[k] = h;
    let at = this.used;
    if (at + len > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, at + len));
      bigger.set(this.arena.subarray(0, at));
      this.arena = bigger;
    }
    const arena = this.arena;
    let high = 0;
    for (let j = 0; j < len; j++) {
      const c = bytes[start + j];
      arena[at++] = c;
      high |= c;
    }
    if (high >= 0x80) this.nonAscii = true;
    if (!this.mayNeedCleaning && needsCleaning(bytes, start, len)) this.mayNeedCleaning = true;
    this.used = at;
    this.starts[k + 1] = at;
    this.size = k + 1;
    return k;
  }

  /**
   * Makes room for `distinct` values without further growth (one rehash now instead of several
   * doublings; the parser calls it when the first rows show a column of mostly distinct ids).
   */
  reserve(distinct: number): void {
    let size = this.mask + 1;
    while (size < 2 * distinct) size *= 2;
    if (size > this.mask + 1) this.resize(size);
  }

  /** Rebuilds the slot table with `size` slots from the stored hashes. */
  private resize(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    const hashes = this.hashes;
    for (let k = 0; k < this.size; k++) {
      let slot = hashes[k] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = k + 1;
    }
    this.slots = slots;
    this.mask = mask;
    const moreHashes = new Int32Array(size >> 1);
    moreHashes.set(hashes.subarray(0, this.size));
    this.hashes = moreHashes;
    const starts = new Int32Array((size >> 1) + 1);
    starts.set(this.starts.subarray(0, this.size + 1));
    this.starts = starts;
  }

  /** The distinct values as strings, by code. */
  values(): string[] {
    const n = this.size;
    const out = new Array<string>(n);
    const starts = this.starts;
    const arena = this.arena;
    if (!this.nonAscii) {
      // One decode, then slices: far cheaper than a decoder call per value.
      asciiDecoder ??= new TextDecoder('utf-8');
      const all = asciiDecoder.decode(arena.subarray(0, this.used));
      for (let k = 0; k < n; k++) out[k] = all.slice(starts[k], starts[k + 1]);
      return out;
    }
    utf8Decoder ??= new TextDecoder('utf-8');
    for (let k = 0; k < n; k++) out[k] = bytesToString(arena, starts[k], starts[k + 1], utf8Decoder);
    return out;
  }
}

/** `bytes[start, end)` as a string (UTF-8); short ASCII ranges without a decoder call. */
export function bytesToString(bytes: Uint8Array, start: number, end: number, decoder?: TextDecoder): string {
  if (end - start <= 32) {
    let s = '';
    let j = start;
    for (; j < end; j++) {
      const c = bytes[j];
      if (c >= 0x80) break;
      s += String.fromCharCode(c);
    }
    if (j === end) return s;
  }
  return (decoder ?? (utf8Decoder ??= new TextDecoder('utf-8'))).decode(bytes.subarray(start, end));
}

/**
 * Whether `finishIds` might change this value: blank, surrounded by spaces, containing '.', or a
 * short word starting like NaN/null/None/N/A/undefined/#N/A (the same test it runs on strings).
 */
function needsCleaning(bytes: Uint8Array, start: number, len: number): boolean {
  if (len === 0) return true;
  const first = bytes[start];
  if (first <= 32 || bytes[start + len - 1] <= 32) return true;
  if (len <= 9 && (first === 110 || first === 78 || first === 117 || first === 85 || first === 35)) return true;
  for (let j = 0; j < len; j++) if (bytes[start + j] === 46) return true;
  return false;
}

/**
 * Strings of an Arrow-style UTF-8 column: value i is `bytes[offsets[i], offsets[i + 1])`. ASCII
 * data is decoded once and sliced; otherwise each value is decoded on its own.
 *
 * @example
 * utf8Values(new TextEncoder().encode('abc'), Int32Array.of(0, 1, 3), 2); // ['a', 'bc']
 */
export function utf8Values(bytes: Uint8Array, offsets: ArrayLike<number>, count: number): string[] {
  const out = new Array<string>(count);
  if (count === 0) return out;
  const from = offsets[0], to = offsets[count];
  let high = 0;
  for (let j = from; j < to; j++) high |= bytes[j];
  if (high < 0x80) {
    asciiDecoder ??= new TextDecoder('utf-8');
    const all = asciiDecoder.decode(bytes.subarray(from, to));
    for (let i = 0; i < count; i++) out[i] = all.slice(offsets[i] - from, offsets[i + 1] - from);
    return out;
  }
  utf8Decoder ??= new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) out[i] = bytesToString(bytes, offsets[i], offsets[i + 1], utf8Decoder);
  return out;
}
