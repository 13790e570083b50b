export { createBedrockProvider, type BedrockOptions } from './bedrock.js';
export { ModelProviderError } from './errors.js';
export { createOpenAiCompatibleProvider, type OpenAiCompatibleOptions } from './openAiCompatible.js';
export { NO_PROVIDER_REASON, selectProvider, type ProviderChoice } from './selectProvider.js';
export type { ModelProvider, SummaryRequest } from './types.js';
