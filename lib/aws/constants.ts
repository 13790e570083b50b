/**
 * Environment variables the CDK app sets on every function and `resolveConnections` reads. They are
 * not `SYNTOR_*` settings a person writes: where one is absent the plain configuration stands, which
 * is how the same handler runs on a laptop.
 */
export const AWS_ENV = {
  /** ARN of the MSK cluster: bootstrap brokers are looked up from it and IAM (SASL/OAUTHBEARER) is used. */
  mskClusterArn: 'SYNTOR_MSK_CLUSTER_ARN',
  /** ARN of a self-managed cluster's credentials secret (brokers come from SYNTOR_KAFKA_BROKERS): see `selfManagedKafkaAuth`. */
  kafkaSecretArn: 'SYNTOR_KAFKA_SECRET_ARN',
  /** How that secret signs in: `sasl-scram-512` (`{ username, password }`) or `mtls` (`{ certificate, privateKey, privateKeyPassword? }`). */
  kafkaAuth: 'SYNTOR_KAFKA_AUTH',
  /** ARN of the RDS-generated secret: `{ username, password, host, port, dbname }`. */
  postgresSecretArn: 'SYNTOR_POSTGRES_SECRET_ARN',
  /** ARN of the ElastiCache AUTH token secret: `{ token }`. */
  redisAuthSecretArn: 'SYNTOR_REDIS_AUTH_SECRET_ARN',
  /** `true` when Redis/Valkey requires TLS (ElastiCache with in-transit encryption). */
  redisTls: 'SYNTOR_REDIS_TLS',
} as const;

/**
 * Where the agents' EMF metrics land in CloudWatch: one namespace, the environment as a dimension of
 * every metric, the Prometheus labels as the others and the Prometheus names as metric names
 * (lib/observability/metrics.ts defines them all).
 */
export const CLOUDWATCH_METRICS = {
  namespace: 'SYNTOR',
  environmentDimension: 'environment',
} as const;
