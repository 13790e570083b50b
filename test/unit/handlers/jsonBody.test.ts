import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { jsonBody } from '../../../lib/handlers/index.js';
import { jsonTextProblem } from '../../../lib/handlers/jsonTextProblem.js';

const event = (body: string) => ({ body, isBase64Encoded: false }) as APIGatewayProxyEventV2;
const messageOf = (result: ReturnType<typeof jsonBody>) => (result.ok ? undefined : (JSON.parse(String(result.response.body)) as { message: string }).message);

describe('jsonBody', () => {
  it('parses a JSON body', () => {
    expect(jsonBody(event('{"type":"compute","payload":{"n":[1,2]}}'))).toEqual({ ok: true, body: { type: 'compute', payload: { n: [1, 2] } } });
  });

  it.each([
    ['an escaped NUL', '{"type":"a\\u0000b"}', /NUL character/],
    ['a raw NUL', '{"type":"a\u0000b"}', /NUL character/],
    ['an escaped NUL in a key', '{"\\u0000":1}', /NUL character/],
    ['nesting 200,000 deep', `{"payload":${'['.repeat(200_000)}${']'.repeat(200_000)}}`, /nests deeper than 64 levels/],
    ['an unclosed nesting 200,000 deep', '['.repeat(200_000), /nests deeper than 64 levels/],
    ['text that is not JSON', '{"type":', /not valid JSON/],
  ])('answers 400 for %s, naming the problem', (_, body, message) => {
    const result = jsonBody(event(body));

    expect(result.ok).toBe(false);
    expect(result.ok ? 0 : result.response.statusCode).toBe(400);
    expect(messageOf(result)).toMatch(message);
  });
});

describe('jsonTextProblem', () => {
  it.each([
    ['brackets inside strings', `{"text":"${'['.repeat(100)}"}`],
    ['an escaped backslash before u0000', '{"path":"C:\\\\u0000"}'],
    ['an escaped quote', '{"q":"say \\"[[[[\\""}'],
    ['exactly 64 levels', `${'['.repeat(64)}${']'.repeat(64)}`],
  ])('finds nothing wrong with %s', (_, text) => {
    expect(jsonTextProblem(text)).toBeUndefined();
  });

  it('counts 65 levels as too deep', () => {
    expect(jsonTextProblem(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`)).toMatch(/deeper than 64/);
  });
});
