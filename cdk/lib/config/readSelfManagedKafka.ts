import { CONTEXT_KEYS } from './defaults.js';
import type { SelfManagedKafkaSettings } from './types.js';

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/;
// Lambda's SelfManagedEventSource pattern: https://docs.aws.amazon.com/lambda/latest/api/API_SelfManagedEventSource.html
const BOOTSTRAP_SERVER = /^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]):[0-9]{1,5}$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8,17}$/;
const AUTH = ['sasl-scram-512', 'mtls'] as const;
const SELF_MANAGED_KEYS = [
  CONTEXT_KEYS.kafkaBootstrapServers, CONTEXT_KEYS.kafkaAuth, CONTEXT_KEYS.kafkaSecretArn, CONTEXT_KEYS.kafkaSubnetIds, CONTEXT_KEYS.kafkaSecurityGroupId, CONTEXT_KEYS.kafkaReplicationFactor,
] as const;

const list = (text: string | undefined) => text?.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * The self-managed cluster's settings, read only with `syntor:kafka=self-managed` (its keys are
 * refused otherwise). Bootstrap servers and the credentials secret are required: SYNTOR cannot
 * reach a cluster it neither created nor was told how to sign in to; no unauthenticated mode is offered.
 */
export function readSelfManagedKafka(raw: (key: string) => string | undefined, selfManaged: boolean, problems: string[]): SelfManagedKafkaSettings | undefined {
  if (!selfManaged) {
    for (const key of SELF_MANAGED_KEYS) if (raw(key) !== undefined) problems.push(`${key}: only applies with syntor:kafka=self-managed`);
    return undefined;
  }
  const bootstrapServers = list(raw(CONTEXT_KEYS.kafkaBootstrapServers)) ?? [];
  if (bootstrapServers.length === 0) {
    problems.push(`${CONTEXT_KEYS.kafkaBootstrapServers}: required with syntor:kafka=self-managed, e.g. -c ${CONTEXT_KEYS.kafkaBootstrapServers}=b-1.example.com:9096,b-2.example.com:9096`);
  } else if (bootstrapServers.length > 10) {
    problems.push(`${CONTEXT_KEYS.kafkaBootstrapServers}: Lambda accepts at most 10 bootstrap servers, got ${bootstrapServers.length}`);
  }
  const badServers = bootstrapServers.filter((s) => !BOOTSTRAP_SERVER.test(s) || Number(s.split(':').pop()) > 65535);
  if (badServers.length > 0) problems.push(`${CONTEXT_KEYS.kafkaBootstrapServers}: expected host:port pairs, got "${badServers.join('", "')}"`);
  const authText = raw(CONTEXT_KEYS.kafkaAuth) ?? 'sasl-scram-512';
  if (!(AUTH as readonly string[]).includes(authText)) problems.push(`${CONTEXT_KEYS.kafkaAuth}: expected one of ${AUTH.join(' | ')}, got "${authText}"`);
  const secretArn = raw(CONTEXT_KEYS.kafkaSecretArn);
  if (secretArn === undefined) {
    problems.push(`${CONTEXT_KEYS.kafkaSecretArn}: required with syntor:kafka=self-managed — the Secrets Manager secret with the ${authText === 'mtls' ? 'client certificate and private key' : 'SASL/SCRAM username and password'}`);
  } else if (!SECRET_ARN.test(secretArn)) {
    problems.push(`${CONTEXT_KEYS.kafkaSecretArn}: expected a Secrets Manager secret ARN, got "${secretArn}"`);
  }
  const subnetIds = list(raw(CONTEXT_KEYS.kafkaSubnetIds));
  const badSubnets = subnetIds?.filter((s) => !SUBNET_ID.test(s)) ?? [];
  if (badSubnets.length > 0) problems.push(`${CONTEXT_KEYS.kafkaSubnetIds}: expected subnet ids (subnet-…), got "${badSubnets.join('", "')}"`);
  const securityGroupId = raw(CONTEXT_KEYS.kafkaSecurityGroupId);
  if (securityGroupId !== undefined && !SECURITY_GROUP_ID.test(securityGroupId)) problems.push(`${CONTEXT_KEYS.kafkaSecurityGroupId}: expected a security group id (sg-…), got "${securityGroupId}"`);
  return {
    bootstrapServers,
    auth: authText === 'mtls' ? 'mtls' : 'sasl-scram-512',
    secretArn: secretArn ?? '',
    ...(subnetIds && subnetIds.length > 0 ? { subnetIds } : {}),
    ...(securityGroupId === undefined ? {} : { securityGroupId }),
  };
}
