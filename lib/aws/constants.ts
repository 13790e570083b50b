/**
 * Environment variables the CDK app sets on every function and `resolveConnections` reads. They are
 * not `SYNTOR_*` settings a person writes: where one is absent the plain configuration stands, which
 * is how the same handler runs on a laptop.
 */
export const AWS_ENV = {
  /** ARN of the MSK cluster: bootstrap brokers are looked up from it and IAM (SASL/OAUTHBEARER) is used. */
  mskClusterArn: 'SYNTOR_MSK_CLUSTER_ARN',
  /** ARN of the RDS-generated secret: `{ username, password, host, port, dbname }`. */
  postgresSecretArn: 'SYNTOR_POSTGRES_SECRET_ARN',
  /** ARN of the ElastiCache AUTH token secret: `{ token }`. */
  redisAuthSecretArn: 'SYNTOR_REDIS_AUTH_SECRET_ARN',
  /** `true` when Redis/Valkey requires TLS (ElastiCache with in-transit encryption). */
  redisTls: 'SYNTOR_REDIS_TLS',
} as const;

/** Custom CloudWatch metrics the agents emit (EMF) and the dashboard reads: one map, one namespace. */
export const CLOUDWATCH_METRICS = {
  namespace: 'Syntor',
  /** Gauge of tasks per `Status` (and `Environment`) dimension, emitted by the coordination agent's sweeper. */
  tasks: 'Tasks',
  dimensions: { environment: 'Environment', status: 'Status' },
} as const;
