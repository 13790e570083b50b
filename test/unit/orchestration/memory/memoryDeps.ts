import { loadConfig, type SyntorConfig } from '../../../../lib/config/index.js';
import { pino } from 'pino';
import type { MaybeSweepDeps, SweepWhileBusyDeps } from '../../../../lib/orchestration/index.js';
import { createMemoryAgentRegistry, type AgentSpec } from './agentRegistry.js';
import { createMemoryCapacity } from './capacity.js';
import { createMemoryDeadLetterArchive } from './deadLetterArchive.js';
import { createMemoryEventBus } from './eventBus.js';
import { createMemoryLiveness } from './liveness.js';
import { createMemoryLocks } from './locks.js';
import { createMemoryOutbox } from './outbox.js';
import { createMemoryRoutingTurns } from './routingTurns.js';
import { createMemoryTaskRepository } from './taskRepository.js';
import { createMemoryWorkflowRepository } from './workflowRepository.js';

const defaults = loadConfig({ SYNTOR_LOG_LEVEL: 'error' });

/**
 * The coordination core's ports wired to the in-memory implementations, as `createDeps` wires the
 * real ones: what dispatch, the sweeper and the circuits run on in unit tests. `orchestration`
 * overrides the settings (SYNTOR_TASK_LIMITS is `taskLimits`).
 *
 * @example
 * const deps = createMemoryDeps({ circuitThreshold: 2 });
 * await addAgent(deps, { name: 'worker', capabilities: ['compute'], concurrency: 2 });
 * const id = deps.tasks.add({ type: 'compute' });
 * await dispatchPending(deps);
 * deps.tasks.get(id).assignedAgent; // 'worker'
 */
export function createMemoryDeps(orchestration: Partial<SyntorConfig['orchestration']> = {}) {
  const config: SyntorConfig = { ...defaults, orchestration: { ...defaults.orchestration, ...orchestration } };
  const agents = createMemoryAgentRegistry();
  const outbox = createMemoryOutbox();
  const deadLetters = createMemoryDeadLetterArchive();
  const liveness = createMemoryLiveness();
  const deps = {
    config,
    log: pino({ enabled: false }),
    agents,
    tasks: createMemoryTaskRepository({ agents, outbox, deadLetters }),
    workflows: createMemoryWorkflowRepository(),
    inFlight: createMemoryCapacity(),
    liveness,
    outbox,
    producer: createMemoryEventBus(),
    deadLetters,
    locks: createMemoryLocks(),
    turns: createMemoryRoutingTurns(),
  };
  // What every function under test asks for (dispatch, circuits, the sweeper's), checked here once.
  return deps satisfies MaybeSweepDeps & SweepWhileBusyDeps;
}

export type MemoryDeps = ReturnType<typeof createMemoryDeps>;

/** Registers an agent with one instance, alive (heartbeating) from now. */
export async function addAgent(deps: MemoryDeps, spec: AgentSpec): Promise<void> {
  deps.agents.add(spec);
  await deps.liveness.beat(spec.name, `${spec.name}-1`, deps.config.orchestration.agentTtlMs);
}
