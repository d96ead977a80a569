/**
 * Apache Arrow → ValueTable, reading buffers directly: dictionary columns use their dictionary and
 * index buffer (no per-row decoding), numbers and timestamps read the typed value buffers (64-bit
 * values converted with Number(), timestamps scaled by their unit). Nothing here calls `toArray()`
 * or any builder, so no `new Function` (strict-CSP pages work).
 *
 * Time rules: Timestamp with a time zone = instant; Timestamp without one = wall clock;
 * Date = a calendar date (wall clock).
 */
import type { Data, Table, Vector } from 'apache-arrow';
import { ByteInterner, utf8Values } from './byte-interner.js';
import { LoadError } from './types.js';
import type { TimeKind, ValueColumn, ValueTable } from './values.js';

// Arrow's Type enum values (stable in the Arrow format spec), so this module needs no runtime import.
export const TYPE_DICTIONARY = -1;
export const TYPE_INT = 2;
export const TYPE_FLOAT = 3;
export const TYPE_UTF8 = 5;
export const TYPE_DATE = 8;
export const TYPE_TIMESTAMP = 10;
/** Timestamp units SECOND, MILLISECOND, MICROSECOND, NANOSECOND → factor to milliseconds. */
export const UNIT_SCALE = [1000, 1, 1e-3, 1e-6];

/** Whether `x` quacks like an apache-arrow Table (avoids importing the class for `instanceof`). */
export function isArrowTable(x: unknown): x is Table {
  return typeof x === 'object' && x !== null && 'schema' in x && 'batches' in x && typeof (x as Table).getChildAt === 'function';
}

type AnyData = Data & {
  values: ArrayLike<number | bigint>;
  valueOffsets?: Int32Array;
  dictionary?: Vector;
  type: { typeId: number; unit?: number; timezone?: string | null };
};

/** Values of a dictionary vector: UTF-8 dictionaries straight from their buffers, others via get(). */
function dictionaryValues(dict: Vector): unknown[] {
  const chunks = dict.data as unknown as AnyData[];
  if (chunks.every((d) => d.type.typeId === TYPE_UTF8 && d.nullCount === 0 && d.valueOffsets instanceof Int32Array)) {
    const out: unknown[] = [];
    for (const d of chunks) {
      const strings = utf8Values(d.values as Uint8Array, d.valueOffsets!, d.length);
      for (let k = 0; k < strings.length; k++) out.push(strings[k]);
    }
    return out;
  }
  const out: unknown[] = [];
  for (let k = 0; k < dict.length; k++) out.push(dict.get(k));
  return out;
}

/**
 * A plain UTF-8 column (e.g. one order id per row) as a dictionary column, interned from the bytes
 * (a JS string per distinct value, none per row). The dictionary holds distinct strings.
 */
function utf8Column(name: string, chunks: AnyData[], n: number): ValueColumn {
  const interner = new ByteInterner(1 << 12);
  const indices = new Int32Array(n);
  let offset = 0;
  let empty = -1; // code of '' (kept apart: the interner takes non-empty values)
  let hasEmpty = false;
  for (const data of chunks) {
    const bytes = data.values as Uint8Array;
    const offs = data.valueOffsets!;
    const checkNulls = data.nullCount > 0;
    for (let i = 0; i < data.length; i++) {
      if (checkNulls && !data.getValid(i)) { indices[offset + i] = -1; continue; }
      const s = offs[i], e = offs[i + 1];
      if (e === s) { indices[offset + i] = empty; hasEmpty = true; continue; }
      indices[offset + i] = interner.intern(bytes, s, e);
      if (offset + i === 16383 && interner.size > 8192) interner.reserve(n); // mostly distinct ids: size once
    }
    offset += data.length;
  }
  const dictionary: unknown[] = interner.values();
  if (hasEmpty) { // '' gets the next code; rows with it held -1 only as a placeholder
    const code = dictionary.length;
    dictionary.push('');
    offset = 0;
    for (const data of chunks) {
      const offs = data.valueOffsets!;
      for (let i = 0; i < data.length; i++) if (offs[i + 1] === offs[i] && data.getValid(i)) indices[offset + i] = code;
      offset += data.length;
    }
  }
  return { kind: 'dictionary', name, indices, dictionary, distinct: true };
}

function numbersColumn(name: string, chunks: AnyData[], n: number, scale: number, time?: TimeKind): ValueColumn {
  const out = new Float64Array(n);
  let offset = 0;
  for (const data of chunks) {
    const values = data.values;
    const len = data.length;
    const checkNulls = data.nullCount > 0;
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
      for (let i = 0; i < len; i++) out[offset + i] = checkNulls && !data.getValid(i) ? NaN : Number(values[i]) * scale;
    } else {
      const v = values as ArrayLike<number>;
      const stride = (data as unknown as { stride: number }).stride ?? 1;
      for (let i = 0; i < len; i++) out[offset + i] = checkNulls && !data.getValid(i) ? NaN : v[i * stride] * scale;
    }
    offset += len;
  }
  return { kind: 'numbers', name, values: out, time };
}

/** Whether every dictionary of the column is UTF-8 with no nulls and no empty strings. */
function plainUtf8Dictionaries(chunks: AnyData[]): boolean {
  return chunks.every((c) => (c.dictionary!.data as unknown as AnyData[]).every((d) => {
    if (d.type.typeId !== TYPE_UTF8 || d.nullCount > 0 || !(d.valueOffsets instanceof Int32Array)) return false;
    const offs = d.valueOffsets;
    for (let k = 0; k < d.length; k++) if (offs[k + 1] === offs[k]) return false;
    return true;
  }));
}

