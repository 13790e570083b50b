import type { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import type { SyntorConfig } from '../../lib/config/index.js';
import { SCHEDULE_DELIVERY, type AgentManifest, type FunctionManifest } from '../../lib/contracts/index.js';
import { createKafka, createProducer, localEventSource, type KafkaEventSourceKind } from '../../lib/kafka/index.js';
import { consumerGroupOf, functionId } from '../../lib/manifest/index.js';
import { createPlatformMetrics, metricsRegistry, type PlatformMetrics } from '../../lib/observability/metrics.js';
import { HarnessApiExposedError, HarnessUsageError } from './errors.js';
import { compileFilters } from '../../lib/triggers/index.js';
import { isLoopbackHost, startHttpServer, type HttpRoute, type StartHttpServerOptions } from './http/index.js';
import type { Invoke } from './invoker.js';
import { bundleFunctions, type BundlesOption } from './bundles/index.js';
import { aggregateMetrics, type EnvironmentPool } from './environment/index.js';
import { invokerFor } from './invokerFor.js';
import { consumerLag } from './kafka/consumerLag.js';
import { ensureTriggerTopics, triggerTopicsOf } from './kafka/ensureTriggerTopics.js';
import type { RetryPolicy } from './kafka/backoff.js';
import { kafkaPlanLine } from './kafka/planLine.js';
import { startPollers } from './kafka/startPollers.js';
import { consoleLog, type HarnessLog } from './log.js';
import { harnessEnvelopeKeys, loadMasterKey, type HarnessEnvelopeKeys } from './envelopeKeys.js';
import { consoleAssets } from '../console/buildConsole.js';
import { startOpsServer } from './opsServer.js';
import { startSchedule } from './schedule/index.js';
import { newTriggerStatus, type TriggerStatus } from './triggerStatus.js';

export interface HarnessOptions {
  config: SyntorConfig;
  agents: readonly AgentManifest[];
  /** Run only these agents (all by default). */
  only?: readonly string[];
  /** Poller instances per Kafka-triggered function, by agent name or function id: fixed, no scaling (default: the trigger's pollers, scaled on lag). */
  instances?: Readonly<Record<string, number>>;
  /** Ports for HTTP routes, /metrics and /health; `false` turns one off, 0 picks a free port. */
  ports?: { http?: number | false; metrics?: number | false; health?: number | false };
  retry?: RetryPolicy;
  /** Fire every schedule once right after start (then on its cadence): "run the sweeper now". */
  fireSchedulesOnStart?: boolean;
  /** Waits before a failed scheduled invocation's retries (ms; default Lambda's 1 min, then 2 min), for tests. */
  scheduleRetryDelaysMs?: readonly number[];
  /** The HTTP API's limits (default the deployed stage's throttling and Lambda's 6 MB payloads), for tests. */
  httpLimits?: Pick<StartHttpServerOptions, 'throttle' | 'maxEventBytes' | 'maxResultBytes'>;
  /** How often pollers are scaled on the offset lag (ms; default 60 s, Lambda's). */
  pollerScaleIntervalMs?: number;
  /** How often consumer lag is measured (ms). */
  lagIntervalMs?: number;
  log?: HarnessLog;
  kafka?: Kafka;
  /**
   * Each function in its own execution environments (worker threads), as on Lambda. `false` runs every
   * handler in this process: only for tests that must share a handler's module with the harness.
   * @default true
   */
  isolation?: boolean;
  /**
   * The console at / on the HTTP port (local/console): the API's tasks, workflows, agents and dead
   * letters, and this harness's triggers.
   * @default true
   */
  console?: boolean;
  /**
   * Which of Lambda's Kafka triggers to play: `msk` events (`eventSource: "aws:kafka"` with a cluster
   * ARN) or `self-managed` ones (`"SelfManagedKafka"`, bootstrap servers, no ARN); dead letters follow.
   * @default 'msk'
   */
  eventSource?: KafkaEventSourceKind;
  /**
   * Run each function's esbuild bundle, built as `npm run synth` builds it, instead of its TypeScript
   * source: `true` into `cdk.out/bundles` (synth's own directory), `{ dir }` elsewhere.
   * @default false
   */
  bundles?: BundlesOption;
  /**
   * The envelope master key; default SYNTOR_ENVELOPE_MASTER_KEY, else the key file kept between runs
   * (`defaultMasterKeyFile()`), made on first use.
   */
  envelopeMasterKey?: string;
}

export interface RunningHarness {
  /** One line per function and trigger, for the start-up banner. */
  readonly plan: readonly string[];
  readonly ports: { http?: number; metrics?: number; health?: number };
  readonly metrics: PlatformMetrics;
  /** Its agents' envelope keys: `envelope.signerFor(agent)` signs a test's records as that agent. */
  readonly envelope: HarnessEnvelopeKeys;
  status(): TriggerStatus[];
  /** Graceful: stops fetching and firing, finishes in-flight batches, commits, disconnects. */
  stop(): Promise<void>;
}

interface Stoppable {
  stop(): Promise<void>;
}

function selectAgents(agents: readonly AgentManifest[], only: readonly string[] | undefined): AgentManifest[] {
  if (!only || only.length === 0) return [...agents];
  const known = new Set(agents.map((a) => a.name));
  const unknown = only.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new HarnessUsageError(`Unknown agent(s): ${unknown.join(', ')}. Known: ${[...known].join(', ') || '(none)'}`);
  }
  return agents.filter((a) => only.includes(a.name));
}

