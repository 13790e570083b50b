import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { probeRedis } from '../services/redis.js';
import { ChaosServiceError } from './errors.js';
import { waitUntil } from './waitUntil.js';

export interface OwnRedis {
  readonly address: string;
  readonly logFile: string;
  /** SIGKILLs the server and starts an empty one on the same port: every key is gone. */
  restartEmpty(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A redis-server child of this process on `port`, without persistence (`--save ""`,
 * `--appendonly no`), so a restart always comes back empty.
 *
 * @example
 * const redis = await startOwnRedis({ redisServer: '/usr/bin/redis-server', workDir, port: 56379 });
 */
export async function startOwnRedis(options: {
  readonly redisServer: string;
  readonly workDir: string;
  readonly port: number;
  readonly log?: (line: string) => void;
}): Promise<OwnRedis> {
  const log = options.log ?? (() => undefined);
  const logFile = join(options.workDir, 'redis.log');
  const config = { host: '127.0.0.1', port: options.port, db: 0, keyPrefix: '' };
  let child: ChildProcess | undefined;

  const launch = async () => {
    const out = openSync(logFile, 'a');
    child = spawn(
      options.redisServer,
      ['--port', String(options.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', options.workDir],
      { stdio: ['ignore', out, out] },
    );
    closeSync(out);
    if (!(await waitUntil(async () => (await probeRedis(config, 500)).reachable, 10_000, 100))) {
      throw new ChaosServiceError('redis', `redis-server did not answer on 127.0.0.1:${options.port} within 10 s; see ${logFile}`);
    }
  };
  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  await launch();
  log(`Redis: own server on 127.0.0.1:${options.port} (no persistence)`);
  return {
    address: `127.0.0.1:${options.port}`,
    logFile,
    async restartEmpty(downMs) {
      await kill();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await launch();
    },
    stop: kill,
  };
}
