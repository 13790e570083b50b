/** An agent manifest that does not validate: caught when the manifest module is imported. */
export class ManifestInvalidError extends Error {
  override readonly name = 'ManifestInvalidError';
  readonly retriable = false;
  constructor(
    readonly agent: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`Agent manifest "${agent}" is invalid:\n${detail}`, options);
  }
}
