import { randomUUID } from 'node:crypto';
import { FUNCTION_ENV, PRODUCES_ENV } from '../../../lib/manifest/invocationScope.js';
import { HandlerFailedError, HandlerTimeoutError } from '../errors.js';
import type { Invocation, Invoke } from '../invoker.js';
import { createLambdaContext } from '../lambdaContext.js';
import type { HarnessLog } from '../log.js';
import { HandlerResultNotJsonError } from './errors.js';
import { packRecords } from './packRecords.js';
import { INVOKE_RECORDS, type RecordsInvokable, type RecordsInvoke } from './recordsInvoke.js';
import { startEnvironment, type ExecutionEnvironment } from './startEnvironment.js';
import type { InvocationPayload } from './types.js';
import { DEFAULT_MAX_ENVIRONMENTS } from './constants.js';

export interface EnvironmentPoolOptions {
  functionId: string;
  agent: string;
  entry: string;
  handler: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** The manifest's `environment`, laid over the harness's own. */
  environment: Readonly<Record<string, string>>;
  produces: readonly string[];
  log: HarnessLog;
  /** Concurrent environments at most; further invocations wait for one to be free. */
  maxEnvironments?: number;
  /** Told about every cold start (the harness counts them). */
  onColdStart?: (initMs: number) => void;
  /** The harness's `process.env` by default. */
  baseEnv?: NodeJS.ProcessEnv;
}

export interface EnvironmentPoolStats {
  live: number;
  idle: number;
  coldStarts: number;
  discarded: number;
}

export interface EnvironmentPool {
  /** Invokes with an event as JSON text; also a {@link RecordsInvoke} for a Kafka trigger's batches. */
  invoke: Invoke & RecordsInvokable;
  /** The metrics of every environment this pool ran, for `/metrics` (live ones asked now, gone ones as last seen). */
  metrics(): Promise<unknown[][]>;
  stats(): EnvironmentPoolStats;
  close(): Promise<void>;
}

/**
 * A function's execution environments, as Lambda keeps them: an invocation takes a warm idle one
 * or starts a new one (a cold start); concurrent invocations get separate ones; one that timed out
 * or crashed is discarded, so the next invocation starts fresh.
 *
 * Worker threads rather than child processes: a thread starts in a fraction of a process's time and
 * memory and still has its own module instance, `process.env` and heap limit; what it shares (the
 * process's native memory, its file descriptors) is listed in the README's fidelity table.
 */
export function createEnvironmentPool(options: EnvironmentPoolOptions): EnvironmentPool {
  const maxEnvironments = options.maxEnvironments ?? DEFAULT_MAX_ENVIRONMENTS;
  const timeoutMs = options.timeoutSeconds * 1000;
  const env = environmentOf(options);
  const idle: ExecutionEnvironment[] = [];
  const live = new Set<ExecutionEnvironment>();
  const waiters: (() => void)[] = [];
  let starting = 0;
  let coldStarts = 0;
  let discarded = 0;
  let closed = false;
  // Metrics of environments already discarded, as last scraped: a gone environment's counts still count.
  const lastSeen = new Map<ExecutionEnvironment, unknown[]>();

  async function acquire(): Promise<{ environment: ExecutionEnvironment; cold: boolean }> {
    for (;;) {
      const warm = idle.pop();
      if (warm?.alive) return { environment: warm, cold: false };
      if (warm) continue;
      if (live.size + starting < maxEnvironments) break;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
    starting += 1;
    try {
      const environment = await startEnvironment({ functionId: options.functionId, entry: options.entry, handler: options.handler, memoryMb: options.memoryMb, env });
      live.add(environment);
      coldStarts += 1;
      options.onColdStart?.(environment.initMs);
      options.log.info(`${options.functionId}: INIT Init Duration: ${environment.initMs.toFixed(2)} ms (handler init ${environment.handlerInitMs.toFixed(2)} ms, environment ${coldStarts})`);
      return { environment, cold: true };
    } finally {
      starting -= 1;
    }
  }

  function release(environment: ExecutionEnvironment) {
    if (environment.alive && !closed) idle.push(environment);
    else discard(environment);
    waiters.shift()?.();
  }

  function discard(environment: ExecutionEnvironment) {
    if (!live.delete(environment)) return;
    discarded += 1;
    void environment.terminate();
  }

  async function run(payload: () => InvocationPayload): Promise<Invocation> {
    const started = Date.now();
    const deadline = started + timeoutMs;
    const requestId = randomUUID();
    const context = createLambdaContext({ functionName: options.functionId, memoryMb: options.memoryMb, deadline, awsRequestId: requestId });
    let acquired: { environment: ExecutionEnvironment; cold: boolean };
    try {
      acquired = await acquire();
    } catch (error) {
      waiters.shift()?.();
      throw new HandlerFailedError(options.functionId, { cause: error });
    }
    const { environment, cold } = acquired;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      // Lambda's timeout counts the invocation, not the init phase before it.
      timer = setTimeout(() => reject(new HandlerTimeoutError(options.functionId, options.timeoutSeconds)), timeoutMs);
    });
    try {
      const reply = await Promise.race([environment.invoke(payload(), Date.now() + timeoutMs, requestId), timeout]);
      release(environment);
      return { result: reply.result === undefined ? undefined : (JSON.parse(reply.result) as unknown), durationMs: Date.now() - started, context, coldStart: cold, ...(cold ? { initDurationMs: environment.initMs } : {}) };
    } catch (error) {
      if (error instanceof HandlerTimeoutError || !environment.alive) {
        // A timed-out invocation is stopped, not abandoned: its environment goes with it.
        discard(environment);
        waiters.shift()?.();
        throw error instanceof HandlerTimeoutError ? error : new HandlerFailedError(options.functionId, { cause: error });
      }
      release(environment);
      if ((error as { code?: unknown }).code === 'handler-result-not-json') throw new HandlerResultNotJsonError(options.functionId, (error as Error).message);
      throw new HandlerFailedError(options.functionId, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  const invokeRecords: RecordsInvoke = (records, source) => run(() => ({ records: packRecords(records), ...(source ? { source } : {}) }));
  const invoke = Object.assign((event: unknown) => run(() => ({ event: JSON.stringify(event) })), { [INVOKE_RECORDS]: invokeRecords });

  return {
    invoke,
    async metrics() {
      const current = await Promise.all(
        [...live].map(async (environment) => {
          const metrics = await environment.metrics().catch(() => lastSeen.get(environment) ?? []);
          lastSeen.set(environment, metrics);
          return metrics;
        }),
      );
      const gone = [...lastSeen].filter(([environment]) => !live.has(environment)).map(([, metrics]) => metrics);
      return [...current, ...gone];
    },
    stats: () => ({ live: live.size, idle: idle.length, coldStarts, discarded }),
    async close() {
      closed = true;
      const all = [...live];
      live.clear();
      idle.length = 0;
      await Promise.all(all.map((environment) => environment.terminate()));
      for (const wake of waiters.splice(0)) wake();
    },
  };
}

/** The harness's variables, the manifest's over them, then what the CDK app sets on every function. */
function environmentOf(options: EnvironmentPoolOptions): Record<string, string> {
  const base = options.baseEnv ?? process.env;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) if (value !== undefined) env[name] = value;
  return {
    ...env,
    ...options.environment,
    SYNTOR_AGENT: options.agent,
    [FUNCTION_ENV]: options.functionId,
    [PRODUCES_ENV]: options.produces.join(','),
  };
}
