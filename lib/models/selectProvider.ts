import type { SyntorConfig } from '../config/index.js';
import { createBedrockProvider } from './bedrock.js';
import { createOpenAiCompatibleProvider } from './openAiCompatible.js';
import type { ModelProvider } from './types.js';

export const NO_PROVIDER_REASON = 'no model provider configured (set SYNTOR_BEDROCK_MODEL_ID or SYNTOR_MODEL_BASE_URL)';

export type ProviderChoice = { provider: ModelProvider } | { provider: undefined; reason: string };

/** Bedrock when SYNTOR_BEDROCK_MODEL_ID is set; else the OpenAI-compatible SYNTOR_MODEL_BASE_URL; else none, with the reason. */
export function selectProvider(models: SyntorConfig['models']): ProviderChoice {
  if (models.bedrockModelId) return { provider: createBedrockProvider({ modelId: models.bedrockModelId }) };
  if (models.baseUrl) {
    return { provider: createOpenAiCompatibleProvider({ baseUrl: models.baseUrl, model: models.name, ...(models.apiKey ? { apiKey: models.apiKey } : {}) }) };
  }
  return { provider: undefined, reason: NO_PROVIDER_REASON };
}
