import type { Node } from 'constructs';
import { CdkContextInvalidError } from '../errors.js';
import { CONTEXT_KEYS, ENVIRONMENT_DEFAULTS, LOG_RETENTION_DAYS } from './defaults.js';
import { readGitSettings } from './readGitSettings.js';
import { readSelfManagedKafka } from './readSelfManagedKafka.js';
import type { DeploymentSettings, SyntorEnvironment } from './types.js';

const IAM_PRINCIPAL = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;

const MAX_AZS = 2;

/**
 * Reads and validates the deployment settings from CDK context (`cdk.json`, `-c key=value`), rejecting
 * unknown `syntor:` keys and combinations that cannot deploy, every problem named at once.
 *
 * @example
 * // npx cdk synth -c environment=staging -c syntor:database=aurora-serverless
 * const settings = readSettings(app.node);
 * @throws CdkContextInvalidError
 */
export function readSettings(node: Node): DeploymentSettings {
  const problems: string[] = [];
  const known = new Set<string>(Object.values(CONTEXT_KEYS));
  for (const key of Object.keys(node.getAllContext())) {
    if (key.startsWith('syntor:') && !known.has(key)) problems.push(`${key}: unknown setting (known: ${[...known].join(', ')})`);
  }
  const raw = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[], fallback: T, value = raw(key)): T => {
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`${key}: expected one of ${allowed.join(' | ')}, got "${value}"`);
    return fallback;
  };
  const number = (key: string, fallback: number, min: number, max: number, integer = true): number => {
    const value = raw(key);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
      problems.push(`${key}: expected ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return n;
  };
  const onlyWith = (key: string, condition: boolean, what: string) => {
    if (raw(key) !== undefined && !condition) problems.push(`${key}: only applies with ${what}`);
  };

  const environment = oneOf<SyntorEnvironment>('environment', ['local', 'staging', 'production'], oneOf(CONTEXT_KEYS.environment, ['local', 'staging', 'production'], 'local'));
  const d = ENVIRONMENT_DEFAULTS[environment];
  const kafkaMode = oneOf(CONTEXT_KEYS.kafka, ['serverless', 'provisioned', 'self-managed'], 'serverless');
  const selfManaged = readSelfManagedKafka(raw, kafkaMode === 'self-managed', problems);
  const brokers = number(CONTEXT_KEYS.kafkaBrokers, d.kafkaBrokers, 2, 30);
  if (brokers % MAX_AZS !== 0) problems.push(`${CONTEXT_KEYS.kafkaBrokers}: must be a multiple of the ${MAX_AZS} availability zones, got ${brokers}`);
  onlyWith(CONTEXT_KEYS.kafkaBrokers, kafkaMode === 'provisioned', 'syntor:kafka=provisioned');
  onlyWith(CONTEXT_KEYS.kafkaInstanceType, kafkaMode === 'provisioned', 'syntor:kafka=provisioned');
  onlyWith(CONTEXT_KEYS.kafkaVersion, kafkaMode === 'provisioned', 'syntor:kafka=provisioned');
  const pollers = oneOf(CONTEXT_KEYS.kafkaPollers, ['provisioned', 'on-demand'], 'provisioned');
  const minPollers = number(CONTEXT_KEYS.minPollers, 1, 1, 200);
  const maxPollers = number(CONTEXT_KEYS.maxPollers, Math.max(d.maxPollers, minPollers), 1, 2000);
  if (minPollers > maxPollers) problems.push(`${CONTEXT_KEYS.minPollers} (${minPollers}) must not exceed ${CONTEXT_KEYS.maxPollers} (${maxPollers})`);
  onlyWith(CONTEXT_KEYS.minPollers, pollers === 'provisioned', 'syntor:kafkaPollers=provisioned');
  onlyWith(CONTEXT_KEYS.maxPollers, pollers === 'provisioned', 'syntor:kafkaPollers=provisioned');

  const engine = oneOf(CONTEXT_KEYS.database, ['postgres', 'aurora-serverless'], 'postgres');
  onlyWith(CONTEXT_KEYS.dbInstanceType, engine === 'postgres', 'syntor:database=postgres');
  onlyWith(CONTEXT_KEYS.auroraMinAcu, engine === 'aurora-serverless', 'syntor:database=aurora-serverless');
  onlyWith(CONTEXT_KEYS.auroraMaxAcu, engine === 'aurora-serverless', 'syntor:database=aurora-serverless');
  const minAcu = number(CONTEXT_KEYS.auroraMinAcu, d.minAcu, 0, 256, false);
  const maxAcu = number(CONTEXT_KEYS.auroraMaxAcu, Math.max(d.maxAcu, minAcu), 1, 256, false);
  if (minAcu > maxAcu) problems.push(`${CONTEXT_KEYS.auroraMinAcu} (${minAcu}) must not exceed ${CONTEXT_KEYS.auroraMaxAcu} (${maxAcu})`);
  if (minAcu * 2 !== Math.round(minAcu * 2) || maxAcu * 2 !== Math.round(maxAcu * 2)) problems.push('Aurora capacity is set in steps of 0.5 ACU');

  const auth = oneOf(CONTEXT_KEYS.httpAuth, ['iam', 'jwt'], 'iam');
  const jwtIssuer = raw(CONTEXT_KEYS.jwtIssuer);
  const jwtAudience = (raw(CONTEXT_KEYS.jwtAudience) ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  if (auth === 'jwt') {
    if (!jwtIssuer || !/^https:\/\/\S+$/.test(jwtIssuer)) problems.push(`${CONTEXT_KEYS.jwtIssuer}: syntor:httpAuth=jwt needs the issuer's https:// URL`);
    if (jwtAudience.length === 0) problems.push(`${CONTEXT_KEYS.jwtAudience}: syntor:httpAuth=jwt needs at least one audience (comma-separated)`);
  } else {
    onlyWith(CONTEXT_KEYS.jwtIssuer, false, 'syntor:httpAuth=jwt');
    onlyWith(CONTEXT_KEYS.jwtAudience, false, 'syntor:httpAuth=jwt');
  }
  // JWT callers get admin from their token's scope; IAM callers from this list (lib/handlers/iamCaller.ts).
  onlyWith(CONTEXT_KEYS.apiAdminPrincipals, auth === 'iam', 'syntor:httpAuth=iam');
  const adminPrincipals = (raw(CONTEXT_KEYS.apiAdminPrincipals) ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  const badPrincipals = adminPrincipals.filter((a) => !IAM_PRINCIPAL.test(a));
  if (badPrincipals.length > 0) problems.push(`${CONTEXT_KEYS.apiAdminPrincipals}: expected IAM role or user ARNs (arn:aws:iam::<account>:role/<name>), got "${badPrincipals.join('", "')}"`);

  const natGateways = number(CONTEXT_KEYS.natGateways, d.natGateways, 0, MAX_AZS);
  if (natGateways === 0) {
    problems.push(`${CONTEXT_KEYS.natGateways}: must be at least 1 — MSK event source mappings, Secrets Manager and the Kafka API are reached through NAT from the private subnets`);
  }
  const logRetentionDays = number(CONTEXT_KEYS.logRetentionDays, d.logRetentionDays, 1, 3653);
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)) {
    problems.push(`${CONTEXT_KEYS.logRetentionDays}: CloudWatch accepts ${LOG_RETENTION_DAYS.join(', ')}; got ${logRetentionDays}`);
  }
  const alarmEmail = raw(CONTEXT_KEYS.alarmEmail);
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) problems.push(`${CONTEXT_KEYS.alarmEmail}: not an e-mail address: "${alarmEmail}"`);
  const bedrockModelId = raw(CONTEXT_KEYS.bedrockModelId);
  if (bedrockModelId !== undefined && !/^(arn:aws[a-z-]*:bedrock:[a-z0-9-]+:\d{0,12}:[\w./:-]+|[\w.:-]{1,200})$/.test(bedrockModelId)) {
    problems.push(`${CONTEXT_KEYS.bedrockModelId}: expected a Bedrock model id (e.g. anthropic.claude-3-haiku-20240307-v1:0) or an ARN, got "${bedrockModelId}"`);
  }
  const git = readGitSettings(raw, problems);

  const settings: DeploymentSettings = {
    environment,
    prefix: `syntor-${environment}`,
    network: { natGateways, maxAzs: MAX_AZS },
    kafka: {
      mode: kafkaMode,
      brokers,
      brokerInstanceType: raw(CONTEXT_KEYS.kafkaInstanceType) ?? d.kafkaInstanceType,
      kafkaVersion: raw(CONTEXT_KEYS.kafkaVersion) ?? '3.9.x',
      topicPartitions: number(CONTEXT_KEYS.topicPartitions, d.topicPartitions, 1, 1000),
      // MSK Serverless keeps three replicas of every partition; a provisioned cluster has as many as brokers
      // allow; a self-managed one as many as it is told (it may have fewer than three brokers).
      replicationFactor: kafkaMode === 'serverless' ? 3 : kafkaMode === 'self-managed' ? number(CONTEXT_KEYS.kafkaReplicationFactor, 3, 1, 7) : Math.min(3, brokers),
      ...(selfManaged ? { selfManaged } : {}),
      pollers,
      minPollers,
      maxPollers,
    },
    database: {
      engine,
      instanceType: raw(CONTEXT_KEYS.dbInstanceType) ?? d.dbInstanceType,
      multiAz: d.multiAz,
      minAcu,
      maxAcu,
      backupRetentionDays: d.backupRetentionDays,
      allocatedStorageGb: d.allocatedStorageGb,
    },
    cache: {
      engine: oneOf(CONTEXT_KEYS.cacheEngine, ['valkey', 'redis'], 'valkey'),
      nodeType: raw(CONTEXT_KEYS.cacheNodeType) ?? d.cacheNodeType,
      replicas: d.cacheReplicas,
    },
    http: { auth, ...(jwtIssuer === undefined ? {} : { jwtIssuer }), jwtAudience, adminPrincipals },
    monitoring: { ...(alarmEmail === undefined ? {} : { alarmEmail }), lagThreshold: number(CONTEXT_KEYS.lagAlarmThreshold, d.lagThreshold, 1, 100_000_000) },
    logRetentionDays,
    git,
    models: bedrockModelId === undefined ? {} : { bedrockModelId },
    tracing: oneOf(CONTEXT_KEYS.tracing, ['xray', 'adot'], 'xray'),
    removal: d.removal,
    deletionProtection: d.deletionProtection,
  };
  if (problems.length > 0) throw new CdkContextInvalidError(problems);
  return settings;
}
