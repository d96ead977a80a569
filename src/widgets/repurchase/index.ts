/**
 * `retention-widgets/repurchase`: importing this module registers <rw-repurchase>.
 */
import { defineElement } from '../shared/define.js';
import { RwRepurchase } from './repurchase.component.js';

export { RwRepurchase } from './repurchase.component.js';
export type { RepurchaseSelectDetail } from './repurchase.component.js';
export type { RwLoadDetail, RwErrorDetail, RwSelectDetail } from '../shared/events.js';

defineElement('rw-repurchase', RwRepurchase);
