import { describe, expect, it } from 'vitest';
import { urlForLogs } from '../../../lib/capabilities/index.js';

describe('urlForLogs', () => {
  it.each([
    ['https://hooks.slack.com/services/T0/B0/s3cr3t', 'https://hooks.slack.com'],
    ['http://127.0.0.1:8080/hook/s3cr3t?token=s3cr3t#s3cr3t', 'http://127.0.0.1:8080'],
    ['https://user:s3cr3t@example.com/', 'https://example.com'],
    ['http://[::1]:9000/s3cr3t', 'http://[::1]:9000'],
    ['HTTPS://Example.COM:443/s3cr3t', 'https://example.com'],
    [new URL('https://api.example.com:8443/v1?key=s3cr3t'), 'https://api.example.com:8443'],
  ])('shows %s as %s', (url, shown) => {
    expect(urlForLogs(url)).toBe(shown);
  });

  it.each([
    ['not a url/s3cr3t', 'not a url'],
    ['http://user:s3cr3t@exa mple.com/s3cr3t', 'http://exa mple.com'],
    ['//host:99999/s3cr3t?q=s3cr3t', '//host:99999'],
  ])('keeps only the authority of the unparsable %s', (raw, shown) => {
    expect(urlForLogs(raw)).toBe(shown);
  });
});
