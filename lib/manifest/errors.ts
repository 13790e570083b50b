import { SyntorError } from '../errors/index.js';
/** An agent manifest that does not validate: caught when the manifest module is imported. */
export class ManifestInvalidError extends SyntorError {
  override readonly name = 'ManifestInvalidError';
  readonly code = 'manifest-invalid';
  override readonly retriable = false;
  constructor(
    readonly agent: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`Agent manifest "${agent}" is invalid:\n${detail}`, options);
  }
}
