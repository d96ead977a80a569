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
import { LoadError } from './types.js';
import type { TimeKind, ValueColumn, ValueTable } from './values.js';

// Arrow's Type enum values (stable in the Arrow format spec), so this module needs no runtime import.
const TYPE_DICTIONARY = -1;
const TYPE_INT = 2;
const TYPE_FLOAT = 3;
const TYPE_DATE = 8;
const TYPE_TIMESTAMP = 10;
const UNIT_SCALE = [1000, 1, 1e-3, 1e-6]; // SECOND, MILLISECOND, MICROSECOND, NANOSECOND → ms

/** Whether `x` quacks like an apache-arrow Table (avoids importing the class for `instanceof`). */
export function isArrowTable(x: unknown): x is Table {
  return typeof x === 'object' && x !== null && 'schema' in x && 'batches' in x && typeof (x as Table).getChildAt === 'function';
}

type AnyData = Data & { values: ArrayLike<number | bigint>; dictionary?: Vector; type: { typeId: number; unit?: number; timezone?: string | null } };

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

function dictionaryColumn(name: string, chunks: AnyData[], n: number): ValueColumn {
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
      for (let k = 0; k < dict.length; k++) dictionary.push(dict.get(k));
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
