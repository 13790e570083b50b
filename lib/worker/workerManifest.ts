import { KAFKA_TRIGGER_LIMITS, TOPICS, type AgentManifest, type AgentManifestInput } from '../contracts/index.js';
import { defineAgent, handlerPath, SYNTOR_KAFKA_TRIGGER_DEFAULTS } from '../manifest/index.js';
import type { WorkerDefinition } from './types.js';

export interface WorkerEntries {
  execute: { entry: string; handler?: string };
  heartbeat: { entry: string; handler?: string };
}

/** Registration and heartbeats: what a worker's presence publishes, from `execute` and `heartbeat`. */
const PRESENCE = [TOPICS.agentRegistration, TOPICS.agentHeartbeat];

/** The usual layout: `execute.ts` and `heartbeat.ts` next to the agent's manifest. */
export function workerEntries(manifestUrl: string): WorkerEntries {
  return { execute: { entry: handlerPath(manifestUrl, './execute.ts') }, heartbeat: { entry: handlerPath(manifestUrl, './heartbeat.ts') } };
}

/**
 * A service agent's `requests` function (`requests.ts` next to its manifest): the service requests
 * addressed to it on syntor.services.request, answered with its capabilities.
 */
export function requestsFunction(
  manifestUrl: string,
  agent: string,
  tuning: { memoryMb?: number; timeoutSeconds?: number; batchSize?: number } = {},
): NonNullable<AgentManifestInput['functions']>[number] {
  return {
    name: 'requests',
    entry: handlerPath(manifestUrl, './requests.ts'),
    memoryMb: tuning.memoryMb ?? 512,
    timeoutSeconds: tuning.timeoutSeconds ?? 300,
    produces: [TOPICS.serviceResponse],
    triggers: [{ ...SYNTOR_KAFKA_TRIGGER_DEFAULTS, type: 'kafka', topic: TOPICS.serviceRequest, filters: [{ value: { target: [agent] } }], batchSize: tuning.batchSize ?? 10, batchingWindowMs: 20 }],
  };
}

/**
 * The manifest every worker agent shares: `execute` on the assignments addressed to it (the filter
 * on `target`), `heartbeat` every minute. Capabilities and concurrency come from its definition.
 */
export function workerManifest(
  worker: WorkerDefinition,
  entries: WorkerEntries,
  tuning: {
    batchSize?: number;
    batchingWindowMs?: number;
    /** Memory of the `execute` function. @default 512 */
    memoryMb?: number;
    /** More functions of the agent, e.g. a service agent's `requests` on syntor.services.request. */
    functions?: AgentManifestInput['functions'];
    description?: string;
  } = {},
): AgentManifest {
  return defineAgent({
    name: worker.name,
    kind: worker.kind ?? 'worker',
    ...(tuning.description ? { description: tuning.description } : {}),
    capabilities: worker.capabilities.map((c) => c.name),
    concurrency: worker.concurrency,
    functions: [
      {
        name: 'execute',
        ...entries.execute,
        memoryMb: tuning.memoryMb ?? 512,
        // Lambda's ceiling for a Kafka-triggered function (14 minutes).
        timeoutSeconds: KAFKA_TRIGGER_LIMITS.functionTimeoutSeconds,
        produces: [TOPICS.taskStatus, TOPICS.taskComplete, ...PRESENCE],
        triggers: [
          {
            ...SYNTOR_KAFKA_TRIGGER_DEFAULTS,
            type: 'kafka',
            topic: TOPICS.taskAssignment,
            filters: [{ value: { target: [worker.name] } }],
            batchSize: tuning.batchSize ?? Math.min(10_000, worker.concurrency * 4),
            batchingWindowMs: tuning.batchingWindowMs ?? 20,
          },
        ],
      },
      { name: 'heartbeat', ...entries.heartbeat, timeoutSeconds: 10, produces: PRESENCE, triggers: [{ type: 'schedule', expression: 'rate(1 minute)' }] },
      ...(tuning.functions ?? []),
    ],
  });
}
