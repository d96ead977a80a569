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

/** Default bound of the direct table for integer ids (entries; 4 bytes each). */
const DEFAULT_DIRECT_LIMIT = 1 << 20;

/**
 * Byte ranges → codes 0, 1, 2, … in order of first appearance.
 *
 * Values that are plain non-negative integers below `directLimit` ("0", "17850"; no sign, no
 * leading zero, so the text is exactly `String(n)`) skip the hash table: their code is found at
 * `direct[n]`, one array read, no hashing and no byte comparison. Ids are very often such numbers
 * (customer and order numbers), and a million distinct order ids made the hash table the slowest
 * part of loading a CSV (a few cache misses per lookup: slot, hash, offset, bytes). Whether a value
 * takes the direct table depends only on its bytes, so each value lives in exactly one of the two.
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
   * Slot table of the hashed (non-integer) values: code + 1 per slot, 0 = empty. One Int32 per
   * slot keeps the table small; the hash of code k is `hashes[k]`, so bytes are compared only on
   * equal hashes.
   */
  private slots: Int32Array;
  private mask: number;
  /** Values in the slot table. */
  private hashed = 0;
  /** Per code: its hash (meaningful for hashed values only). */
  private hashes: Int32Array;
  /** Value k is `arena[starts[k], starts[k + 1])`. */
  private starts: Int32Array;
  private arena: Uint8Array;
  private used = 0;
  /** Integer ids: `direct[n]` = code + 1 of the value `String(n)`, 0 = not seen. Grows on demand. */
  private direct: Int32Array = new Int32Array(0);
  /** Integers ≥ this go to the hash table (bounds the direct table's memory). */
  private readonly directLimit: number;

  /**
   * `initialSlots` (rounded up to a power of two ≥ 2) is only a starting size; tests force tiny
   * tables with it. `directLimit`: integer values below it use the direct table (at most
   * 4·directLimit bytes; 0 turns it off).
   */
  constructor(initialSlots = 1024, directLimit = DEFAULT_DIRECT_LIMIT) {
    let size = 2;
    while (size < initialSlots) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.hashes = new Int32Array(size >> 1);
    this.starts = new Int32Array((size >> 1) + 1);
    this.arena = new Uint8Array(Math.max(64, size * 4));
    this.directLimit = directLimit;
  }

  /** Code of the value `bytes[start, end)` (non-empty), adding it when new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (len <= 9) { // at most 9 digits: below 10⁹, exact in an int32
      let v = bytes[start] - 48;
      if ((v > 0 && v <= 9) || (v === 0 && len === 1)) {
        let j = start + 1;
        for (; j < end; j++) {
          const d = bytes[j] - 48;
          if (d < 0 || d > 9) break;
          v = v * 10 + d;
        }
        if (j === end && v < this.directLimit) {
          if (v < this.direct.length) {
            const k1 = this.direct[v];
            if (k1 !== 0) return k1 - 1;
          }
          return this.addDirect(v, bytes, start, len);
        }
      }
    }
    const h = hashBytes(bytes, start, end);
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
    return this.addHashed(h, slot, bytes, start, len);
  }

  private sameBytes(at: number, bytes: Uint8Array, start: number, len: number): boolean {
    const arena = this.arena;
    for (let j = 0; j < len; j++) if (arena[at + j] !== bytes[start + j]) return false;
    return true;
  }

  private addDirect(v: number, bytes: Uint8Array, start: number, len: number): number {
    if (v >= this.direct.length) {
      let size = Math.max(1024, this.direct.length * 2);
      while (size <= v) size *= 2;
      const bigger = new Int32Array(Math.min(size, this.directLimit));
      bigger.set(this.direct);
      this.direct = bigger;
    }
    const k = this.append(bytes, start, len);
    this.direct[v] = k + 1;
    return k;
  }

  private addHashed(h: number, slot: number, bytes: Uint8Array, start: number, len: number): number {
    if (2 * (this.hashed + 1) > this.mask + 1) { // keep the load factor ≤ 1/2
      this.resize((this.mask + 1) * 2);
      return this.intern(bytes, start, start + len);
    }
    const k = this.append(bytes, start, len);
    this.slots[slot] = k + 1;
    this.hashes[k] = h;
    this.hashed++;
    if (!this.mayNeedCleaning && needsCleaning(bytes, start, len)) this.mayNeedCleaning = true;
    return k;
  }

  /** Gives the next code to the value `bytes[start, start + len)`: stores its bytes. */
  private append(bytes: Uint8Array, start: number, len: number): number {
    const k = this.size;
    if (k + 1 >= this.starts.length) this.growCodes(2 * (k + 1));
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
    this.used = at;
    this.starts[k + 1] = at;
    this.size = k + 1;
    return k;
  }

  /** Room for `codes` values in the per-code arrays. */
  private growCodes(codes: number): void {
    const hashes = new Int32Array(codes);
    hashes.set(this.hashes.subarray(0, this.size));
    this.hashes = hashes;
    const starts = new Int32Array(codes + 1);
    starts.set(this.starts.subarray(0, this.size + 1));
    this.starts = starts;
  }

  /**
   * Makes room for `distinct` values without further growth (one rehash now instead of several
   * doublings; the parser calls it when the first rows show a column of mostly distinct ids). The
   * slot table is sized only when most values so far were hashed (integer ids need none).
   */
  reserve(distinct: number): void {
    if (distinct + 1 > this.starts.length) this.growCodes(distinct);
    if (2 * this.hashed < this.size) return;
    let size = this.mask + 1;
    while (size < 2 * distinct) size *= 2;
    if (size > this.mask + 1) this.resize(size);
  }

  /** Rebuilds the slot table with `size` slots from the stored hashes. */
  private resize(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    const hashes = this.hashes;
    const old = this.slots;
    for (let i = 0; i < old.length; i++) {
      const k1 = old[i];
      if (k1 === 0) continue;
      let slot = hashes[k1 - 1] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = k1;
    }
    this.slots = slots;
    this.mask = mask;
    if (this.starts.length < (size >> 1) + 1) this.growCodes(size >> 1);
  }

  /** The distinct values as strings, by code. */
  values(): string[] {
    const n = this.size;
    // Pushed, not `new Array(n)`: a holey array is structured-cloned (posted from the worker) ~2x slower.
    const out: string[] = [];
    const starts = this.starts;
    const arena = this.arena;
    if (!this.nonAscii) {
      // One decode, then slices: far cheaper than a decoder call per value.
      asciiDecoder ??= new TextDecoder('utf-8');
      const all = asciiDecoder.decode(arena.subarray(0, this.used));
      for (let k = 0; k < n; k++) out.push(all.slice(starts[k], starts[k + 1]));
      return out;
    }
    utf8Decoder ??= new TextDecoder('utf-8');
    for (let k = 0; k < n; k++) out.push(bytesToString(arena, starts[k], starts[k + 1], utf8Decoder));
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
  const out: string[] = []; // pushed: packed (see ByteInterner.values)
  if (count === 0) return out;
  const from = offsets[0], to = offsets[count];
  let high = 0;
  for (let j = from; j < to; j++) high |= bytes[j];
  if (high < 0x80) {
    asciiDecoder ??= new TextDecoder('utf-8');
    const all = asciiDecoder.decode(bytes.subarray(from, to));
    for (let i = 0; i < count; i++) out.push(all.slice(offsets[i] - from, offsets[i + 1] - from));
    return out;
  }
  utf8Decoder ??= new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) out.push(bytesToString(bytes, offsets[i], offsets[i + 1], utf8Decoder));
  return out;
}
