import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import coordination from '../../functions/coordination/agent.js';
import { getConfig } from '../../lib/config/index.js';
import { createMessage, TOPICS, type Message } from '../../lib/contracts/index.js';
import { createKafka, ensureTopics } from '../../lib/kafka/index.js';
import { runInScope } from '../../lib/manifest/index.js';
import { getDeps, type Deps } from '../../lib/orchestration/index.js';
import { migrate } from '../../lib/store/index.js';
import { startHarness } from '../harness/harness.js';
import { silentLog } from '../harness/log.js';
import { ensureDatabase } from '../services/index.js';
import { benchWorkerAgent } from './benchWorker.js';

export interface BenchHarness {
  deps: Deps;
  /** Publishes service requests signed as the agent "bench" (the coordinator hears only signed senders). */
  publish(messages: readonly Message[]): Promise<void>;
  /**
   * Runs `count` no-op tasks through every function and empties the tables again: the execution
   * environments start (cold) here, as a deployed system's would have long before, not in the timed run.
   */
  warmUp(count: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The coordination agent and the no-op bench worker under the harness, on an emptied database,
 * once the worker has registered: what the end-to-end benchmarks measure SYNTOR with.
 */
export async function startBenchHarness(log: (line: string) => void): Promise<BenchHarness> {
  const config = getConfig();
  await ensureDatabase(config, config.postgres.database);
  await migrate(config.postgres);
  await ensureTopics(createKafka(config).admin(), { partitions: config.kafka.topicPartitions, replicationFactor: config.kafka.replicationFactor });
  const deps = await getDeps();
  await deps.pool.query('TRUNCATE workflows, workflow_steps, tasks, task_events, agents, agent_instances, dead_letters CASCADE');
  const harness = await startHarness({ config, agents: [coordination, benchWorkerAgent], ports: { http: false, metrics: false, health: false }, fireSchedulesOnStart: true, log: silentLog });
  while (!(await deps.agents.list()).some((a) => a.name === 'worker-bench')) await sleep(100);
  log(`Machine: ${availableParallelism()} cores. Kafka, PostgreSQL and Redis on the same machine.`);
  const asBench = harness.envelope.authFor('bench');
  const publish = async (messages: readonly Message[]) => {
    await runInScope({ functionId: 'bench-submitter', produces: [TOPICS.serviceRequest], envelope: asBench }, () => deps.producer.publishAll(messages.map((message) => ({ message }))));
  };
  return {
    deps,
    publish,
    async warmUp(count) {
      const started = Date.now();
      await publish(
        Array.from({ length: count }, () =>
          createMessage('service.request', { operation: 'task.submit', params: { type: 'noop', maxRetries: 0, payload: { sentAt: Date.now() } } }, { source: 'bench', target: 'coordination' }),
        ),
      );
      await waitForCount(async () => Number((await deps.pool.query<{ n: string }>("SELECT count(*) AS n FROM tasks WHERE status IN ('completed', 'dead')")).rows[0]!.n), count, 'warm-up tasks finished', () => undefined);
      const { rows } = await deps.pool.query<{ n: string }>("SELECT count(*) AS n FROM tasks WHERE status = 'dead'");
      // A warm-up that dead-letters would leave dead letters in flight to rows the truncate removes.
      if (Number(rows[0]!.n) > 0) throw new Error(`warm-up: ${rows[0]!.n} of ${count} tasks ended dead; the benchmark's worker is broken`);
      await deps.pool.query('TRUNCATE workflows, workflow_steps, tasks, task_events CASCADE');
      log(`Warm-up: ${count} tasks through every function in ${((Date.now() - started) / 1000).toFixed(1)} s (the execution environments start here, not in the timed runs)`);
    },
    async stop() {
      await harness.stop();
      await deps.close();
    },
  };
}

/** Waits until `count()` reaches `total`, printing progress each time it moves. */
export async function waitForCount(count: () => Promise<number>, total: number, what: string, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  let last = -1;
  for (;;) {
    const done = await count();
    if (done >= total) return;
    if (done !== last) log(`  ${((Date.now() - started) / 1000).toFixed(1)} s: ${done}/${total} ${what}`);
    last = done;
    await sleep(500);
  }
}
