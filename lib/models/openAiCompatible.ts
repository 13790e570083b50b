import { z } from 'zod';
import { ModelProviderError } from './errors.js';
import { cleanSummary, SUMMARY_MAX_TOKENS, SUMMARY_SYSTEM_PROMPT, summaryUserPrompt } from './prompt.js';
import type { ModelProvider } from './types.js';

export interface OpenAiCompatibleOptions {
  /** e.g. `http://127.0.0.1:11434/v1` (Ollama) or `https://api.openai.com/v1`: `/chat/completions` is appended. */
  baseUrl: string;
  model: string;
  /** Sent as a bearer token; never logged or put in an error. */
  apiKey?: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

/**
 * Chat completions over the OpenAI protocol (`POST {baseUrl}/chat/completions`), which OpenAI, Ollama,
 * vLLM, LM Studio and llama.cpp's server all speak. The base URL is configuration, never task input.
 */
export function createOpenAiCompatibleProvider(options: OpenAiCompatibleOptions): ModelProvider {
  const name = `openai-compatible:${options.model}`;
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const doFetch = options.fetch ?? fetch;
  return {
    name,
    async summarize(request, { signal }) {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
          body: JSON.stringify({
            model: options.model,
            messages: [
              { role: 'system', content: SUMMARY_SYSTEM_PROMPT },
              { role: 'user', content: summaryUserPrompt(request) },
            ],
            max_tokens: SUMMARY_MAX_TOKENS,
            temperature: 0.2,
            stream: false,
          }),
          signal,
        });
      } catch (error) {
        const reason = signal.aborted ? 'timed out' : `could not be reached (${(error as Error).message})`;
        throw new ModelProviderError(name, `${new URL(url).origin} ${reason}`, { cause: error });
      }
      if (!response.ok) {
        // The body may echo the request; only the status goes into the error.
        await response.body?.cancel().catch(() => undefined);
        throw new ModelProviderError(name, `answered HTTP ${response.status}`, { status: response.status, retriable: response.status === 429 || response.status >= 500 });
      }
      const parsed = completionSchema.safeParse(await response.json().catch(() => undefined));
      const content = parsed.success ? parsed.data.choices[0]!.message.content : null;
      if (!content || content.trim() === '') throw new ModelProviderError(name, 'answered without a completion (choices[0].message.content)', { retriable: false });
      return cleanSummary(content);
    },
  };
}
