/**
 * JSON that keeps typed arrays: a typed array becomes `{ "$typed": "Float64Array", "values": [...] }`
 * (NaN and ±Infinity, which JSON has no words for, as the strings "NaN", "Infinity", "-Infinity"
 * inside it, and as `{ "$number": "NaN" }` elsewhere), and `reviveTyped` turns it back. Used for the widget results stored in a CLI report, which the
 * widgets read as they would read the compute worker's results.
 */

const TYPED = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array,
} as const;
type TypedName = keyof typeof TYPED;

function isTypedName(name: unknown): name is TypedName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(TYPED, name);
}

function numberOut(x: number): number | string {
  return Number.isFinite(x) ? x : String(x);
}

/**
 * Plain JSON value of `value`, typed arrays tagged, NaN/±Infinity tagged.
 * @example JSON.stringify(encodeTyped({ a: new Int32Array([1, 2]) })) // {"a":{"$typed":"Int32Array","values":[1,2]}}
 */
export function encodeTyped(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $number: String(value) };
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name;
    if (!isTypedName(name)) throw new TypeError(`cannot store a ${name}`);
    return { $typed: name, values: Array.from(value as unknown as ArrayLike<number>, numberOut) };
  }
  if (Array.isArray(value)) return value.map(encodeTyped);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) Object.defineProperty(out, key, { value: encodeTyped(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function numberIn(x: unknown): number {
  return typeof x === 'number' ? x : x === 'NaN' ? NaN : x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : NaN;
}

/**
 * The inverse of {@link encodeTyped} (own keys only: the JSON is data, never trusted with prototypes).
 * @example reviveTyped(JSON.parse(text))
 */
export function reviveTyped(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(reviveTyped);
  const o = value as Record<string, unknown>;
  if (typeof o.$number === 'string' && Object.keys(o).length === 1) return numberIn(o.$number);
  if (isTypedName(o.$typed) && Array.isArray(o.values)) return (TYPED[o.$typed] as Float64ArrayConstructor).from(o.values as unknown[], numberIn);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(o)) Object.defineProperty(out, key, { value: reviveTyped(o[key]), enumerable: true, writable: true, configurable: true });
  return out;
}
