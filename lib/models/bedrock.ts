import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { ModelProviderError } from './errors.js';
import { cleanSummary, SUMMARY_MAX_TOKENS, SUMMARY_SYSTEM_PROMPT, summaryUserPrompt } from './prompt.js';
import type { ModelProvider } from './types.js';

export interface BedrockOptions {
  modelId: string;
  /** @default a client for AWS_REGION, created on first use */
  client?: BedrockRuntimeClient;
}

/**
 * Amazon Bedrock through the Converse API, which takes the same request for every model family.
 * The SDK is imported on first use: functions that never summarize do not load it at cold start.
 */
export function createBedrockProvider(options: BedrockOptions): ModelProvider {
  const name = `bedrock:${options.modelId}`;
  let client: Promise<BedrockRuntimeClient> | undefined;
  const sdk = () => import('@aws-sdk/client-bedrock-runtime');
  const clientOf = () => (client ??= options.client ? Promise.resolve(options.client) : sdk().then(({ BedrockRuntimeClient: Client }) => new Client({})));
  return {
    name,
    async summarize(request, { signal }) {
      const { ConverseCommand } = await sdk();
      let output;
      try {
        output = await (await clientOf()).send(
          new ConverseCommand({
            modelId: options.modelId,
            system: [{ text: SUMMARY_SYSTEM_PROMPT }],
            messages: [{ role: 'user', content: [{ text: summaryUserPrompt(request) }] }],
            inferenceConfig: { maxTokens: SUMMARY_MAX_TOKENS, temperature: 0.2 },
          }),
          { abortSignal: signal },
        );
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        const retriable = signal.aborted || status === undefined || status === 429 || status >= 500;
        throw new ModelProviderError(name, signal.aborted ? 'timed out' : `${(error as Error).name}: ${(error as Error).message}`, { cause: error, retriable, ...(status === undefined ? {} : { status }) });
      }
      const text = output.output?.message?.content?.map((block) => block.text ?? '').join('') ?? '';
      if (text.trim() === '') throw new ModelProviderError(name, `answered without text (stop reason ${output.stopReason ?? 'unknown'})`, { retriable: false });
      return cleanSummary(text);
    },
  };
}
