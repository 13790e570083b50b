import { GetBootstrapBrokersCommand, KafkaClient } from '@aws-sdk/client-kafka';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsSecretInvalidError, forgetConnections, resolveConnections } from '../../../lib/aws/index.js';
import { ConfigInvalidError } from '../../../lib/config/errors.js';
import { loadConfig } from '../../../lib/config/index.js';

const KAFKA_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_syntor-kafka-AbCdEf';
const BROKERS = 'b-1.kafka.example.com:9096,b-2.kafka.example.com:9096';

const kafka = mockClient(KafkaClient);
const secrets = mockClient(SecretsManagerClient);
const deps = (env: NodeJS.ProcessEnv) => ({ env, kafkaClient: () => new KafkaClient({ region: 'eu-west-1' }), secretsClient: () => new SecretsManagerClient({ region: 'eu-west-1' }) });
const secretHolds = (value: unknown) => secrets.on(GetSecretValueCommand, { SecretId: KAFKA_SECRET }).resolves({ SecretString: JSON.stringify(value) });

describe('resolveConnections with a self-managed Kafka cluster', () => {
  beforeEach(() => {
    kafka.reset();
    secrets.reset();
    forgetConnections();
  });
  afterEach(() => forgetConnections());

  it('signs in with SASL/SCRAM-SHA-512 over TLS from the secret, to the brokers it was given, asking MSK nothing', async () => {
    // Prepare
    secretHolds({ username: 'syntor', password: 's3cret' });
    const config = loadConfig({ SYNTOR_KAFKA_BROKERS: BROKERS });

    // Act
    const connections = await resolveConnections(config, deps({ SYNTOR_KAFKA_SECRET_ARN: KAFKA_SECRET, SYNTOR_KAFKA_AUTH: 'sasl-scram-512' }));

    // Assess
    expect(connections.runtime).toBe('aws');
    expect(connections.config.kafka.brokers).toEqual(['b-1.kafka.example.com:9096', 'b-2.kafka.example.com:9096']);
    expect(connections.kafka).toEqual({ ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'syntor', password: 's3cret' } });
    expect(kafka.commandCalls(GetBootstrapBrokersCommand)).toHaveLength(0);
  });

  it('presents the client certificate for mutual TLS', async () => {
    secretHolds({ certificate: '-----BEGIN CERTIFICATE-----\nMII…\n-----END CERTIFICATE-----', privateKey: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMII…', privateKeyPassword: 'pw' });

    const connections = await resolveConnections(loadConfig({ SYNTOR_KAFKA_BROKERS: BROKERS }), deps({ SYNTOR_KAFKA_SECRET_ARN: KAFKA_SECRET, SYNTOR_KAFKA_AUTH: 'mtls' }));

    expect(connections.kafka).toEqual({ ssl: { cert: expect.stringContaining('BEGIN CERTIFICATE'), key: expect.stringContaining('PRIVATE KEY'), passphrase: 'pw' } });
    expect(connections.kafka).not.toHaveProperty('sasl');
  });

  it('names the missing keys of a secret in the wrong format, never its values', async () => {
    secretHolds({ user: 'syntor', pass: 's3cret' });

    const failure = resolveConnections(loadConfig({}), deps({ SYNTOR_KAFKA_SECRET_ARN: KAFKA_SECRET, SYNTOR_KAFKA_AUTH: 'sasl-scram-512' }));

    await expect(failure).rejects.toThrow(AwsSecretInvalidError);
    await expect(failure).rejects.toThrow(/username.*password/s);
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });

  it('refuses an unknown SYNTOR_KAFKA_AUTH before reading anything', async () => {
    await expect(resolveConnections(loadConfig({}), deps({ SYNTOR_KAFKA_SECRET_ARN: KAFKA_SECRET, SYNTOR_KAFKA_AUTH: 'plaintext' }))).rejects.toThrow(ConfigInvalidError);
    expect(secrets.calls()).toHaveLength(0);
  });
});
