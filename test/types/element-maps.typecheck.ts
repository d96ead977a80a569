// Type-level test, checked by `tsc -p tsconfig.json` (never run): every tag is in
// HTMLElementTagNameMap with its class, and the family's events are in HTMLElementEventMap with
// their detail types, so `querySelector('rw-…')` and `addEventListener('rw-…', e => e.detail…)`
// typecheck in an app with no casts. A missing or wrong declaration is a compile error here;
// `test/node/manifest.test.mjs` checks that every element of the manifest declares its tag.
// The React wrappers' props and callbacks are checked the same way at the end.
import * as React from 'react';
import type { CohortSelectDetail } from '../../src/widgets/cohort-retention/index.js';
import type { RwRfmGrid } from '../../src/widgets/rfm-grid/index.js';
import type { RwErrorDetail, RwLoadDetail } from '../../src/widgets/shared/events.js';
import { RwCohortRetention as CohortRetentionReact, RwOrders as OrdersReact } from '../../src/react/index.js';

/** Compiles only when A and B are the same type. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(ok: Equals<A, B>): Equals<A, B> => ok;

// HTMLElementTagNameMap: one entry per tag with its class is checked in element-tags.typecheck.ts (generated).

// HTMLElementEventMap: the three family events with their details.
same<HTMLElementEventMap['rw-load'], CustomEvent<RwLoadDetail>>(true);
same<HTMLElementEventMap['rw-error'], CustomEvent<RwErrorDetail>>(true);

export function typedDomUsage(): void {
  const cohort = document.querySelector('rw-cohort-retention')!;
  cohort.period = 'week';
  // @ts-expect-error: not a period
  cohort.period = 'year';
  cohort.addEventListener('rw-select', (e) => {
    const ids: string[] = e.detail.customerIds; // every element's rw-select detail carries the customers
    void ids;
  });
  cohort.addEventListener('rw-load', (e) => {
    const n: number = e.detail.rowsAccepted + e.detail.rowsRejected + e.detail.customers + e.detail.ms;
    // @ts-expect-error: not a field of RwLoadDetail
    void e.detail.rows;
    void n;
  });
  // Events bubble and are composed: a container hears them (typed via HTMLElementEventMap).
  document.body.addEventListener('rw-error', (e) => {
    const code: string = e.detail.code;
    void code;
  });
  // …and so do document and window (DocumentEventMap / WindowEventMap).
  document.addEventListener('rw-select', (e) => {
    const ids: string[] = e.detail.customerIds;
    // @ts-expect-error: not a field of any rw-select detail
    void e.detail.nope;
    void ids;
  });
  window.addEventListener('rw-load', (e) => void (e.detail.rowsAccepted satisfies number));
  // @ts-expect-error: rw-load has no customerIds
  window.addEventListener('rw-load', (e) => void e.detail.customerIds);
  const created: RwRfmGrid = document.createElement('rw-rfm-grid');
  void created;
}

// React wrappers: element properties are props; callbacks get the element's own event types.
export const reactUsage = [
  React.createElement(CohortRetentionReact, {
    src: '/orders.csv',
    period: 'month',
    percent: true,
    onRwSelect: (e: CustomEvent<CohortSelectDetail>) => void e.detail.cohort,
    onRwLoad: (e) => void e.detail.rowsAccepted,
    onRwError: (e) => void e.detail.message,
  }),
  // @ts-expect-error: `period` takes 'month' | 'week' | 'day'
  React.createElement(CohortRetentionReact, { period: 'year' }),
  React.createElement(OrdersReact, { id: 'shop', src: '/orders.parquet', customers: ['a', 'b'], onRwLoad: (e) => void e.detail.customers }),
];
