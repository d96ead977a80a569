/**
 * Defines `target[key]` as an enumerable property computed by `make` on first read, after which it
 * is a plain data property. Every reader (property access, spread, JSON, structured clone) goes
 * through [[Get]], so sees the value. For parts of a table that cost much to make and that few
 * readers need (the order-id dictionary: a million strings).
 * @example defineLazy(orders, 'order', () => ({ codes, values: ids.map(String) }));
 */
export function defineLazy<T>(target: object, key: string, make: () => T): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get(): T {
      const value = make();
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
  });
}
