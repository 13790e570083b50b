import { randomUUID } from 'node:crypto';
import type { AgentManifest } from '../../lib/contracts/index.js';
import { functionId, handlerPath } from '../../lib/manifest/index.js';
import { createEnvironmentPool, type EnvironmentPool } from '../harness/environment/index.js';
import { createInvoker, type Invoke } from '../harness/invoker.js';
import { loadHandler } from '../harness/loadHandler.js';
import { silentLog } from '../harness/log.js';

export interface InvocationCost {
  label: string;
  invocations: number;
  /** Mean wall time of one warm invocation, harness side (event out, result back). */
  microsPerInvocation: number;
}

export interface ColdStart {
  functionId: string;
  /** Lambda's `Init Duration`: the environment started and the handler's module imported. */
  initMs: number;
  /** The first invocation, from asking to the result: what the first record of a batch waits. */
  firstInvocationMs: number;
}

const NOOP_ENTRY = handlerPath(import.meta.url, './countingHandler.ts');

/** An MSK event of `records` records of one partition, the shape and size the harness sends. */
function mskEvent(records: number): unknown {
  const value = Buffer.from(JSON.stringify({ id: randomUUID(), type: 'task.status', source: 'bench', timestamp: new Date().toISOString(), payload: { progress: 42 } })).toString('base64');
  return {
    eventSource: 'aws:kafka',
    eventSourceArn: 'arn:aws:kafka:local:000000000000:cluster/syntor-local/bench',
    bootstrapServers: '127.0.0.1:9092',
    records: {
      'bench-0': Array.from({ length: records }, (_, offset) => ({ topic: 'bench', partition: 0, offset, timestamp: Date.now(), timestampType: 'CREATE_TIME', key: null, value, headers: [] })),
    },
  };
}

async function timeInvocations(label: string, invoke: Invoke, event: unknown, invocations: number): Promise<InvocationCost> {
  for (let i = 0; i < Math.min(200, invocations); i += 1) await invoke(event);
  const started = performance.now();
  for (let i = 0; i < invocations; i += 1) await invoke(event);
  return { label, invocations, microsPerInvocation: ((performance.now() - started) * 1000) / invocations };
}

function noopPool(memoryMb = 1024): EnvironmentPool {
  return createEnvironmentPool({ functionId: 'bench-noop', agent: 'bench', entry: NOOP_ENTRY, handler: 'handler', memoryMb, timeoutSeconds: 60, environment: {}, produces: [], log: silentLog });
}

/**
 * What isolation costs a warm invocation: the same no-op handler called in the harness's process and
 * through an execution environment (a worker thread: the event serialised out, the result back).
 */
export async function invocationCosts(options: { invocations: number; batch: number }): Promise<InvocationCost[]> {
  const event = mskEvent(options.batch);
  const inProcess = createInvoker({ functionId: 'bench-noop', handler: await loadHandler('bench-noop', { entry: NOOP_ENTRY, handler: 'handler' }), memoryMb: 1024, timeoutSeconds: 60, produces: [] });
  const pool = noopPool();
  try {
    return [
      await timeInvocations(`in-process, batch ${options.batch}`, inProcess, event, options.invocations),
      await timeInvocations(`isolated, batch ${options.batch}`, pool.invoke, event, options.invocations),
    ];
  } finally {
    await pool.close();
  }
}

/**
 * Cold starts of fresh execution environments: the no-op handler, then each given function of the real
 * agents (their modules import pg, kafkajs, ioredis… as on Lambda). Each in a pool of its own, closed after.
 */
export async function coldStarts(agents: readonly AgentManifest[], repeats: number): Promise<ColdStart[]> {
  const targets = [
    { id: 'bench-noop', entry: NOOP_ENTRY, handler: 'handler', memoryMb: 1024, event: mskEvent(1) },
    ...agents.flatMap((agent) => agent.functions.filter((fn) => fn.triggers.some((t) => t.type === 'kafka')).slice(0, 1).map((fn) => ({
      id: functionId(agent, fn), entry: fn.entry, handler: fn.handler, memoryMb: fn.memoryMb,
      // An empty batch: the handler's module is what a cold start costs, not the work of a record.
      event: { eventSource: 'aws:kafka', eventSourceArn: 'arn:aws:kafka:local:000000000000:cluster/syntor-local/bench', bootstrapServers: '127.0.0.1:9092', records: {} },
    }))),
  ];
  const results: ColdStart[] = [];
  for (const target of targets) {
    for (let i = 0; i < repeats; i += 1) {
      const pool = createEnvironmentPool({ functionId: target.id, agent: 'bench', entry: target.entry, handler: target.handler, memoryMb: target.memoryMb, timeoutSeconds: 60, environment: {}, produces: [], log: silentLog });
      try {
        const started = performance.now();
        const invocation = await pool.invoke(target.event).catch((error: unknown) => ({ initDurationMs: undefined, error }));
        const firstInvocationMs = performance.now() - started;
        if ('error' in invocation) throw new Error(`cold start of ${target.id} failed: ${(invocation.error as Error).message}`, { cause: invocation.error });
        results.push({ functionId: target.id, initMs: invocation.initDurationMs ?? Number.NaN, firstInvocationMs });
      } finally {
        await pool.close();
      }
    }
  }
  return results;
}
