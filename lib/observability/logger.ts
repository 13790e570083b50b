import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import { getConfig, type SyntorConfig } from '../config/index.js';
import { REDACT_PATHS, REDACTED } from './constants.js';

export type LogLevel = SyntorConfig['logLevel'];

export interface LoggerOptions {
  /** @default getConfig().logLevel (`SYNTOR_LOG_LEVEL`) */
  readonly level?: LogLevel;
  /**
   * Where JSON lines go.
   * @default the one set by `setDefaultLogDestination`, else stdout written synchronously (nothing is
   * lost when Lambda freezes the process)
   */
  readonly destination?: DestinationStream;
  /** Fields on every line of this logger, such as `{ component: 'harness' }`. */
  readonly bindings?: Record<string, unknown>;
}

let defaultDestination: DestinationStream | undefined;

/**
 * Where loggers created from now on write when given no destination: the harness CLI points every
 * handler's logger at a pretty printer when it runs on a terminal. `undefined` restores stdout.
 */
export function setDefaultLogDestination(destination: DestinationStream | undefined): void {
  defaultDestination = destination;
}

/**
 * A structured logger: one JSON object per line with `level` (as a word), ISO `time` and `msg`;
 * secrets under the paths of `REDACT_PATHS` are replaced with `[redacted]`.
 *
 * @example
 * const log = createLogger({ bindings: { component: 'sweeper' } });
 * log.info({ requeued: 3 }, 'leases swept');
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const logger = pino(
    {
      level: options.level ?? getConfig().logLevel,
      // Lambda adds its own request context; pid and hostname say nothing there.
      base: null,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    },
    options.destination ?? defaultDestination ?? pino.destination({ dest: 1, sync: true }),
  );
  return options.bindings ? logger.child(options.bindings) : logger;
}

let shared: Logger | undefined;

/** The process-wide logger, created on first use at the configured level (reused across invocations). */
export function getLogger(): Logger {
  shared ??= createLogger();
  return shared;
}
