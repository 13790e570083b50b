import { ConfigInvalidError, type SyntorConfig } from '../../lib/config/index.js';
import type { ServiceName } from './constants.js';
import { ServicesUnavailableError } from './errors.js';
import { startKafka } from './kafkaBroker.js';
import { stopKafka } from './kafkaStop.js';
import { ensurePostgres, postgresAddress } from './postgres.js';
import { ensureRedis, redisAddress } from './redis.js';

export interface EnsureServicesOptions {
  readonly config: SyntorConfig;
  /** True where running without the services is not an option (CI=true); only changes error wording. */
  readonly required: boolean;
  /** Progress lines; defaults to console.log, since a first run downloads Kafka for a minute or more. */
  readonly log?: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

export interface EnsuredServices {
  /** True when this call launched the Kafka broker (and {@link EnsuredServices.stop} will stop it). */
  readonly startedKafka: boolean;
  /** Milliseconds from launching the broker's JVM to its first successful `describeCluster()`. */
  readonly kafkaReadyMs?: number;
  /** Stops what this call started (only Kafka: PostgreSQL and Redis are machine services, shared). */
  stop(): Promise<void>;
}

function asUnavailable(service: ServiceName, address: string, error: unknown, required: boolean): Error {
  if (error instanceof ServicesUnavailableError || error instanceof ConfigInvalidError) return error;
  return new ServicesUnavailableError(
    { service, address, reason: `unexpected error: ${(error as Error)?.message ?? String(error)}`, remedy: 'see the cause below', required },
    { cause: error },
  );
}

/**
 * Makes Kafka, PostgreSQL and Redis available for integration tests or a local run, starting what it
 * can (in parallel). If any cannot be made available, whatever this call started is stopped again
 * and the error is thrown: tests never run silently without their services.
 *
 * @throws ServicesUnavailableError naming the service, the address tried and what to do.
 * @example
 * // vitest globalSetup
 * const services = await ensureServices({ config: loadConfig(), required: process.env.CI === 'true' });
 * return () => services.stop();
 */
export async function ensureServices(options: EnsureServicesOptions): Promise<EnsuredServices> {
  const { config, required } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const env = options.env ?? process.env;
  const [kafka, postgres, redis] = await Promise.allSettled([
    startKafka({ config, log, required, env }),
    ensurePostgres({ config, log, required, env }),
    ensureRedis({ config, log, required, env }),
  ]);
  const startedKafka = kafka.status === 'fulfilled' && kafka.value.started;
  const stop = async () => {
    if (startedKafka) await stopKafka({ log });
  };

  const failures = [
    kafka.status === 'rejected' ? asUnavailable('kafka', config.kafka.brokers.join(','), kafka.reason, required) : undefined,
    postgres.status === 'rejected' ? asUnavailable('postgres', postgresAddress(config.postgres), postgres.reason, required) : undefined,
    redis.status === 'rejected' ? asUnavailable('redis', redisAddress(config.redis), redis.reason, required) : undefined,
  ].filter((failure): failure is Error => failure !== undefined);
  const [first, ...others] = failures;
  if (first !== undefined) {
    for (const other of others) log(`Also unavailable: ${other.message}`);
    await stop();
    throw first;
  }
  const readyMs = kafka.status === 'fulfilled' ? kafka.value.readyMs : undefined;
  return { startedKafka, ...(readyMs === undefined ? {} : { kafkaReadyMs: readyMs }), stop };
}
