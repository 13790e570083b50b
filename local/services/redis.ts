import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { SyntorConfig } from '../../lib/config/index.js';
import { isLocalHost } from './address.js';
import { PROBE_TIMEOUT_MS, REDIS_READY_TIMEOUT_MS, REPO_ROOT } from './constants.js';
import { ServicesUnavailableError } from './errors.js';
import { findExecutable } from './findExecutable.js';
import { redisStateDir } from './paths.js';
import { sleep } from './processes.js';
import { REMEDIES } from './remedies.js';
import { runCommand } from './runCommand.js';

export type RedisConfig = SyntorConfig['redis'];

export interface RedisOptions {
  readonly config: Pick<SyntorConfig, 'redis'>;
  readonly log?: (line: string) => void;
  /** Only changes the wording of errors (CI=true). */
  readonly required?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly repoRoot?: string;
}

export interface RedisStatus {
  readonly address: string;
  readonly reachable: boolean;
  readonly error?: string;
}

export const redisAddress = (config: RedisConfig) => `${config.host}:${config.port}`;

/** One PING, failing fast: no reconnect loop and no offline queue, unlike ioredis' defaults. */
export async function probeRedis(config: RedisConfig, timeoutMs = PROBE_TIMEOUT_MS): Promise<RedisStatus> {
  const redis = new Redis({
    host: config.host,
    port: config.port,
    password: config.password,
    db: config.db,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The socket error arrives as an 'error' event (unhandled, it would crash us); connect() itself
  // then rejects with a bare "Connection is closed.", so the event's message is the one worth showing.
  let socketError: Error | undefined;
  redis.on('error', (error: Error) => (socketError ??= error));
  try {
    await redis.connect();
    await redis.ping();
    return { address: redisAddress(config), reachable: true };
  } catch (error) {
    const message = (socketError ?? (error as Error)).message.replace(/\.$/, '');
    return { address: redisAddress(config), reachable: false, error: message };
  } finally {
    redis.disconnect();
  }
}

/**
 * Arguments for a throw-away local redis-server: daemonized, loopback only (`-::1`: IPv6 if the
 * machine has it), no persistence, its log and pid file under .syntor/redis/.
 */
export function redisServerArgs(port: number, stateDir: string, password?: string): string[] {
  return [
    '--daemonize', 'yes',
    '--bind', '127.0.0.1', '-::1',
    '--port', String(port),
    '--save', '',
    '--appendonly', 'no',
    '--dir', stateDir,
    '--logfile', join(stateDir, 'redis.log'),
    '--pidfile', join(stateDir, 'redis.pid'),
    ...(password === undefined ? [] : ['--requirepass', password]),
  ];
}

/**
 * Makes the configured Redis answer PING, starting a local redis-server if nothing listens and the
 * address is on this machine.
 *
 * @throws ServicesUnavailableError when it cannot be reached nor started.
 * @example
 * const { started } = await ensureRedis({ config: loadConfig(), log: console.log });
 */
export async function ensureRedis(options: RedisOptions): Promise<{ started: boolean }> {
  const log = options.log ?? (() => undefined);
  const config = options.config.redis;
  const address = redisAddress(config);
  const unavailable = (reason: string, remedy: string, cause?: unknown) =>
    new ServicesUnavailableError({ service: 'redis', address, reason, remedy, required: options.required }, { cause });

  const first = await probeRedis(config);
  if (first.reachable) {
    log(`Redis reachable at ${address}.`);
    return { started: false };
  }
  if (!isLocalHost(config.host)) {
    throw unavailable(`${first.error}, and ${config.host} is not this machine`, 'start that server, or set SYNTOR_REDIS_ADDRESS');
  }
  const redisServer = findExecutable('redis-server', options.env ?? process.env);
  if (redisServer === undefined) {
    throw unavailable(`${first.error}, and redis-server is not installed here`, REMEDIES.redis);
  }
  const stateDir = redisStateDir(options.repoRoot ?? REPO_ROOT);
  await mkdir(stateDir, { recursive: true });
  log(`Starting redis-server on port ${config.port}…`);
  try {
    await runCommand(redisServer, redisServerArgs(config.port, stateDir, config.password), {
      redact: config.password === undefined ? [] : [config.password],
      timeoutMs: 30_000,
    });
  } catch (error) {
    throw unavailable('redis-server failed to start', `see ${join(stateDir, 'redis.log')}`, error);
  }
  const deadline = Date.now() + REDIS_READY_TIMEOUT_MS;
  let probe = await probeRedis(config);
  while (!probe.reachable && Date.now() < deadline) {
    await sleep(100);
    probe = await probeRedis(config);
  }
  if (!probe.reachable) {
    throw unavailable(`redis-server was started but does not answer: ${probe.error}`, `see ${join(stateDir, 'redis.log')}`);
  }
  log(`Redis started at ${address} (log ${join(stateDir, 'redis.log')}).`);
  return { started: true };
}

/** One PING; never starts anything. */
export function redisStatus(options: Pick<RedisOptions, 'config'>): Promise<RedisStatus> {
  return probeRedis(options.config.redis);
}
