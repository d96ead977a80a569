/**
 * `retention-widgets/product-affinity`: importing this module registers <rw-product-affinity>.
 */
import { defineElement } from '../shared/define.js';
import { RwProductAffinity } from './product-affinity.component.js';

export { RwProductAffinity } from './product-affinity.component.js';
export type { ProductAffinitySelectDetail, AffinitySortKey } from './product-affinity.component.js';
export type { RwLoadDetail, RwErrorDetail, RwSelectDetail } from '../shared/events.js';

defineElement('rw-product-affinity', RwProductAffinity);
