export { FULL_RUN, SHORT_RUN } from './constants.js';
export { ChaosError, ChaosPrerequisiteError, ChaosServiceError, ChaosUsageError } from './errors.js';
export { findChaosPrograms, type ChaosPrograms } from './prerequisites.js';
export { formatReport } from './report.js';
export { runChaos } from './runChaos.js';
export { FAULT_NAMES, type ChaosOptions, type ChaosReport, type FaultName, type FaultRecovery, type Verdict, type Violation } from './types.js';
