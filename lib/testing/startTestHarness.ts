import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { getConfig, type SyntorConfig } from '../config/index.js';
import { TERMINAL_STATUSES, type AgentManifest, type TaskStatus, type TaskSubmission } from '../contracts/index.js';
import { createKafka, ensureTopics } from '../kafka/index.js';
import { migrate } from '../store/index.js';
import { startHarness, type HarnessOptions, type RunningHarness } from '../../local/harness/harness.js';
import { silentLog } from '../../local/harness/log.js';

export interface TestHarnessOptions extends Partial<Omit<HarnessOptions, 'agents' | 'config'>> {
  /** The agents to run; include `coordination` (functions/coordination/agent.ts) for tasks to flow. */
  agents: readonly AgentManifest[];
  config?: SyntorConfig;
  /**
   * Resolve once every agent that heartbeats (the worker runtime's, git and docs among them) has
   * registered, so the first submission finds it.
   * @default true
   */
  waitForAgents?: boolean;
}

export interface SeenRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** The value parsed as JSON, or its text when it is not JSON. */
  value: unknown;
  headers: Record<string, string>;
}

export interface TestHarness {
  harness: RunningHarness;
  /** The HTTP API's address (a free port on 127.0.0.1). */
  baseUrl: string;
  /** POST /tasks; throws with the API's answer when it refuses. */
  submit(submission: TaskSubmission): Promise<{ id: string; status: string; created: boolean }>;
  /** GET /tasks/{id}. */
  task(id: string): Promise<Record<string, unknown> & { id: string; status: TaskStatus }>;
  /** Until the task is in `status` (default completed); a task that ends otherwise fails fast, with its error. */
  waitForTask(id: string, status?: TaskStatus, options?: { timeoutMs?: number }): Promise<Record<string, unknown> & { id: string; status: TaskStatus }>;
  /** The first record on `topic` (from its beginning) that `predicate` accepts. */
  waitForRecord(topic: string, predicate: (record: SeenRecord) => boolean, options?: { timeoutMs?: number }): Promise<SeenRecord>;
  stop(): Promise<void>;
}

/**
 * Runs the given agents under the harness against the real Kafka, PostgreSQL and Redis of the
 * configuration (migrated first), with the HTTP API on a free port and nothing else listening: what
 * an integration test of an agent needs, with helpers to submit and wait and a clean `stop()`.
 *
 * @example
 * const h = await startTestHarness({ agents: [coordination, myAgent] });
 * const { id } = await h.submit({ type: 'orders.price', payload: { id: 1 } });
 * expect((await h.waitForTask(id)).result).toEqual({ price: 42 });
 * await h.stop();
 */
async function agentsRegistered(names: readonly string[], list: () => Promise<{ agents: { name: string }[] }>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const registered = new Set((await list()).agents.map((a) => a.name));
    const missing = names.filter((n) => !registered.has(n));
    if (missing.length === 0) return;
    if (Date.now() > until) throw new Error(`agents ${missing.join(', ')} did not register within ${timeoutMs} ms (their heartbeat schedule registers them)`);
    await sleep(100);
  }
}

export async function startTestHarness(options: TestHarnessOptions): Promise<TestHarness> {
  const { agents, config = getConfig(), waitForAgents = true, ...rest } = options;
  await migrate(config.postgres);
  const kafka = createKafka(config);
  await ensureTopics(kafka.admin(), { partitions: config.kafka.topicPartitions, replicationFactor: config.kafka.replicationFactor });
  const harness = await startHarness({ config, agents, log: silentLog, fireSchedulesOnStart: true, ...rest, ports: { http: 0, metrics: false, health: false, ...rest.ports } });
  const baseUrl = `http://127.0.0.1:${harness.ports.http}`;

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const answer = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  }
  const task = (id: string) => call<Record<string, unknown> & { id: string; status: TaskStatus }>('GET', `/tasks/${id}`);
  if (waitForAgents) {
    await agentsRegistered(agents.filter((a) => a.functions.some((f) => f.name === 'heartbeat')).map((a) => a.name), () => call<{ agents: { name: string }[] }>('GET', '/agents')).catch(async (error: unknown) => {
      await harness.stop();
      throw error;
    });
  }

  return {
    harness,
    baseUrl,
    submit: (submission) => call('POST', '/tasks', submission),
    task,
    async waitForTask(id, status = 'completed', { timeoutMs = 30_000 } = {}) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const current = await task(id);
        if (current.status === status) return current;
        if ((TERMINAL_STATUSES as readonly string[]).includes(current.status)) {
          throw new Error(`task ${id} ended ${current.status}, not ${status}: ${JSON.stringify(current.error ?? current.statusReason ?? null)}`);
        }
        if (Date.now() > until) throw new Error(`task ${id} is still ${current.status} after ${timeoutMs} ms${current.statusReason ? ` (${String(current.statusReason)})` : ''}`);
        await sleep(100);
      }
    },
    async waitForRecord(topic, predicate, { timeoutMs = 30_000 } = {}) {
      const consumer = kafka.consumer({ groupId: `syntor-test-${randomUUID()}`, maxWaitTimeInMs: 100 });
      await consumer.connect();
      try {
        await consumer.subscribe({ topic, fromBeginning: true });
        return await new Promise<SeenRecord>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no record on ${topic} matched within ${timeoutMs} ms`)), timeoutMs);
          void consumer.run({
            eachMessage: async ({ topic: t, partition, message }) => {
              const text = message.value?.toString('utf8');
              let value: unknown = text ?? null;
              try {
                value = text === undefined ? null : JSON.parse(text);
              } catch {
                // Not JSON: the test sees the text.
              }
              const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
              const seen = { topic: t, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, value, headers };
              if (predicate(seen)) {
                clearTimeout(timer);
                resolve(seen);
              }
            },
          });
        });
      } finally {
        await consumer.disconnect();
      }
    },
    stop: () => harness.stop(),
  };
}