function instancesOf(options: HarnessOptions, agent: AgentManifest, fn: FunctionManifest): number | undefined {
  const count = options.instances?.[functionId(agent, fn)] ?? options.instances?.[agent.name];
  if (count === undefined) return undefined;
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    throw new HarnessUsageError(`Instances of ${functionId(agent, fn)} must be a whole number from 1 to 64, got ${count}`);
  }
  return count;
}

/**
 * Runs agents' handlers against the real Kafka, as Lambda would: one consumer group per Kafka
 * trigger, schedules on their rate/cron, HTTP routes as API Gateway, plus /metrics and /health.
 *
 * @example
 * const harness = await startHarness({ config: getConfig(), agents });
 * process.on('SIGTERM', () => harness.stop());
 */
export async function startHarness(options: HarnessOptions): Promise<RunningHarness> {
  const { config } = options;
  const log = options.log ?? consoleLog;
  const agents = selectAgents(options.agents, options.only);
  const servesHttp = options.ports?.http !== false && agents.some((a) => a.functions.some((fn) => fn.triggers.some((t) => t.type === 'http')));
  if (servesHttp && !isLoopbackHost(config.harnessHost) && config.apiToken === undefined) throw new HarnessApiExposedError(config.harnessHost);
  // Before Kafka: a bundle that does not build fails the start at once, naming its function.
  const bundled = options.bundles ? await bundleFunctions(agents, options.bundles, log) : undefined;
  const envelope = harnessEnvelopeKeys(options.envelopeMasterKey ?? (await loadMasterKey()));
  const kafka = options.kafka ?? createKafka(config);
  // Before anything starts: a missing topic or an absent broker then fails with a message, not mid-poll.
  await ensureTriggerTopics({ kafka, config, topics: triggerTopicsOf(agents), log });
  // A registry per harness, so two harnesses in one process (tests) count apart.
  const metrics = createPlatformMetrics(new Registry());
  const producer = createProducer(kafka);
  const running: Stoppable[] = [];
  const statuses: (() => TriggerStatus | TriggerStatus[])[] = [];
  const routes: HttpRoute[] = [];
  const lagTargets: { groupId: string; topic: string }[] = [];
  const plan: string[] = [];
  const pools: EnvironmentPool[] = [];
  const ports: { http?: number; metrics?: number; health?: number } = {};

  async function stopAll() {
    // Newest first: servers and schedules stop before the pollers they might feed.
    for (const item of running.reverse()) await item.stop().catch((error: unknown) => log.error(`stop: ${(error as Error).message}`));
    running.length = 0;
    // After the pollers: an in-flight invocation finishes in its environment before that goes.
    await Promise.all(pools.splice(0).map((pool) => pool.close()));
    await producer.disconnect();
  }

  try {
    for (const agent of agents) {
      for (const fn of agent.functions) {
        const id = functionId(agent, fn);
        const invoke: Invoke = await invokerFor({ agent: agent.name, functionId: id, fn: bundled?.(agent, fn) ?? fn, isolation: options.isolation ?? true, envelope, log, pools });
        for (const trigger of fn.triggers) {
          if (trigger.type === 'kafka') {
            const filter = compileFilters(trigger.filters);
            const groupId = consumerGroupOf(agent, fn, trigger);
            const count = instancesOf(options, agent, fn);
            const pollers = await startPollers({
              kafka, agent: agent.name, functionId: id, trigger, groupId, invoke, filter, producer, metrics, log,
              ...(options.retry ? { retry: options.retry } : {}),
              eventSource: localEventSource(options.eventSource ?? 'msk', options.config.kafka.brokers),
              ...(count === undefined ? {} : { instances: count }),
              ...(options.pollerScaleIntervalMs ? { scaleIntervalMs: options.pollerScaleIntervalMs } : {}),
            });
            running.push(pollers);
            statuses.push(pollers.statuses);
            lagTargets.push({ groupId, topic: trigger.topic });
            plan.push(kafkaPlanLine(id, trigger, groupId, pollers.bounds));
          } else if (trigger.type === 'schedule') {
            const status = newTriggerStatus(id, 1, `schedule:${trigger.expression}`);
            status.state = 'running';
            const labels = { agent: agent.name, function: id, trigger: 'schedule' };
            const schedule = startSchedule({
              ruleName: id,
              expression: trigger.expression,
              fireImmediately: options.fireSchedulesOnStart ?? false,
              invoke: async (event) => {
                metrics.invocations.inc(labels);
                status.invocations += 1;
                status.lastInvocationAt = new Date().toISOString();
                try {
                  await invoke(event);
                  status.consecutiveFailures = 0;
                } catch (error) {
                  metrics.errors.inc(labels);
                  status.failures += 1;
                  status.consecutiveFailures += 1;
                  status.lastError = (error as Error).message;
                  throw error;
                }
              },
              ...(options.scheduleRetryDelaysMs ? { retryDelaysMs: options.scheduleRetryDelaysMs } : {}),
              onRetry: (r) => log.warn(`${id}: scheduled invocation for ${r.event.time} failed (attempt ${r.attempt} of ${r.retryAttempts + 1}), retrying in ${r.delayMs / 1000} s: ${(r.error as Error).message}`),
              onError: (error, f) => log.error(`${id}: scheduled invocation for ${f.event.time} failed after ${f.attempts} attempt(s), event dropped${f.reason === 'stopped' ? ' (harness stopping)' : ''}: ${(error as Error).message}`),
            });
            running.push(schedule);
            statuses.push(() => ({ ...status }));
            plan.push(`${id}  schedule ${trigger.expression} (async: runs may overlap, ${SCHEDULE_DELIVERY.retryAttempts} retries of a failure)`);
          } else {
            const labels = { agent: agent.name, function: id, trigger: 'http' };
            routes.push({
              method: trigger.method,
              path: trigger.path,
              functionId: id,
              invoke: async (event) => {
                metrics.invocations.inc(labels);
                try {
                  return (await invoke(event)).result;
                } catch (error) {
                  metrics.errors.inc(labels);
                  log.warn(`${id}: ${trigger.method} ${event.rawPath} failed: ${(error as Error).message}`);
                  throw error;
                }
              },
            });
            plan.push(`${id}  http ${trigger.method} ${trigger.path}`);
          }
        }
      }
    }

    const httpPort = options.ports?.http ?? config.httpPort;
    if (routes.length > 0 && httpPort !== false) {
      const server = await startHttpServer({
        port: httpPort,
        host: config.harnessHost,
        allowedHosts: config.harnessAllowedHosts,
        ...(config.apiToken === undefined ? {} : { apiToken: config.apiToken }),
        routes,
        log: (line) => log.info(line),
        ...options.httpLimits,
        ...(options.console === false ? {} : { console: { assets: await consoleAssets(), triggers: () => statuses.flatMap((s) => s()) } }),
      });
      ports.http = server.port;
      running.push({ stop: () => server.close() });
    }
    const metricsPort = options.ports?.metrics ?? config.metricsPort;
    const healthPort = options.ports?.health ?? config.healthPort;
    const status = () => statuses.flatMap((s) => s());
    // The platform's metrics from this harness, and what the handlers record in this process.
    const served = async () => aggregateMetrics([metrics.registry, metricsRegistry], (await Promise.all(pools.map((pool) => pool.metrics()))).flat());
    const host = config.metricsHost;
    if (metricsPort !== false && metricsPort === healthPort) {
      const ops = await startOpsServer({ port: metricsPort, host, registry: served, health: status });
      ports.metrics = ports.health = ops.port;
      running.push({ stop: () => ops.close() });
    } else {
      if (metricsPort !== false) {
        const ops = await startOpsServer({ port: metricsPort, host, registry: served });
        ports.metrics = ops.port;
        running.push({ stop: () => ops.close() });
      }
      if (healthPort !== false) {
        const ops = await startOpsServer({ port: healthPort, host, health: status });
        ports.health = ops.port;
        running.push({ stop: () => ops.close() });
      }
    }
    if (lagTargets.length > 0) running.push(startLagMonitor(kafka, lagTargets, metrics, options.lagIntervalMs ?? 10_000, log));

    return {
      plan,
      ports,
      metrics,
      envelope,
      status,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function startLagMonitor(kafka: Kafka, targets: { groupId: string; topic: string }[], metrics: PlatformMetrics, intervalMs: number, log: HarnessLog): Stoppable {
  const admin = kafka.admin();
  let connected: Promise<void> | undefined;
  let warned = false;
  const measure = async () => {
    try {
      connected ??= admin.connect();
      await connected;
      for (const { groupId, topic } of targets) {
        metrics.consumerLag.set({ group: groupId, topic }, await consumerLag(admin, groupId, topic));
      }
      warned = false;
    } catch (error) {
      if (!warned) log.warn(`consumer lag: cannot measure: ${(error as Error).message}`);
      warned = true;
      // A connect that failed (broker down at start) is tried again next time, not kept.
      connected = undefined;
    }
  };
  let running = measure();
  const timer = setInterval(() => {
    running = running.then(measure);
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      if (connected) await admin.disconnect();
    },
  };
}
