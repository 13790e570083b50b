export { ensureServices, type EnsureServicesOptions, type EnsuredServices } from './ensureServices.js';
export {
  describeUnavailable,
  ServicesCommandError,
  ServicesLockTimeoutError,
  ServicesResetRefusedError,
  ServicesUnavailableError,
  type UnavailableDetails,
} from './errors.js';
export { KAFKA_VERSION, SERVICE_NAMES, type ServiceName } from './constants.js';
export { startKafka, type KafkaOptions, type StartKafkaResult } from './kafkaBroker.js';
export { kafkaStatus, type KafkaStatus } from './kafkaStatus.js';
export { stopKafka } from './kafkaStop.js';
export { resetKafka, type ResetKafkaOptions, type ResetKafkaResult } from './kafkaReset.js';
export { decideStorage, topicsInDataDir, type DataDirListing, type StorageDecision } from './storageDecision.js';
export { ensureKafkaJars, type KafkaJars, type KafkaJarsOptions } from './kafkaJars.js';
export { probeKafka, waitForKafka, type KafkaProbe } from './kafkaProbe.js';
export {
  kafkaNodeAddresses,
  renderServerProperties,
  type KafkaNodeAddresses,
  type KafkaNodeSettings,
} from './serverProperties.js';
export { kafkaJarsDir, kafkaStatePaths, resolveCacheDir, type KafkaStatePaths } from './paths.js';
export {
  ensurePostgres,
  postgresStatus,
  type EnsurePostgresResult,
  type PostgresOptions,
  type PostgresStatus,
} from './postgres.js';
export { ensureDatabase } from './postgresDatabase.js';
export { probePostgres, type PostgresProbe } from './postgresProbe.js';
export { ensureRedis, probeRedis, redisStatus, type RedisOptions, type RedisStatus } from './redis.js';
export { formatStatusLine, servicesStatus, type ServiceStatus } from './status.js';
