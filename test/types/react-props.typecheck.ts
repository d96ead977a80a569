// Type-level test, checked by `tsc -p tsconfig.json` (never run): the React wrappers' props are the
// element's public attributes/properties, its events and React's HTML attributes, never its
// lifecycle or controller members (issue 18); event callbacks get the element's own detail type.
import type { RwKpisProps } from '../../src/react/kpis.js';
import type { RwOrdersProps } from '../../src/react/orders.js';
import type { RwCohortRetentionProps } from '../../src/react/cohort-retention.js';
import type { KpiSelectDetail } from '../../src/widgets/kpis/index.js';

type HasKey<T, K extends PropertyKey> = K extends keyof T ? true : false;
const no = <T extends false>(x: T): T => x;
const yes = <T extends true>(x: T): T => x;

for (const x of [
  no<HasKey<RwKpisProps, 'addController'>>(false),
  no<HasKey<RwKpisProps, 'attributeChangedCallback'>>(false),
  no<HasKey<RwKpisProps, 'connectedCallback'>>(false),
  no<HasKey<RwKpisProps, 'requestUpdate'>>(false),
  no<HasKey<RwKpisProps, 'renderRoot'>>(false),
  no<HasKey<RwKpisProps, 'status'>>(false), // read-only: not a prop
  no<HasKey<RwOrdersProps, 'append'>>(false),
  yes<HasKey<RwKpisProps, 'windowDays'>>(true),
  yes<HasKey<RwKpisProps, 'src'>>(true),
  yes<HasKey<RwKpisProps, 'className'>>(true),
  yes<HasKey<RwOrdersProps, 'from'>>(true),
  yes<HasKey<RwCohortRetentionProps, 'period'>>(true),
]) void x;

export const onSelect: NonNullable<RwKpisProps['onRwSelect']> = (e) => {
  const detail: KpiSelectDetail = e.detail;
  void detail.kpi;
};
// @ts-expect-error: period is 'month' | 'week' | 'day'
export const badPeriod: RwCohortRetentionProps = { period: 'year' };
