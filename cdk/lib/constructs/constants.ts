/** Ports between the functions and the services, and nothing else. */
export const PORTS = {
  /** MSK's IAM (SASL/IAM over TLS) listener, provisioned and serverless alike. */
  kafkaIam: 9098,
  postgres: 5432,
  redis: 6379,
  https: 443,
} as const;
