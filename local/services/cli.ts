import { ConfigInvalidError, loadConfig, type SyntorConfig } from '../../lib/config/index.js';
import { parseCliArgs, USAGE, type Command } from './cliArgs.js';
import { ServicesResetRefusedError, ServicesUnavailableError } from './errors.js';
import { startKafka } from './kafkaBroker.js';
import { resetKafka } from './kafkaReset.js';
import { stopKafka } from './kafkaStop.js';
import { ensurePostgres } from './postgres.js';
import { ensureRedis } from './redis.js';
import { formatStatusLine, servicesStatus } from './status.js';

const log = (line: string) => console.log(line);

/** Unlike ensureServices, a failure elsewhere leaves a started broker running: the person asked for it. */
async function start(config: SyntorConfig): Promise<number> {
  const results = await Promise.allSettled([
    startKafka({ config, log }),
    ensurePostgres({ config, log }),
    ensureRedis({ config, log }),
  ]);
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  for (const failure of failures) reportError(failure);
  return failures.length === 0 ? 0 : 1;
}

async function status(config: SyntorConfig): Promise<number> {
  const statuses = await servicesStatus(config);
  for (const line of statuses.map(formatStatusLine)) log(line);
  return statuses.every((s) => s.reachable) ? 0 : 1;
}

function reportError(error: unknown): void {
  if (
    error instanceof ServicesUnavailableError ||
    error instanceof ServicesResetRefusedError ||
    error instanceof ConfigInvalidError
  ) {
    console.error(error.message);
  } else {
    console.error(error);
  }
}

async function run(command: Command): Promise<number> {
  const config = loadConfig();
  switch (command) {
    case 'start':
      return start(config);
    case 'stop':
      await stopKafka({ log });
      return 0;
    case 'status':
      return status(config);
    case 'reset':
      await resetKafka({ config, log });
      return 0;
  }
}

async function main(): Promise<number> {
  const request = parseCliArgs(process.argv.slice(2));
  if (request.kind === 'help') {
    log(USAGE);
    return 0;
  }
  if (request.kind === 'usage-error') {
    console.error(`${request.message}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(request.command);
  } catch (error) {
    reportError(error);
    return 1;
  }
}

process.exitCode = await main();
