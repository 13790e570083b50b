import { generateAuthToken, type GenerateAuthTokenResponse } from 'aws-msk-iam-sasl-signer-js';
import type { SASLOptions } from 'kafkajs';

export type TokenSigner = (options: { region: string }) => Promise<Pick<GenerateAuthTokenResponse, 'token'>>;

/**
 * kafkajs SASL settings for MSK IAM access control: SASL/OAUTHBEARER with a token signed by the
 * function's role (AWS's signer, `aws-msk-iam-sasl-signer-js`). kafkajs asks for a fresh token on every
 * (re)connection; MSK closes a connection when its token expires and kafkajs reconnects.
 *
 * @example
 * createKafka(config, { brokers, ssl: true, sasl: mskIamSasl('eu-west-1') });
 */
export function mskIamSasl(region: string, sign: TokenSigner = generateAuthToken): SASLOptions {
  return {
    mechanism: 'oauthbearer',
    oauthBearerProvider: async () => ({ value: (await sign({ region })).token }),
  };
}

/** The region of an ARN (`arn:aws:kafka:eu-west-1:…`): the signer must sign for the cluster's region. */
export function regionOfArn(arn: string): string {
  const region = arn.split(':')[3];
  if (!region) throw new TypeError(`Not an ARN with a region: "${arn}"`);
  return region;
}
