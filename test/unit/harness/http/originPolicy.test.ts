import { describe, expect, it } from 'vitest';
import { allowedHosts } from '../../../../local/harness/http/hostPolicy.js';
import { checkOrigin } from '../../../../local/harness/http/originPolicy.js';

const allowed = allowedHosts({ host: '127.0.0.1', port: 8000 });

describe('checkOrigin', () => {
  it.each([
    [{}, 'no Origin (curl, a server)'],
    [{ origin: 'http://127.0.0.1:8000' }, 'the harness itself'],
    [{ origin: 'http://localhost:8000' }, 'the harness by its other name'],
    [{ 'sec-fetch-site': 'same-origin' }, 'a same-origin fetch'],
    [{ 'sec-fetch-site': 'none' }, 'a URL typed into the address bar'],
  ])('lets %j through: %s', (headers, _why) => {
    expect(checkOrigin(headers, allowed)).toBeUndefined();
  });

  it.each([
    [{ origin: 'http://evil.example' }, 'another site'],
    [{ origin: 'http://localhost:3000' }, 'another port on this machine'],
    [{ origin: 'https://localhost:8000' }, 'another scheme'],
    [{ origin: 'null' }, 'a sandboxed frame or file:// page'],
    [{ origin: 'http://localhost:8000/' }, 'not an origin as browsers send it'],
    [{ 'sec-fetch-site': 'cross-site' }, 'a cross-site request without Origin'],
  ])('refuses %j with a 403: %s', (headers, _why) => {
    expect(checkOrigin(headers, allowed)).toMatchObject({ statusCode: 403, code: 'cross-origin-refused' });
  });

  it('names the page it refused', () => {
    expect(checkOrigin({ origin: 'http://evil.example' }, allowed)?.message).toContain('"http://evil.example"');
  });
});
