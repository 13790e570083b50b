import { SyntorError } from '../../lib/errors/index.js';
/** Base of the harness's errors; `retriable` says whether the harness retries the invocation. */
export abstract class HarnessError extends SyntorError {}

/** The handler ran past the function's timeout. Lambda reports "Task timed out after N seconds" and retries. */
export class HandlerTimeoutError extends HarnessError {
  readonly code = 'handler-timeout';

  constructor(
    readonly functionId: string,
    readonly timeoutSeconds: number,
  ) {
    super(`${functionId}: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`, { retriable: true });
  }
}

/** The handler threw or rejected. */
export class HandlerFailedError extends HarnessError {
  readonly code = 'handler-failed';

  constructor(
    readonly functionId: string,
    options: { cause: unknown },
  ) {
    const cause = options.cause;
    super(`${functionId}: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`, { retriable: true, cause });
  }
}

/** The manifest points at a module or export that is not a function. */
export class HandlerNotFoundError extends HarnessError {
  readonly code = 'handler-not-found';

  constructor(
    readonly functionId: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${functionId}: ${detail}`, { retriable: false, ...options });
  }
}

/** What the user asked for on the command line cannot be done (unknown agent, bad count…). */
export class HarnessUsageError extends HarnessError {
  readonly code = 'harness-usage';

  constructor(message: string) {
    super(message, { retriable: false });
  }
}

/**
 * The harness could not reach Kafka at start, before any poller ran. Retriable: it usually means the
 * broker is not started yet (`npm run services -- start`) or SYNTOR_KAFKA_BROKERS points elsewhere.
 */
export class HarnessKafkaUnreachableError extends HarnessError {
  readonly code = 'harness-kafka-unreachable';

  constructor(
    readonly brokers: readonly string[],
    options: { cause: unknown },
  ) {
    const why = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(
      `Kafka is not reachable at ${brokers.join(',')} (${why}). ` +
        'Start the local broker with `npm run services -- start`, or point SYNTOR_KAFKA_BROKERS at a running one.',
      { retriable: true, cause: options.cause },
    );
  }
}

/**
 * Topics the Kafka triggers read (or dead-letter to) do not exist, and outside `local` the harness
 * does not create topics on a shared cluster. Not retriable: someone has to create them.
 */
export class HarnessTopicsMissingError extends HarnessError {
  readonly code = 'harness-topics-missing';

  constructor(
    readonly missing: readonly string[],
    readonly brokers: readonly string[],
    /** The commands that create them, one per line. */
    readonly commands: readonly string[],
    readonly environment: string,
  ) {
    super(
      `Kafka at ${brokers.join(',')} has no topic ${missing.join(', ')}, which the harness's Kafka triggers need; ` +
        `in ${environment} the harness does not create topics. Create them, then start again:\n` +
        commands.map((command) => `  ${command}`).join('\n'),
      { retriable: false },
    );
  }
}

/**
 * The HTTP routes would listen beyond loopback (SYNTOR_HARNESS_HOST) with no SYNTOR_API_TOKEN, which hands
 * the task API to anyone who can reach the port. Not retriable: set a token or listen on loopback.
 */
export class HarnessApiExposedError extends HarnessError {
  readonly code = 'harness-api-exposed';

  constructor(readonly host: string) {
    super(
      `SYNTOR_HARNESS_HOST=${host} would serve the task API beyond this machine with no token. ` +
        'Set SYNTOR_API_TOKEN (e.g. `export SYNTOR_API_TOKEN=$(openssl rand -hex 32)`) so every route needs it, ' +
        'or keep SYNTOR_HARNESS_HOST on 127.0.0.1 (SYNTOR_METRICS_HOST alone can open /metrics and /health to a Prometheus in Docker).',
      { retriable: false },
    );
  }
}

export interface BundleFailure {
  readonly functionId: string;
  /** The handler's TypeScript source, the bundle's entry point. */
  readonly entry: string;
  readonly cause: unknown;
}

/**
 * `--bundles`: esbuild could not bundle some functions as `npm run synth` would (so a deploy would fail
 * too). Names each function, its source and the bundle directory, with esbuild's message. Not retriable.
 */
export class HarnessBundleFailedError extends HarnessError {
  readonly code = 'harness-bundle-failed';

  constructor(
    readonly directory: string,
    readonly failures: readonly BundleFailure[],
  ) {
    const lines = failures.map((f) => `  ${f.functionId} (${f.entry}): ${f.cause instanceof Error ? f.cause.message : String(f.cause)}`);
    super(`Bundling failed (esbuild, as npm run synth) for ${failures.map((f) => f.functionId).join(', ')}, into ${directory}:\n${lines.join('\n')}`, {
      retriable: false,
      cause: failures[0]?.cause,
    });
  }
}
