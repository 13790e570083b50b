import { describe, expect, it } from 'vitest';
import { checkBearerToken } from '../../../../local/harness/http/bearerToken.js';

const TOKEN = 'local-token-0123456789';

describe('checkBearerToken', () => {
  it.each([[`Bearer ${TOKEN}`], [`bearer ${TOKEN}`], [`Bearer  ${TOKEN} `]])('accepts %j', (authorization) => {
    expect(checkBearerToken(authorization, TOKEN)).toBeUndefined();
  });

  it.each([
    [undefined, 'No bearer token'],
    ['Bearer wrong', 'A wrong bearer token'],
    [`Bearer ${TOKEN}x`, 'A wrong bearer token'],
    [`Basic ${TOKEN}`, 'A wrong bearer token'],
    ['Bearer ', 'A wrong bearer token'],
  ])('refuses %j with a 401 that says what to send', (authorization, message) => {
    const refusal = checkBearerToken(authorization, TOKEN);

    expect(refusal).toMatchObject({ statusCode: 401, code: 'token-required', headers: { 'www-authenticate': 'Bearer realm="syntor"' } });
    expect(refusal?.message).toContain(message);
    expect(refusal?.message).toContain('Authorization: Bearer <SYNTOR_API_TOKEN>');
    expect(refusal?.message).not.toContain(TOKEN);
  });
});
