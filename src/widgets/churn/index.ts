/**
 * `retention-widgets/churn`: importing this module registers <rw-churn>.
 */
import { defineElement } from '../shared/define.js';
import { RwChurn } from './churn.component.js';

export { RwChurn } from './churn.component.js';
export type { ChurnSelectDetail } from './churn.component.js';
export { churnAnalysis, NEXT_PERIOD_DAYS } from '../../analyses/churn-analysis.js';
export { churnAnalysisCustomers, type ChurnSelection } from '../../analyses/churn-analysis-customers.js';
export type { ChurnAnalysis, ChurnAnalysisParams } from '../../analyses/churn-analysis.js';
export type { RwLoadDetail, RwErrorDetail, RwSelectDetail } from '../shared/events.js';

defineElement('rw-churn', RwChurn);
