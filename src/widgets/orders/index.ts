/**
 * `retention-widgets/orders`: importing this module registers <rw-orders>, the data source that
 * widgets with `source="<id>"` share.
 */
import { defineElement } from '../shared/define.js';
import { ORDERS_SOURCE_TAG } from '../shared/linked-source.js';
import { RwOrders } from './orders.component.js';

export { RwOrders } from './orders.component.js';
export { sharedResult } from '../../analyses/shared-results.js';
export type { LinkedLoad, OrdersSourceElement } from '../shared/linked-source.js';
export type { RwLoadDetail, RwErrorDetail } from '../shared/events.js';

defineElement(ORDERS_SOURCE_TAG, RwOrders);
