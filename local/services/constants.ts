import { fileURLToPath } from 'node:url';

/** Must match `kafka.version` in local/kafka/pom.xml (a unit test checks it). */
export const KAFKA_VERSION = '4.1.1';

export const DEFAULT_CONTROLLER_PORT = 9093;

/** Generous for a cold JVM on a 2-core machine; a warm start takes a few seconds. */
export const KAFKA_READY_TIMEOUT_MS = 60_000;
/**
 * The same on existing data: after a kill -9 or a reboot the broker first recovers every partition's
 * unflushed log segments (and replays its metadata log), which grows with what is on disk.
 */
export const KAFKA_RECOVERY_READY_TIMEOUT_MS = 180_000;
/** Grace between SIGTERM and SIGKILL: a controlled shutdown of one node takes a few seconds. */
export const KAFKA_STOP_TIMEOUT_MS = 10_000;
export const KAFKA_JVM_OPTIONS = ['-Xms512m', '-Xmx1g'] as const;

export const POSTGRES_READY_TIMEOUT_MS = 15_000;
export const REDIS_READY_TIMEOUT_MS = 5_000;
export const PROBE_TIMEOUT_MS = 2_000;

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const KAFKA_POM_PATH = fileURLToPath(new URL('../kafka/pom.xml', import.meta.url));
export const KAFKA_LOG4J_PATH = fileURLToPath(new URL('../kafka/log4j2.properties', import.meta.url));

export const SERVICE_NAMES = ['kafka', 'postgres', 'redis'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
