export { capabilityContext, type RecordedCapabilityContext } from './capabilityContext.js';
export { invoke, lambdaContext } from './invoke.js';
export { mskEvent, type TestRecord } from './mskEvent.js';
export { startTestHarness, type SeenRecord, type TestHarness, type TestHarnessOptions } from './startTestHarness.js';
