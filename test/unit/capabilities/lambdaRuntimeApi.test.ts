import { afterEach, describe, expect, it, vi } from 'vitest';
import { CapabilityRefusedError, vetAddresses } from '../../../lib/capabilities/index.js';
import { lambdaRuntimeApiEndpoint, reachesEndpoint } from '../../../lib/capabilities/builtin/lambdaRuntimeApi.js';

const RUNTIME_API = { host: '127.0.0.1', port: 9001 };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('lambdaRuntimeApiEndpoint', () => {
  it.each([
    ['127.0.0.1:9001', { host: '127.0.0.1', port: 9001 }],
    [' localhost:9001 ', { host: 'localhost', port: 9001 }],
    ['[::1]:9001', { host: '::1', port: 9001 }],
  ])('reads AWS_LAMBDA_RUNTIME_API=%s', (value, endpoint) => {
    expect(lambdaRuntimeApiEndpoint({ AWS_LAMBDA_RUNTIME_API: value })).toEqual(endpoint);
  });

  it.each([undefined, '', 'not a host:port'])('is undefined outside Lambda (%s)', (value) => {
    expect(lambdaRuntimeApiEndpoint(value === undefined ? {} : { AWS_LAMBDA_RUNTIME_API: value })).toBeUndefined();
  });
});

describe('reachesEndpoint', () => {
  it.each(['127.0.0.1', '127.0.0.2', '::1', '0.0.0.0', '::', '::ffff:127.0.0.1', '::127.0.0.1', '::ffff:0:127.0.0.1'])(
    '%s on the runtime port reaches a loopback runtime API',
    (address) => {
      expect(reachesEndpoint('some.host', address, 9001, RUNTIME_API)).toBe(true);
    },
  );

  it('another port or a non-local address does not', () => {
    expect(reachesEndpoint('127.0.0.1', '127.0.0.1', 9002, RUNTIME_API)).toBe(false);
    expect(reachesEndpoint('internal', '10.0.0.1', 9001, RUNTIME_API)).toBe(false);
  });

  it('a non-loopback endpoint is reached by its address in any IPv6 form that carries it, or by its name', () => {
    const endpoint = { host: '10.0.0.9', port: 9001 };

    expect(reachesEndpoint('internal', '::ffff:a00:9', 9001, endpoint)).toBe(true);
    expect(reachesEndpoint('internal', '10.0.0.10', 9001, endpoint)).toBe(false);
    expect(reachesEndpoint('runtime.test', '10.1.1.1', 9001, { host: 'runtime.test', port: 9001 })).toBe(true);
  });
});

describe('vetAddresses in Lambda', () => {
  it('refuses the runtime API even with private networks allowed, and lets other loopback ports through', () => {
    vi.stubEnv('AWS_LAMBDA_RUNTIME_API', '127.0.0.1:9001');
    const config = { allowPrivateNetworks: true };

    const refused = (() => {
      try {
        return vetAddresses('localhost', ['127.0.0.1'], config, 9001);
      } catch (error) {
        return error;
      }
    })();

    expect(refused).toBeInstanceOf(CapabilityRefusedError);
    expect((refused as CapabilityRefusedError).reason).toBe('runtime-api');
    expect((refused as Error).message).toBe('http.request: localhost:9001 is the Lambda runtime API (AWS_LAMBDA_RUNTIME_API); it is never allowed');
    expect(vetAddresses('localhost', ['127.0.0.1'], config, 8080)).toEqual(['127.0.0.1']);
  });
});
