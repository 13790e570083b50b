import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../../../local/harness/http/isLoopbackHost.js';

describe('isLoopbackHost', () => {
  it.each([['127.0.0.1'], ['127.1.2.3'], ['localhost'], ['::1'], ['[::1]']])('%s stays on this machine', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([['0.0.0.0'], ['::'], ['192.168.1.10'], ['syntor.internal'], ['127.0.0.1.evil.example']])('%s does not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
