export * from './builtin/index.js';
export { defineCapability, indexCapabilities } from './defineCapability.js';
export { toErrorInfo } from './errorInfo.js';
export {
  CapabilityDefinitionError,
  CapabilityError,
  CapabilityFailedError,
  CapabilityInputError,
  CapabilityOutputInvalidError,
  CapabilityRefusedError,
  type CapabilityRefusalReason,
} from './errors.js';
export { runCapability } from './runCapability.js';
export type { Capability, CapabilityContext, CapabilityFieldIssue, CapabilityLogger } from './types.js';
