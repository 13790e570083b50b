import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../cli/apiClient.js';
import { regionOf, sigv4Signer } from '../../../cli/sigv4.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const seen: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (c: Buffer) => (body += c.toString()));
  request.on('end', () => {
    seen.push({ method: request.method!, url: request.url!, headers: request.headers, body });
    response.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"t-1","status":"pending","created":true}');
  });
});
let base: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the CLI against an IAM-authorised API', () => {
  it('signs each request with SigV4 for execute-api, as API Gateway checks it', async () => {
    const api = createApiClient({ baseUrl: base, sign: sigv4Signer(base, { AWS_REGION: 'eu-west-1' }, async () => credentials) });
    await api.submitTask({ type: 'compute', payload: { op: 'sum', values: [1] } });
    const [request] = seen;
    expect(request!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/);

    // What the gateway does: sign the request it received again at its x-amz-date, and compare.
    const date = request!.headers['x-amz-date'] as string;
    const signedAt = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 11)}:${date.slice(11, 13)}:${date.slice(13)}`);
    const verifier = new SignatureV4({ service: 'execute-api', region: 'eu-west-1', credentials, sha256: Hash.bind(null, 'sha256') });
    const url = new URL(request!.url, base);
    const again = await verifier.sign(
      { method: request!.method, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {}, body: request!.body, headers: { host: url.host, accept: 'application/json', 'content-type': 'application/json' } },
      { signingDate: signedAt },
    );
    expect(again.headers.authorization).toBe(request!.headers.authorization);
    expect(request!.headers).not.toHaveProperty('authorization', expect.stringMatching(/^Bearer/));
  });

  it('reads the region from an execute-api host, else AWS_REGION, else says it needs one', () => {
    expect(regionOf(new URL('https://abc123.execute-api.ap-southeast-2.amazonaws.com'), {})).toBe('ap-southeast-2');
    expect(regionOf(new URL('https://api.example.com'), { AWS_REGION: 'us-east-1' })).toBe('us-east-1');
    expect(() => regionOf(new URL('https://api.example.com'), {})).toThrow('SYNTOR_API_AUTH=iam needs a region');
  });
});
