import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createBedrockProvider, ModelProviderError, NO_PROVIDER_REASON, selectProvider } from '../../../lib/models/index.js';

const bedrock = mockClient(BedrockRuntimeClient);
afterEach(() => bedrock.reset());

const request = { subject: 'greet (Go)', text: '# package greet' };
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

describe('Bedrock provider', () => {
  it('asks the configured model through Converse, with the system prompt and the module', async () => {
    bedrock.on(ConverseCommand).resolves({ output: { message: { role: 'assistant', content: [{ text: 'Builds salutations.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, metrics: { latencyMs: 1 } });
    const provider = createBedrockProvider({ modelId: MODEL, client: new BedrockRuntimeClient({ region: 'eu-west-1' }) });

    expect(await provider.summarize(request, { signal: AbortSignal.timeout(5_000) })).toBe('Builds salutations.');

    const input = bedrock.commandCalls(ConverseCommand)[0]!.args[0].input;
    expect(input.modelId).toBe(MODEL);
    expect(input.system?.[0]?.text).toMatch(/summarize/i);
    expect(input.messages?.[0]).toMatchObject({ role: 'user', content: [{ text: expect.stringContaining('# package greet') }] });
    expect(input.inferenceConfig?.maxTokens).toBeGreaterThan(0);
    expect(provider.name).toBe(`bedrock:${MODEL}`);
  });

  it('turns a throttled call into a retriable ModelProviderError', async () => {
    bedrock.on(ConverseCommand).rejects(Object.assign(new Error('Too many requests'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } }));
    const provider = createBedrockProvider({ modelId: MODEL, client: new BedrockRuntimeClient({ region: 'eu-west-1' }) });
    const error = await provider.summarize(request, { signal: AbortSignal.timeout(5_000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelProviderError);
    expect(error).toMatchObject({ status: 429, retriable: true, message: expect.stringContaining('ThrottlingException') });
  });
});

describe('selectProvider', () => {
  const models = { name: 'llama3.2', timeoutMs: 1_000 };
  it.each([
    ['Bedrock when a model id is set (it wins)', { ...models, bedrockModelId: MODEL, baseUrl: 'http://127.0.0.1:11434/v1' }, `bedrock:${MODEL}`],
    ['the OpenAI-compatible endpoint otherwise', { ...models, baseUrl: 'http://127.0.0.1:11434/v1' }, 'openai-compatible:llama3.2'],
  ])('chooses %s', (_, config, name) => {
    expect(selectProvider(config).provider?.name).toBe(name);
  });

  it('says why there is none', () => {
    expect(selectProvider(models)).toEqual({ provider: undefined, reason: NO_PROVIDER_REASON });
  });
});
