/** What a module summary is asked from. */
export interface SummaryRequest {
  /** The module's title and language, e.g. "src/config.ts (TypeScript)". */
  subject: string;
  /** Its rendered documentation (already cut to a size the model takes). */
  text: string;
}

/**
 * A language model that writes short summaries. Implementations honour `signal` (the caller's
 * timeout) and throw `ModelProviderError` naming the provider; they never put a credential in an error.
 */
export interface ModelProvider {
  /** e.g. `bedrock:anthropic.claude-3-haiku-20240307-v1:0`, `openai-compatible:llama3.2`. */
  readonly name: string;
  summarize(request: SummaryRequest, options: { signal: AbortSignal }): Promise<string>;
}
