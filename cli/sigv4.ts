import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { CliUsageError } from './errors.js';

type Credentials = ConstructorParameters<typeof SignatureV4>[0]['credentials'];

/** Adds the headers that sign one request for API Gateway with IAM authorisation. */
export type RequestSigner = (request: { method: string; url: URL; headers: Record<string, string>; body?: string }) => Promise<Record<string, string>>;

/** `https://<id>.execute-api.<region>.amazonaws.com` names its region; AWS_REGION names it otherwise. */
export function regionOf(url: URL, env: NodeJS.ProcessEnv): string {
  const fromHost = /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname)?.[1];
  const region = fromHost ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new CliUsageError(`SYNTOR_API_AUTH=iam needs a region: ${url.host} does not name one; set AWS_REGION`);
  return region;
}

/**
 * SigV4 for the `execute-api` service, with the credentials the AWS SDK would find (environment,
 * profile, SSO, instance role): what an IAM-authorised SYNTOR API (`-c syntor:httpAuth=iam`) needs.
 */
export function sigv4Signer(baseUrl: string, env: NodeJS.ProcessEnv, credentials: Credentials = defaultProvider()): RequestSigner {
  const signer = new SignatureV4({ service: 'execute-api', region: regionOf(new URL(baseUrl), env), credentials, sha256: Hash.bind(null, 'sha256') });
  return async ({ method, url, headers, body }) => {
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...headers, host: url.host },
      ...(body === undefined ? {} : { body }),
    });
    return signed.headers;
  };
}
