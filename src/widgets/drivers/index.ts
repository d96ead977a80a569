/**
 * `retention-widgets/drivers`: importing this module registers <rw-drivers>.
 */
import { defineElement } from '../shared/define.js';
import { RwDrivers } from './drivers.component.js';

export { RwDrivers } from './drivers.component.js';
export type { DriversSelectDetail } from './drivers.component.js';
export { driverFindings, nodeConditions, type DriverCondition, type DriverFinding } from './drivers.findings.js';
export { driversMessages, conditionsText, findingSentence, type DriversMessages, type PhraseContext } from './drivers.messages.js';
export { driversAnalysisCustomers, type DriversSelection } from '../../analyses/drivers-customers.js';
export type { Drivers, DriversOptions, DriverFactor, DriverNode, DriverSplit, DriverFeatureName } from '../../core/drivers.js';
export type { RwLoadDetail, RwErrorDetail, RwSelectDetail } from '../shared/events.js';

defineElement('rw-drivers', RwDrivers);
