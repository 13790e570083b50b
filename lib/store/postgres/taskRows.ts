import type { ErrorInfo, Task, TaskPriority, TaskStatus } from '../../contracts/index.js';

/** A `tasks` row as pg returns it. */
export interface TaskRow {
  id: string;
  type: string;
  priority: number;
  required_capabilities: string[];
  payload: Record<string, unknown>;
  status: TaskStatus;
  status_reason: string | null;
  assigned_agent: string | null;
  attempt: number;
  retry_count: number;
  max_retries: number;
  timeout_ms: number;
  available_at: Date;
  lease_expires_at: Date | null;
  result: unknown;
  error: ErrorInfo | null;
  idempotency_key: string | null;
  traceparent: string | null;
  submitted_by: string | null;
  created_at: Date;
  updated_at: Date;
  assigned_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
}

/** A task as the store returns it: the contract's task plus what only the store tracks. */
export type StoredTask = Task & {
  attempt: number;
  availableAt: string;
  statusReason?: string;
  /** The trace context of the submission, continued by every attempt's assignment. */
  traceparent?: string;
  /** Who submitted it through the HTTP API (see `callerOf`); absent for Kafka submissions. */
  submittedBy?: string;
};

const iso = (d: Date | null) => (d === null ? undefined : d.toISOString());

function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== null)) as T;
}

export function taskFromRow(row: TaskRow): StoredTask {
  return defined({
    id: row.id,
    type: row.type,
    priority: row.priority as TaskPriority,
    requiredCapabilities: row.required_capabilities,
    payload: row.payload,
    status: row.status,
    statusReason: row.status_reason ?? undefined,
    assignedAgent: row.assigned_agent ?? undefined,
    attempt: row.attempt,
    retryCount: row.retry_count,
    maxRetries: row.max_retries,
    timeoutMs: row.timeout_ms,
    availableAt: row.available_at.toISOString(),
    leaseExpiresAt: iso(row.lease_expires_at),
    result: row.result ?? undefined,
    error: row.error ?? undefined,
    idempotencyKey: row.idempotency_key ?? undefined,
    traceparent: row.traceparent ?? undefined,
    submittedBy: row.submitted_by ?? undefined,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    assignedAt: iso(row.assigned_at),
    startedAt: iso(row.started_at),
    completedAt: iso(row.completed_at),
  }) as StoredTask;
}
