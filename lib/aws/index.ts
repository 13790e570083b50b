export { lookupBootstrapBrokers } from './bootstrapBrokers.js';
export { AWS_ENV, CLOUDWATCH_METRICS } from './constants.js';
export { createDatabasePassword, type DatabasePassword } from './databasePassword.js';
export { AwsBrokersLookupError, AwsSecretInvalidError, AwsSecretReadError, DatabaseAuthFailedError } from './errors.js';
export { mskIamSasl, regionOfArn, type TokenSigner } from './mskIamSasl.js';
export { forgetConnections, resolveConnections, type Connections, type ResolveConnectionsDeps } from './resolveConnections.js';
export {
  kafkaClientCertificateSecretSchema, kafkaScramSecretSchema, parseSelfManagedKafkaAuth, SELF_MANAGED_KAFKA_AUTH, selfManagedKafkaAuth, type SelfManagedKafkaAuth,
} from './selfManagedKafka.js';
export { cacheAuthSecretSchema, databaseSecretSchema, readJsonSecret, type CacheAuthSecret, type DatabaseSecret } from './secrets.js';
