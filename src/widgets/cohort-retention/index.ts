/**
 * `retention-widgets/cohort-retention`: importing this module registers <rw-cohort-retention>.
 */
import { defineElement } from '../shared/define.js';
import { RwCohortRetention } from './cohort-retention.component.js';

export { RwCohortRetention } from './cohort-retention.component.js';
export type { CohortSelectDetail, CohortRetentionMeasure } from './cohort-retention.component.js';
export type { RwLoadDetail, RwErrorDetail, RwSelectDetail } from '../shared/events.js';

defineElement('rw-cohort-retention', RwCohortRetention);
