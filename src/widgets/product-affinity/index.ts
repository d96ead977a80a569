/**
 * `retention-widgets/product-affinity`: importing this module registers <rw-product-affinity>.
 */
import { defineElement } from '../shared/define.js';
import { RwProductAffinity } from './product-affinity.component.js';

export { RwProductAffinity } from './product-affinity.component.js';
export type { ProductAffinitySelectDetail, AffinitySortKey } from './product-affinity.component.js';
export { productAffinityAnalysis, productAffinityAnalysisCustomers, type ProductAffinityAnalysis, type ProductAffinityParams, type ProductAffinitySelection } from '../../analyses/product-affinity-analysis.js';
export type { RwLoadDetail, RwErrorDetail, RwSelectDetail } from '../shared/events.js';

defineElement('rw-product-affinity', RwProductAffinity);
