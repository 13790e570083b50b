-- Up Migration

-- Who submitted the task through the HTTP API (the JWT subject or IAM principal; `local` under the
-- harness): a caller without the admin scope sees only its own tasks (issue 13). NULL for tasks from
-- Kafka's task.submit and those stored before this column, which only admins see.
ALTER TABLE tasks ADD COLUMN submitted_by text;

-- GET /tasks for one submitter, newest first.
CREATE INDEX tasks_submitter_idx ON tasks (submitted_by, created_at DESC) WHERE submitted_by IS NOT NULL;

-- Down Migration

DROP INDEX tasks_submitter_idx;
ALTER TABLE tasks DROP COLUMN submitted_by;
