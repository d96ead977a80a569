/**
 * An array of `n` empty strings whose elements V8 keeps "packed": filled in any order afterwards, it
 * stays packed, whereas `new Array(n)` is "holey", which structured clone (posting a table or a
 * result between the page and the worker) copies element by element as a sparse array, measured
 * ~2x slower for 200k–1M strings. `Array.from({ length: n })` is packed too but slower to make.
 * @example const values = packedStrings(3); values[2] = 'c'; // ['', '', 'c']
 */
export function packedStrings(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push('');
  return out;
}
