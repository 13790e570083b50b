import { describe, expect, it, vi } from 'vitest';
import { mskIamSasl, regionOfArn } from '../../../lib/aws/index.js';

describe('mskIamSasl', () => {
  it('signs a fresh OAUTHBEARER token for the cluster region on every (re)connection', async () => {
    const sign = vi.fn(async ({ region }: { region: string }) => ({ token: `token-for-${region}` }));
    const sasl = mskIamSasl('eu-west-1', sign) as { mechanism: string; oauthBearerProvider: () => Promise<{ value: string }> };

    const tokens = [await sasl.oauthBearerProvider(), await sasl.oauthBearerProvider()];

    expect(sasl.mechanism).toBe('oauthbearer');
    expect(tokens).toEqual([{ value: 'token-for-eu-west-1' }, { value: 'token-for-eu-west-1' }]);
    expect(sign).toHaveBeenCalledTimes(2);
  });

  it('signs with AWS\'s signer by default: a base64url presigned kafka-cluster:Connect URL', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
    vi.stubEnv('AWS_SESSION_TOKEN', 'session');
    try {
      const sasl = mskIamSasl('eu-west-1') as { oauthBearerProvider: () => Promise<{ value: string }> };
      const { value } = await sasl.oauthBearerProvider();
      const url = new URL(Buffer.from(value, 'base64url').toString('utf8'));
      expect(url.host).toBe('kafka.eu-west-1.amazonaws.com');
      expect(url.searchParams.get('Action')).toBe('kafka-cluster:Connect');
      expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIDEXAMPLE\/\d{8}\/eu-west-1\/kafka-cluster\/aws4_request$/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('reads the region from an ARN', () => {
    expect(regionOfArn('arn:aws:kafka:us-east-2:123456789012:cluster/c/uuid')).toBe('us-east-2');
    expect(() => regionOfArn('cluster/c')).toThrow('Not an ARN');
  });
});
