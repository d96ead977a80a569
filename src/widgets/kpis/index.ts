/**
 * `retention-widgets/kpis`: importing this module registers <rw-kpis>.
 */
import { defineElement } from '../shared/define.js';
import { RwKpis } from './kpis.component.js';

export { RwKpis } from './kpis.component.js';
export type { KpiSelectDetail } from './kpis.component.js';
export { kpiWindows, kpiValue, relativeChange, KPI_KEYS } from '../../analyses/kpi-windows.js';
export type { Kpis, KpiWindow, KpiKey, KpiOptions } from '../../analyses/kpi-windows.js';
export { kpiWindowsCustomers, type KpiSelection } from '../../analyses/kpi-windows-customers.js';
export type { RwLoadDetail, RwErrorDetail, RwSelectDetail } from '../shared/events.js';

defineElement('rw-kpis', RwKpis);
