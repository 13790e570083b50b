import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiCompatibleProvider, ModelProviderError } from '../../../lib/models/index.js';
import { startLocalServer, type LocalServer } from '../capabilities/localServer.js';

let server: LocalServer;
let stall: (() => void)[] = [];

beforeAll(async () => {
  server = await startLocalServer({
    '/v1/chat/completions': (_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'c1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: '  Reconciles stock.\nExports reconcileStock. ' }, finish_reason: 'stop' }] }));
    },
    '/broken/chat/completions': (_, res) => res.writeHead(503).end('{"error":"overloaded"}'),
    '/empty/chat/completions': (_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices":[]}'),
    '/slow/chat/completions': (_, res) => stall.push(() => res.end()),
  });
});
afterAll(async () => {
  stall.forEach((release) => release());
  stall = [];
  await server.close();
});

const request = { subject: 'src/inventory.ts (TypeScript)', text: '# src/inventory.ts\n\nreconcileStock' };

describe('OpenAI-compatible provider', () => {
  it('posts a chat completion with the model, system and user messages and the bearer key', async () => {
    const provider = createOpenAiCompatibleProvider({ baseUrl: `${server.origin}/v1/`, model: 'llama3.2', apiKey: 'sk-test-secret' });

    const summary = await provider.summarize(request, { signal: AbortSignal.timeout(5_000) });

    expect(summary).toBe('Reconciles stock. Exports reconcileStock.');
    expect(provider.name).toBe('openai-compatible:llama3.2');
    const sent = server.received.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', url: '/v1/chat/completions' });
    expect(sent.headers.authorization).toBe('Bearer sk-test-secret');
    expect(sent.headers['content-type']).toBe('application/json');
    const body = JSON.parse(sent.body);
    expect(body).toMatchObject({ model: 'llama3.2', stream: false, max_tokens: expect.any(Number) });
    expect(body.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user']);
    expect(body.messages[1].content).toContain('src/inventory.ts (TypeScript)');
    expect(body.messages[1].content).toContain('reconcileStock');
  });

  it('sends no authorization header without a key', async () => {
    await createOpenAiCompatibleProvider({ baseUrl: `${server.origin}/v1`, model: 'm' }).summarize(request, { signal: AbortSignal.timeout(5_000) });
    expect(server.received.at(-1)!.headers.authorization).toBeUndefined();
  });

  it.each([
    ['an HTTP error', '/broken', /answered HTTP 503/, true],
    ['no completion', '/empty', /without a completion/, false],
  ])('fails with ModelProviderError on %s, without the key in the message', async (_, path, message, retriable) => {
    const provider = createOpenAiCompatibleProvider({ baseUrl: `${server.origin}${path}`, model: 'm', apiKey: 'sk-test-secret' });
    const error = await provider.summarize(request, { signal: AbortSignal.timeout(5_000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelProviderError);
    expect((error as ModelProviderError).message).toMatch(message);
    expect((error as ModelProviderError).message).not.toContain('sk-test-secret');
    expect((error as ModelProviderError).retriable).toBe(retriable);
  });

  it('gives up when the signal says time is up', async () => {
    const provider = createOpenAiCompatibleProvider({ baseUrl: `${server.origin}/slow`, model: 'm' });
    const started = Date.now();
    await expect(provider.summarize(request, { signal: AbortSignal.timeout(200) })).rejects.toThrow(/timed out/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
