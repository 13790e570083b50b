import type { Capability } from '../types.js';
import { compute } from './compute.js';
import { dataTransform } from './dataTransform.js';
import { httpRequest } from './httpRequest.js';

/** Every capability a worker can be given. Adding one is adding its file and listing it here. */
export const BUILTIN_CAPABILITIES: readonly Capability[] = [compute, dataTransform, httpRequest];

export { compute, computeInputSchema, computeOutputSchema, COMPUTE_LIMITS, type ComputeInput, type ComputeOutput } from './compute.js';
export { dataTransform } from './dataTransform.js';
export { DATA_TRANSFORM_LIMITS, type DataTransformInput, type DataTransformOutput, type TransformStep } from './dataTransformSchema.js';
export { createHttpRequestCapability, httpRequest, type HostLookup, type HttpRequestCapabilityConfig } from './httpRequest.js';
export { HTTP_REQUEST_LIMITS, type HttpRequestInput, type HttpRequestOutput } from './httpRequestSchema.js';
export { HTTP_GUARD_ENV, httpGuardConfigFromEnv } from './httpGuardConfigFromEnv.js';
export { classifyAddress, type AddressClass } from './ipAddressClass.js';
export { checkUrl, hostMatchesPattern, isHostAllowed, vetAddresses, type HttpGuardConfig } from './ssrfGuard.js';
export { urlForLogs } from './urlForLogs.js';
