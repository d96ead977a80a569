/**
 * `retention-widgets/lifecycle`: importing this module registers <rw-lifecycle>.
 */
import { defineElement } from '../shared/define.js';
import { RwLifecycle } from './lifecycle.component.js';

export { RwLifecycle } from './lifecycle.component.js';
export type { LifecycleSelectDetail } from './lifecycle.component.js';
export { LIFECYCLE_STAGE_COLORS } from '../../charts/lifecycle.js';
export type { RwLoadDetail, RwErrorDetail, RwSelectDetail } from '../shared/events.js';

defineElement('rw-lifecycle', RwLifecycle);
