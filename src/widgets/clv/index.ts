/**
 * `retention-widgets/clv`: importing this module registers <rw-clv>.
 */
import { defineElement } from '../shared/define.js';
import { RwClv } from './clv.component.js';

export { RwClv } from './clv.component.js';
export type { ClvSelectDetail } from './clv.component.js';
export { clvAnalysis, clvBinEdges, clvHistogram, defaultCalibrationEnd, CALIBRATION_MAX_FREQUENCY } from '../../analyses/clv-analysis.js';
export type { ClvAnalysis, ClvAnalysisParams, ClvBin, CalibrationPoint } from '../../analyses/clv-analysis.js';
export { clvAnalysisCustomers, type ClvSelection } from '../../analyses/clv-analysis-customers.js';
export { btydInput, sharedBgNbdFit, sharedGammaGammaFit, restrictToModelRows, gammaGammaInput } from '../../analyses/model-cache.js';
export type { RwLoadDetail, RwErrorDetail, RwSelectDetail } from '../shared/events.js';

defineElement('rw-clv', RwClv);
