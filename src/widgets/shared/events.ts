/**
 * Typed custom events of the widget family. Every event bubbles and is composed, so a page can
 * listen on the element, on a container or on `document`, through shadow roots.
 *
 * - `rw-load`   the data finished loading: counts and timing.
 * - `rw-error`  loading or computing failed: the message shown to the user and a stable code.
 * - `rw-select` the user picked a part of a chart: the customers behind it (detail depends on
 *               the widget; each widget adds its detail type to `RwSelectDetailMap`).
 */

export interface RwLoadDetail {
  /** Source rows (or invoice lines) accepted into orders. */
  rowsAccepted: number;
  /** Source rows rejected (see the element's rejected-rows summary for reasons). */
  rowsRejected: number;
  /** Distinct customers in the loaded orders. */
  customers: number;
  /** Load time in milliseconds, as the loader measured it. */
  ms: number;
}

export interface RwErrorDetail {
  /** Human-readable: what went wrong and how to fix it. */
  message: string;
  /** Stable machine code (LoadError.code), or 'compute' / 'unknown'. */
  code: string;
}

/**
 * Registry of `rw-select` details by tag name; widgets extend it with declaration merging:
 * `declare module '../shared/events.js' { interface RwSelectDetailMap { 'rw-x': XSelectDetail } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RwSelectDetailMap {}

/**
 * Detail of `rw-select` from a row of the segment table of any analysis widget with `breakdown`:
 * the segment key (core `breakdown`'s: a value, '' for "no value", '(other)' for the merged rest),
 * what the customers were split by, and the segment's customers (core `breakdownCustomers`).
 */
export interface SegmentSelectDetail {
  segment: string;
  by: string;
  customerIds: string[];
}

/** Detail of any `rw-select`: always carries the selected customers' ids. */
export type RwSelectDetail =
  | (RwSelectDetailMap[keyof RwSelectDetailMap] extends never ? { customerIds: string[] } : RwSelectDetailMap[keyof RwSelectDetailMap])
  | SegmentSelectDetail;

export interface RwEventDetailMap {
  'rw-load': RwLoadDetail;
  'rw-error': RwErrorDetail;
  'rw-select': RwSelectDetail;
}

/**
 * Dispatches a typed, bubbling, composed CustomEvent; returns false when a listener cancelled it.
 * @example emit(this, 'rw-error', { message: 'no column looks like a customer id …', code: 'no-customer' });
 */
export function emit<K extends keyof RwEventDetailMap>(target: EventTarget, name: K, detail: RwEventDetailMap[K]): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: true }));
}

/** The events as listeners receive them (they bubble and are composed: a page can listen on document or window). */
export interface RwEventMap {
  'rw-load': CustomEvent<RwLoadDetail>;
  'rw-error': CustomEvent<RwErrorDetail>;
  'rw-select': CustomEvent<RwSelectDetail>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends RwEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends RwEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface WindowEventMap extends RwEventMap {}
}
