-- Up Migration

-- Dispatch counts, per type, the tasks running under a concurrency limit and those sent out in the
-- last second under a rate limit (SYNTOR_TASK_LIMITS, issue 14): both without reading every task.
CREATE INDEX tasks_active_type_idx ON tasks (type) WHERE status IN ('assigned', 'running');
CREATE INDEX tasks_type_assigned_idx ON tasks (type, assigned_at) WHERE assigned_at IS NOT NULL;

-- Down Migration

DROP INDEX tasks_type_assigned_idx;
DROP INDEX tasks_active_type_idx;