/**
 * A dictionary column whose dictionaries are UTF-8: entries are interned from their bytes, so
 * duplicate entries (and the same value in several dictionaries) get one code and the result holds
 * distinct strings, made once each.
 */
function utf8DictionaryColumn(name: string, chunks: AnyData[], n: number): ValueColumn {
  const interner = new ByteInterner(1 << 12);
  const indices = new Int32Array(n);
  const seen = new Map<Vector, Int32Array>();
  let offset = 0;
  for (const data of chunks) {
    const dict = data.dictionary!;
    let map = seen.get(dict);
    if (map === undefined) {
      map = new Int32Array(dict.length);
      let k = 0;
      for (const d of dict.data as unknown as AnyData[]) {
        const bytes = d.values as Uint8Array;
        const offs = d.valueOffsets!;
        for (let j = 0; j < d.length; j++) map[k++] = interner.intern(bytes, offs[j], offs[j + 1]);
      }
      seen.set(dict, map);
    }
    const idx = data.values;
    const checkNulls = data.nullCount > 0;
    for (let i = 0; i < data.length; i++) indices[offset + i] = checkNulls && !data.getValid(i) ? -1 : map[Number(idx[i])];
    offset += data.length;
  }
  return { kind: 'dictionary', name, indices, dictionary: interner.values(), distinct: true };
}

function dictionaryColumn(name: string, chunks: AnyData[], n: number): ValueColumn {
  if (chunks.length > 0 && plainUtf8Dictionaries(chunks)) return utf8DictionaryColumn(name, chunks, n);
  const indices = new Int32Array(n);
  const dictionary: unknown[] = [];
  const seen = new Map<Vector, number>();
  let offset = 0;
  for (const data of chunks) {
    const dict = data.dictionary!;
    let base = seen.get(dict);
    if (base === undefined) {
      base = dictionary.length;
      seen.set(dict, base);
      const values = dictionaryValues(dict);
      for (let k = 0; k < values.length; k++) dictionary.push(values[k]);
    }
    const idx = data.values;
    const checkNulls = data.nullCount > 0;
    for (let i = 0; i < data.length; i++) indices[offset + i] = checkNulls && !data.getValid(i) ? -1 : base + Number(idx[i]);
    offset += data.length;
  }
  return { kind: 'dictionary', name, indices, dictionary };
}

/** Reads every column of an Arrow table into a ValueTable. */
export function valueTableFromArrow(table: Table, format: string): ValueTable {
  const n = table.numRows;
  const columns: ValueColumn[] = table.schema.fields.map((field, c) => {
    const vector = table.getChildAt(c)!;
    const chunks = vector.data as unknown as AnyData[];
    const typeId = field.type.typeId as number;
    if (typeId === TYPE_DICTIONARY) return dictionaryColumn(field.name, chunks, n);
    if (typeId === TYPE_UTF8 && chunks.every((d) => d.valueOffsets instanceof Int32Array)) return utf8Column(field.name, chunks, n);
    if (typeId === TYPE_TIMESTAMP) {
      const t = field.type as unknown as { unit: number; timezone?: string | null };
      return numbersColumn(field.name, chunks, n, UNIT_SCALE[t.unit], t.timezone ? 'instant' : 'wall');
    }
    if (typeId === TYPE_DATE) {
      const unit = (field.type as unknown as { unit: number }).unit;
      return numbersColumn(field.name, chunks, n, unit === 0 ? 86_400_000 : 1, 'wall');
    }
    if (typeId === TYPE_INT || typeId === TYPE_FLOAT) {
      const precision = (field.type as unknown as { precision?: number }).precision;
      if (typeId === TYPE_FLOAT && precision === 0) return { kind: 'values', name: field.name, get: (i: number) => vector.get(i) };
      return numbersColumn(field.name, chunks, n, 1);
    }
    return { kind: 'values', name: field.name, get: (i: number) => vector.get(i) };
  });
  return { length: n, columns, format };
}

const ARROW_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

function hasMagic(bytes: Uint8Array, at: number): boolean {
  if (at < 0 || at + 6 > bytes.length) return false;
  for (let k = 0; k < 6; k++) if (bytes[at + k] !== ARROW_MAGIC[k]) return false;
  return true;
}

/**
 * Arrow IPC bytes (file or stream format) → Table. A file must end with the ARROW1 magic and a
 * stream with the end-of-stream marker (0xFFFFFFFF 0x00000000); otherwise it is 'truncated'.
 */
export async function readArrowIpc(bytes: Uint8Array): Promise<Table> {
  const isFile = hasMagic(bytes, 0);
  if (isFile && !hasMagic(bytes, bytes.length - 6)) {
    throw new LoadError('truncated', `The Arrow file is truncated (${bytes.length} bytes, no closing ARROW1 marker): download it again.`);
  }
  if (!isFile) {
    const tail = bytes.subarray(bytes.length - 8);
    const eos = tail.length === 8 && tail[0] === 0xff && tail[1] === 0xff && tail[2] === 0xff && tail[3] === 0xff && tail[4] === 0 && tail[5] === 0 && tail[6] === 0 && tail[7] === 0;
    if (!eos) throw new LoadError('truncated', `The Arrow stream is truncated (${bytes.length} bytes, no end-of-stream marker): download it again.`);
  }
  const { tableFromIPC } = await import('apache-arrow');
  try {
    return tableFromIPC(bytes);
  } catch (e) {
    throw new LoadError('bad-arrow', `The Arrow data could not be read (${(e as Error).message}).`, e);
  }
}
