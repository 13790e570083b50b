import { SyntorError } from '../errors/index.js';
import type { CapabilityFieldIssue } from './types.js';

/**
 * Base of the capability area's errors: `retriable` decides between a retry and the dead-letter path.
 * The codes of the four a task can end with are the class names they had on the wire before codes
 * were declared (task errors, the `code` label of `syntor_tasks_failed_total`, dashboards): kept as
 * they were, now as literals a bundle cannot rename.
 */
export abstract class CapabilityError extends SyntorError {}

function describeFields(fields: readonly CapabilityFieldIssue[]): string {
  return fields.map((field) => `${field.path === '' ? '(payload)' : field.path}: ${field.message}`).join('; ');
}

/**
 * The task payload is not what the capability accepts. Never retriable: the same payload fails the
 * same way. `fields` names each bad field.
 */
export class CapabilityInputError extends CapabilityError {
  readonly code: string = 'CapabilityInputError';

  constructor(
    readonly capability: string,
    readonly fields: readonly CapabilityFieldIssue[],
    options: { cause?: unknown; message?: string } = {},
  ) {
    super(options.message ?? `${capability}: invalid input: ${describeFields(fields)}`, { retriable: false, cause: options.cause });
  }
}

export type CapabilityRefusalReason =
  | 'invalid-url'
  | 'scheme'
  | 'credentials'
  | 'not-allowlisted'
  | 'non-public-address'
  | 'cloud-metadata'
  | 'runtime-api';

/**
 * The capability will not do what the input asks (an SSRF guard refusal). An input error, so never
 * retried; the message names the host and the reason.
 */
export class CapabilityRefusedError extends CapabilityInputError {
  override readonly code: string = 'CapabilityRefusedError';

  constructor(
    capability: string,
    readonly reason: CapabilityRefusalReason,
    readonly host: string,
    detail: string,
    options: { cause?: unknown } = {},
  ) {
    super(capability, [{ path: 'url', message: detail }], { ...options, message: `${capability}: ${detail}` });
  }
}

/**
 * The run failed. Retriable unless said otherwise: a thrown error in `run` is worth another attempt.
 * `code` and `details`, when given, become the task error's code and details (e.g. `merge-conflict`
 * with the conflicting paths) instead of `CapabilityFailedError`.
 */
export class CapabilityFailedError extends CapabilityError {
  readonly code: string;
  readonly details: unknown;

  constructor(
    readonly capability: string,
    detail: string,
    options: { retriable?: boolean; cause?: unknown; code?: string; details?: unknown } = {},
  ) {
    super(`${capability}: ${detail}`, { retriable: options.retriable ?? true, cause: options.cause });
    this.code = options.code ?? 'CapabilityFailedError';
    this.details = options.details;
  }
}

/** `run` returned something its own output schema rejects: a bug in the capability, so never retried. */
export class CapabilityOutputInvalidError extends CapabilityFailedError {
  constructor(
    capability: string,
    readonly fields: readonly CapabilityFieldIssue[],
    options: { cause?: unknown } = {},
  ) {
    super(capability, `output does not match its schema: ${describeFields(fields)}`, { retriable: false, ...options, code: 'CapabilityOutputInvalidError' });
  }
}

/** A capability definition that cannot be used (a bad name): caught when its module is imported. */
export class CapabilityDefinitionError extends CapabilityError {
  readonly code = 'capability-definition-invalid';

  constructor(
    readonly capability: string,
    detail: string,
  ) {
    super(`Capability "${capability}" is invalid: ${detail}`, { retriable: false });
  }
}
