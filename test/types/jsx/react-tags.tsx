// Type test for jsx/react.d.ts (compiled by test/node/jsx-types.test.mjs after the build; never run):
// the plain tags typecheck in React 19 TSX with their attributes and properties, and wrong values do not.
import type {} from '../../../jsx/react.js';
import type { RwKpis } from '../../../dist/types/index.js';

export const ok = (
  <div>
    <rw-orders id="shop" src="/orders.csv" zero-amounts="keep" duplicates="keep" time-zone="UTC" />
    <rw-kpis source="shop" window-days="30" currency="USD" ref={(el: RwKpis | null) => { void el?.status; }} className="kpis" />
    <rw-cohort-retention source="shop" period="week" percent data={[{ customer: 'a', date: '2024-01-01' }]} />
    <rw-rfm-grid source="shop" lang="zh-CN" style={{ width: 600 }} />
  </div>
);

// @ts-expect-error: 'year' is not a period of <rw-cohort-retention>
export const badPeriod = <rw-cohort-retention period="year" />;
// @ts-expect-error: no such attribute or property
export const unknownProp = <rw-kpis windowSize={3} />;
// @ts-expect-error: a property that has an attribute is written as the attribute (zero-amounts), so server HTML carries no camelCase attribute
export const camelCase = <rw-orders zeroAmounts="keep" />;
// @ts-expect-error: status is read-only (not a prop)
export const readOnly = <rw-kpis status="ready" />;
