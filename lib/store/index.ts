export * from './errors.js';
export { createAgentStore, type AgentStore, type CircuitState, type StoredAgent } from './postgres/agentStore.js';
export { createDeadLetterStore, type DeadLetterStore, type StoredDeadLetter } from './postgres/deadLetterStore.js';
export { createDocumentStore, type DocumentStore, type GeneratedDocument, type SearchHit } from './postgres/documentStore.js';
export { createOutboxStore, enqueueOutbox, type ClaimedOutboxRecord, type OutboxRecord, type OutboxStore } from './postgres/outbox.js';
export type { DispatchReader } from './postgres/dispatchReader.js';
export type { ExpiredTask } from './postgres/expireLeases.js';
export type { Settle, SettlePlan, Settlement } from './postgres/settlement.js';
export { storableJson, storableText } from './postgres/storable.js';
export { migrate, MIGRATIONS_DIR, MIGRATIONS_TABLE, type MigrateOptions } from './postgres/migrate.js';
export { createPool, inTransaction, isPostgresAuthFailure, pgClientConfig, type PasswordSource, type PgConnection, type PoolOptions } from './postgres/pool.js';
export type { StoredTask } from './postgres/taskRows.js';
export { createTaskRepository, type PostgresTaskRepository } from './postgres/taskRepository.js';
export type { Completion } from './postgres/completeAttempts.js';
export type { TracedSubmission } from './postgres/createTasks.js';
export type { DispatchDecision, DispatchOutcome } from './postgres/dispatchTasks.js';
export type { RedriveOutcome } from './postgres/redriveTask.js';
export type { TaskEvent } from './postgres/taskQueries.js';
export type { StatusUpdate } from './postgres/touchTasks.js';
export type { TransitionChanges, TransitionOutcome, TransitionRequest } from './postgres/transitionTask.js';
export { CANCELLABLE, CLAIMABLE, ENDED, IN_FLIGHT, REDRIVABLE, STARTABLE, TASK_GUARDS, UNFINISHED, UNSETTLED } from './postgres/taskGuards.js';
export type { NewTask } from './postgres/insertTasks.js';
export type { LimitedTypeUsage, LimitUsage } from './postgres/limitUsage.js';
export {
  createWorkflowStore,
  type AnnounceWorkflows,
  type CancelOutcome,
  type WorkflowAdvance,
  type WorkflowEvent,
  type WorkflowStore,
} from './postgres/workflows/workflowStore.js';
export type { WorkflowRow } from './postgres/workflows/workflowRows.js';
export { createRedis } from './redis/client.js';
export { createLocks, createRoutingTurns, type Locks, type RoutingTurns } from './redis/coordination.js';
export { createIdempotencyGuard, type IdempotencyGuard } from './redis/idempotency.js';
export { createInFlight, type InFlight } from './redis/inFlight.js';
export { createLiveness, type Liveness } from './redis/liveness.js';
