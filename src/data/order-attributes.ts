/**
 * The per-order id columns besides the customer (order id, channel, region and the extra
 * dimensions), made the same way by every build path: the value of the order's first line.
 */
import type { Dictionary, OrderTable } from '../core/order-table.js';
import type { DecodedRows, IdColumn } from './decoded.js';

type Attributes = Pick<OrderTable, 'order' | 'channel' | 'region' | 'dimensions'>;

/**
 * The attribute columns of `rows` that are mapped, each through `dictionary` (which knows the
 * path's row selection and day order); unmapped ones are left out.
 */
export function orderAttributes(rows: DecodedRows, dictionary: (col: IdColumn) => Dictionary): Attributes {
  const out: { -readonly [K in keyof Attributes]: Attributes[K] } = {};
  if (rows.order) out.order = dictionary(rows.order);
  if (rows.channel) out.channel = dictionary(rows.channel);
  if (rows.region) out.region = dictionary(rows.region);
  const names = rows.mapping.dimensions;
  if (rows.dimensions && names) {
    const dimensions: Record<string, Dictionary> = {};
    // defineProperty: a column may be called `__proto__` (names come from the data).
    rows.dimensions.forEach((col, k) => Object.defineProperty(dimensions, names[k], { value: dictionary(col), enumerable: true, writable: true, configurable: true }));
    out.dimensions = dimensions;
  }
  return out;
}
