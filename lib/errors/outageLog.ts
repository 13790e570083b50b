import { DEPENDENCY_NAMES, type Dependency } from './dependencyOutage.js';

/** The two logger methods an outage log writes with; pino's `Logger` fits. */
export interface OutageLogger {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

export interface OutageLog {
  /** A client saw `error`: logged only when it is the first since the service was last up. */
  down(error: unknown): void;
  /** The client is connected again: logged only when `down` was. */
  up(): void;
}

/**
 * One line when a dependency goes away and one when it is back, however many error events a
 * reconnect loop emits in between (ioredis emits one per attempt, pg one per idle client).
 *
 * @example
 * const outage = createOutageLog('redis', getLogger());
 * redis.on('error', outage.down).on('ready', outage.up);
 */
export function createOutageLog(service: Dependency, logger: () => OutageLogger): OutageLog {
  let downSince: number | undefined;
  let errors = 0;
  return {
    down(error) {
      errors += 1;
      if (downSince !== undefined) return;
      downSince = Date.now();
      logger().warn({ service, err: error }, `${DEPENDENCY_NAMES[service]} connection lost: ${messageOf(error)}; reconnecting`);
    },
    up() {
      if (downSince === undefined) return;
      logger().info({ service, downMs: Date.now() - downSince, errors }, `${DEPENDENCY_NAMES[service]} connection is back after ${Date.now() - downSince} ms`);
      downSince = undefined;
      errors = 0;
    },
  };
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}
