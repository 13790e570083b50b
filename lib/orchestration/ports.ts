import type { SyntorConfig } from '../config/index.js';
import type { SyntorProducer } from '../kafka/index.js';
import type { Logger } from '../observability/index.js';
import type {
  AgentStore,
  DeadLetterStore,
  InFlight,
  Liveness as LivenessStore,
  Locks as LockStore,
  OutboxStore,
  RoutingTurns as RoutingTurnStore,
  PostgresTaskRepository,
  StoredAgent,
  WorkflowStore,
} from '../store/index.js';

/**
 * The ports of the coordination core: each names only what orchestration calls, so the logic can
 * run on the PostgreSQL, Redis and Kafka implementations `createDeps` wires, or on the in-memory ones
 * the unit tests use (test/unit/orchestration/memory). No port hands out a pool or a Redis client.
 * Each function asks for the methods it calls (`Pick<TaskRepository, 'dispatch'>`), so a test
 * supplies no more than that.
 */

/** The tasks as coordination moves them: set-based, each move conditional on the state it expects. */
export type TaskRepository = Pick<
  PostgresTaskRepository,
  'createMany' | 'dispatch' | 'complete' | 'touch' | 'expire' | 'redrive' | 'countByStatus' | 'workLeft' | 'inFlightByAgent'
>;

/** The workflows: created, cancelled, and repaired by the sweeper. */
export type WorkflowRepository = Pick<WorkflowStore, 'createMany' | 'cancel' | 'repair'>;

/** The agent registry: registrations, instances' heartbeats and each agent's circuit. */
export type AgentRegistry = Pick<AgentStore, 'register' | 'deregister' | 'touchInstances' | 'setCircuit' | 'recordOutcomes' | 'halfOpenCooled'> & {
  /** Every agent, by name. */
  list(): Promise<StoredAgent[]>;
};

/** The in-flight slots of each agent, bounded by its concurrency; lost slots are rebuilt from the task repository. */
export type Capacity = Pick<InFlight, 'acquire' | 'release' | 'count' | 'rebuild'>;

/** Which agent instances are alive (heartbeating); rebuilt from the registry after a loss. */
export type Liveness = Pick<LivenessStore, 'isRebuilt' | 'rebuild' | 'beat' | 'remove' | 'aliveInstances'>;

/** Messages waiting to be published: written with the change they announce, relayed after. */
export type Outbox = Pick<OutboxStore, 'enqueue' | 'claim' | 'remove' | 'release' | 'backlog'>;

/** The broker, as the relay and the service responses publish to it. */
export type EventBus = Pick<SyntorProducer, 'sendRaw' | 'publishAll'>;

/** The stored dead letters. */
export type DeadLetterArchive = Pick<DeadLetterStore, 'get' | 'add' | 'markRedriven'>;

/** Locks shared by every coordinator (the sweep's). */
export type Locks = Pick<LockStore, 'claimSweep'>;

/** The round-robin turn shared by every coordinator. */
export type RoutingTurns = Pick<RoutingTurnStore, 'advance'>;

/** Every port, under the name `createDeps` gives it. */
export interface Ports {
  config: SyntorConfig;
  log: Logger;
  tasks: TaskRepository;
  workflows: WorkflowRepository;
  agents: AgentRegistry;
  inFlight: Capacity;
  liveness: Liveness;
  outbox: Outbox;
  producer: EventBus;
  deadLetters: DeadLetterArchive;
  locks: Locks;
  turns: RoutingTurns;
}
