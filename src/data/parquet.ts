/**
 * Parquet bytes → ValueTable with hyparquet (+ hyparquet-compressors for ZSTD, gzip, brotli, LZ4),
 * column by column (onChunk), never as row objects. Timestamps are read as epoch ms numbers;
 * `isAdjustedToUTC` decides instant vs wall clock, DATE columns are wall clock.
 */
import { LoadError, type LoadProgress } from './types.js';
import type { TimeKind, ValueColumn, ValueTable } from './values.js';

const PAR1 = [0x50, 0x41, 0x52, 0x31];

function magicAt(bytes: Uint8Array, at: number): boolean {
  if (at < 0 || at + 4 > bytes.length) return false;
  for (let k = 0; k < 4; k++) if (bytes[at + k] !== PAR1[k]) return false;
  return true;
}

type Chunk = { rowStart: number; rowEnd: number; data: ArrayLike<unknown> };

/** Reads all columns of a Parquet file. Throws 'truncated' when the footer is missing. */
export async function readParquet(bytes: Uint8Array, onProgress?: (p: LoadProgress) => void): Promise<ValueTable> {
  if (!magicAt(bytes, bytes.length - 4)) {
    throw new LoadError('truncated', `The Parquet file is truncated (${bytes.length} bytes, no closing PAR1 footer): download it again.`);
  }
  const [{ parquetMetadata, parquetRead, parquetSchema }, { compressors }] = await Promise.all([import('hyparquet'), import('hyparquet-compressors')]);
  const file = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer);
  let metadata;
  try {
    metadata = parquetMetadata(file);
  } catch (e) {
    throw new LoadError('bad-parquet', `The Parquet file could not be read (${(e as Error).message}).`, e);
  }
  const n = Number(metadata.num_rows);
  const schema = parquetSchema(metadata);
  const kinds = new Map<string, TimeKind | 'number' | 'other'>();
  for (const child of schema.children) {
    const el = child.element;
    const lt = el.logical_type;
    let kind: TimeKind | 'number' | 'other' = 'other';
    if (lt?.type === 'TIMESTAMP') kind = lt.isAdjustedToUTC ? 'instant' : 'wall';
    else if (lt?.type === 'DATE' || el.converted_type === 'DATE') kind = 'wall';
    else if (el.converted_type === 'TIMESTAMP_MILLIS' || el.converted_type === 'TIMESTAMP_MICROS') kind = 'instant';
    else if (el.type === 'INT96') kind = 'instant';
    else if ((el.type === 'DOUBLE' || el.type === 'FLOAT' || el.type === 'INT32' || el.type === 'INT64') && !lt && !el.converted_type) kind = 'number';
    kinds.set(el.name, kind);
  }
  const chunks = new Map<string, Chunk[]>();
  let rowsDone = 0;
  try {
    await parquetRead({
      file,
      metadata,
      compressors,
      // Epoch ms numbers instead of one Date object per value.
      parsers: {
        timestampFromMilliseconds: (v: bigint) => Number(v),
        timestampFromMicroseconds: (v: bigint) => Number(v / 1000n),
        timestampFromNanoseconds: (v: bigint) => Number(v / 1000000n),
        dateFromDays: (d: number) => d * 86_400_000,
      },
      onChunk: (c) => {
        let list = chunks.get(c.columnName);
        if (!list) chunks.set(c.columnName, (list = []));
        list.push({ rowStart: c.rowStart, rowEnd: c.rowEnd, data: c.columnData as ArrayLike<unknown> });
        if (c.rowEnd > rowsDone) {
          rowsDone = c.rowEnd;
          onProgress?.({ phase: 'parse', rows: rowsDone });
        }
      },
    });
  } catch (e) {
    throw new LoadError('bad-parquet', `The Parquet file could not be read (${(e as Error).message}).`, e);
  }
  const columns: ValueColumn[] = schema.children.map((child) => {
    const name = child.element.name;
    const kind = kinds.get(name)!;
    const list = (chunks.get(name) ?? []).sort((a, b) => a.rowStart - b.rowStart);
    if (kind === 'number' || kind === 'instant' || kind === 'wall') {
      const values = new Float64Array(n).fill(NaN);
      for (const c of list) {
        const d = c.data;
        const len = Math.min(c.rowEnd, n) - c.rowStart;
        for (let i = 0; i < len; i++) {
          const v = d[i];
          values[c.rowStart + i] = v === null || v === undefined ? NaN : Number(v);
        }
      }
      return { kind: 'numbers', name, values, time: kind === 'number' ? undefined : kind };
    }
    const flat: unknown[] = new Array(n);
    for (const c of list) {
      const len = Math.min(c.rowEnd, n) - c.rowStart;
      for (let i = 0; i < len; i++) flat[c.rowStart + i] = c.data[i];
    }
    return { kind: 'values', name, get: (i: number) => flat[i] };
  });
  return { length: n, columns, format: 'parquet' };
}
