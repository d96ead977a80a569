/**
 * `retention-widgets/rfm-grid`: importing this module registers <rw-rfm-grid>.
 */
import { defineElement } from '../shared/define.js';
import { RwRfmGrid } from './rfm-grid.component.js';

export { RwRfmGrid } from './rfm-grid.component.js';
export type { RfmSelectDetail } from './rfm-grid.component.js';
export type { RfmColorBy } from '../../charts/rfm-grid.js';
export type { RwLoadDetail, RwErrorDetail, RwSelectDetail } from '../shared/events.js';

defineElement('rw-rfm-grid', RwRfmGrid);
