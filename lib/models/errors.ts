import { SyntorError } from '../errors/index.js';

/** A model provider call failed: the provider's name, and the HTTP status when there was one. */
export class ModelProviderError extends SyntorError {
  readonly code = 'model-provider-failed';

  constructor(
    readonly provider: string,
    detail: string,
    options: { status?: number; retriable?: boolean; cause?: unknown } = {},
  ) {
    super(`${provider}: ${detail}`, { retriable: options.retriable ?? true, cause: options.cause });
    this.status = options.status;
  }

  readonly status: number | undefined;
}
