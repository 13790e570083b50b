import type { ServiceName } from './constants.js';
import { SyntorError } from '../../lib/errors/index.js';

const DISPLAY_NAMES: Record<ServiceName, string> = {
  kafka: 'Kafka',
  postgres: 'PostgreSQL',
  redis: 'Redis',
};

/** What a person needs to act on an unavailable service. */
export interface UnavailableDetails {
  readonly service: ServiceName;
  /** The address that was tried, e.g. `127.0.0.1:9092`. */
  readonly address: string;
  /** What went wrong, in one sentence without a trailing period. */
  readonly reason: string;
  /** What to do about it. */
  readonly remedy: string;
  /** Evidence to show between reason and remedy, e.g. the end of a log file. */
  readonly detail?: string;
  /** True where the caller cannot go on without the service (CI=true); only changes the wording. */
  readonly required?: boolean;
}

/**
 * The message of a {@link ServicesUnavailableError}: service, address, reason, then what to do.
 *
 * @example
 * describeUnavailable({ service: 'redis', address: '127.0.0.1:6379', reason: 'connection refused',
 *   remedy: 'apt-get install redis-server' });
 * // 'Redis is not available at 127.0.0.1:6379: connection refused.\nTo fix: apt-get install redis-server'
 */
export function describeUnavailable(details: UnavailableDetails): string {
  const name = DISPLAY_NAMES[details.service];
  const head = details.required
    ? `${name} is required (CI=true) but is not available at ${details.address}`
    : `${name} is not available at ${details.address}`;
  const detail = details.detail?.trim() ? `\n${details.detail.trimEnd()}` : '';
  return `${head}: ${details.reason}.${detail}\nTo fix: ${details.remedy}`;
}

/**
 * A service (Kafka, PostgreSQL or Redis) could not be reached nor started. Not retriable: someone has
 * to install, start or reconfigure something, and the message says what.
 */
export class ServicesUnavailableError extends SyntorError {
  override readonly name = 'ServicesUnavailableError';
  readonly code = 'services-unavailable';
  override readonly retriable = false;
  readonly service: ServiceName;
  readonly address: string;
  readonly reason: string;
  readonly remedy: string;
  readonly detail?: string;

  constructor(details: UnavailableDetails, options?: { cause?: unknown }) {
    super(describeUnavailable(details), options);
    this.service = details.service;
    this.address = details.address;
    this.reason = details.reason;
    this.remedy = details.remedy;
    if (details.detail !== undefined) this.detail = details.detail;
  }
}

/** An external program (mvn, java, pg_ctlcluster, redis-server) failed; usually the `cause` of the above. */
export class ServicesCommandError extends SyntorError {
  override readonly name = 'ServicesCommandError';
  readonly code = 'services-command-failed';
  override readonly retriable = false;

  constructor(
    /** The command line as it may be shown: secrets already redacted. */
    readonly commandLine: string,
    readonly exitCode: number | string | null,
    /** The last lines the command printed (stdout and stderr). */
    readonly output: string,
    options?: { cause?: unknown },
  ) {
    super(
      `\`${commandLine}\` failed (${typeof exitCode === 'number' ? `exit code ${exitCode}` : String(exitCode)})` +
        (output.trim() === '' ? '' : `:\n${output.trimEnd()}`),
      options,
    );
  }
}

/** Another process held the start lock for longer than we were willing to wait. */
export class ServicesLockTimeoutError extends SyntorError {
  override readonly name = 'ServicesLockTimeoutError';
  readonly code = 'services-lock-timeout';
  override readonly retriable = true;

  constructor(
    readonly lockFile: string,
    readonly holderPid: number,
  ) {
    super(
      `Timed out waiting for ${lockFile}, held by pid ${holderPid}: another \`npm run services -- start\` ` +
        'or test run is starting Kafka. Remove the file if that process is stuck.',
    );
  }
}

/**
 * `npm run services -- reset` found a broker at the configured address that this project did not
 * start (no live pid in .syntor/kafka/kafka.pid), so it stops nothing and deletes nothing: that broker
 * may be serving data someone wants. Not retriable until that broker is stopped by whoever started it.
 */
export class ServicesResetRefusedError extends SyntorError {
  override readonly name = 'ServicesResetRefusedError';
  override readonly retriable = false;
  readonly code = 'services-reset-refused';

  constructor(
    readonly address: string,
    readonly dataDir: string,
  ) {
    super(
      `Not resetting Kafka: the broker answering at ${address} was not started by this project ` +
        `(no live pid in its kafka.pid), so it is left running and ${dataDir} is left as it is. ` +
        'Stop that broker the way it was started (for docker compose: `docker compose down`), then run reset again.',
    );
  }
}
