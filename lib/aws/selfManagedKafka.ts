import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { KafkaConfig } from 'kafkajs';
import { z } from 'zod';
import { ConfigInvalidError } from '../config/errors.js';
import { readJsonSecret } from './secrets.js';

/**
 * The secrets a self-managed cluster's event source mapping reads, in Lambda's formats, which the
 * functions read too: https://docs.aws.amazon.com/lambda/latest/dg/with-kafka-configure.html
 */
export const kafkaScramSecretSchema = z.object({ username: z.string().min(1), password: z.string().min(1) });
export const kafkaClientCertificateSecretSchema = z.object({
  /** PEM; the chain may follow the client certificate. */
  certificate: z.string().includes('BEGIN CERTIFICATE'),
  /** PEM (PKCS#8), encrypted when `privateKeyPassword` is set. */
  privateKey: z.string().includes('PRIVATE KEY'),
  privateKeyPassword: z.string().min(1).optional(),
});

export const SELF_MANAGED_KAFKA_AUTH = ['sasl-scram-512', 'mtls'] as const;
export type SelfManagedKafkaAuth = (typeof SELF_MANAGED_KAFKA_AUTH)[number];

/** `SYNTOR_KAFKA_AUTH` as set by the CDK app. @throws ConfigInvalidError for anything else */
export function parseSelfManagedKafkaAuth(variable: string, value: string | undefined): SelfManagedKafkaAuth {
  if (value === 'sasl-scram-512' || value === 'mtls') return value;
  throw new ConfigInvalidError([{ variable, expected: `one of ${SELF_MANAGED_KAFKA_AUTH.join(', ')} with a self-managed Kafka secret`, ...(value === undefined ? {} : { received: value }) }]);
}

/**
 * kafkajs settings for a self-managed cluster, from its secret: TLS always (SCRAM credentials and
 * client keys are not sent in the clear), with SASL/SCRAM-SHA-512 or the client certificate.
 *
 * @example
 * const kafka = createKafka(config, await selfManagedKafkaAuth(client, secretArn, 'sasl-scram-512'));
 * @throws AwsSecretReadError (retriable) or AwsSecretInvalidError naming the missing keys, never values
 */
export async function selfManagedKafkaAuth(client: SecretsManagerClient, secretArn: string, auth: SelfManagedKafkaAuth): Promise<Pick<KafkaConfig, 'ssl' | 'sasl'>> {
  if (auth === 'mtls') {
    const { certificate, privateKey, privateKeyPassword } = await readJsonSecret(client, secretArn, kafkaClientCertificateSecretSchema);
    return { ssl: { cert: certificate, key: privateKey, ...(privateKeyPassword === undefined ? {} : { passphrase: privateKeyPassword }) } };
  }
  const { username, password } = await readJsonSecret(client, secretArn, kafkaScramSecretSchema);
  return { ssl: true, sasl: { mechanism: 'scram-sha-512', username, password } };
}
