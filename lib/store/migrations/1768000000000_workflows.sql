-- Up Migration

-- A task graph. Its state only moves inside the transactions that end its steps' tasks, so no
-- process waits on it and a duplicate or late completion changes nothing here either.
CREATE TABLE workflows (
  id               uuid PRIMARY KEY,
  name             text,
  status           text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
  on_failure       text NOT NULL CHECK (on_failure IN ('fail-fast', 'continue')),
  -- Why it failed (the steps that did not complete); shown to users.
  error            jsonb,
  idempotency_key  text UNIQUE,
  traceparent      text,
  submitted_by     text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz
);
CREATE INDEX workflows_status_idx ON workflows (status, created_at DESC);
CREATE INDEX workflows_submitter_idx ON workflows (submitted_by, created_at DESC);

CREATE TABLE workflow_steps (
  workflow_id  uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
  name         text NOT NULL,
  -- Insertion order: the submission's, then each dynamic step's children after it.
  position     integer NOT NULL,
  status       text NOT NULL DEFAULT 'waiting'
               CHECK (status IN ('waiting', 'started', 'completed', 'failed', 'skipped', 'cancelled')),
  -- The task submission, its payload's {"$from": …} references unresolved until the step starts.
  spec         jsonb NOT NULL,
  depends_on   text[] NOT NULL DEFAULT '{}',
  dynamic      boolean NOT NULL DEFAULT false,
  -- A dynamic step's children were created (its result listed them).
  expanded     boolean NOT NULL DEFAULT false,
  parent       text,
  task_id      uuid UNIQUE REFERENCES tasks (id),
  error        jsonb,
  started_at   timestamptz,
  finished_at  timestamptz,
  PRIMARY KEY (workflow_id, name)
);
-- Finding the steps a batch of ended tasks belongs to.
CREATE INDEX workflow_steps_started_idx ON workflow_steps (task_id) WHERE status = 'started';

-- Down Migration

DROP TABLE workflow_steps;
DROP TABLE workflows;
