-- Up Migration

CREATE TABLE tasks (
  id                     uuid PRIMARY KEY,
  type                   text NOT NULL,
  priority               smallint NOT NULL CHECK (priority IN (1, 5, 10, 15)),
  required_capabilities  text[] NOT NULL DEFAULT '{}',
  payload                jsonb NOT NULL DEFAULT '{}',
  status                 text NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'assigned', 'running', 'completed', 'failed', 'dead', 'cancelled')),
  -- Why a task sits where it is (e.g. no capable agent): shown to users, never parsed.
  status_reason          text,
  assigned_agent         text,
  -- 0 before the first dispatch; each dispatch starts attempt + 1, so a late message of an older attempt is recognisable.
  attempt                integer NOT NULL DEFAULT 0,
  retry_count            integer NOT NULL DEFAULT 0,
  max_retries            integer NOT NULL CHECK (max_retries >= 0),
  timeout_ms             integer NOT NULL CHECK (timeout_ms > 0),
  -- Retry backoff: a pending task is not dispatched before this.
  available_at           timestamptz NOT NULL DEFAULT now(),
  lease_expires_at       timestamptz,
  result                 jsonb,
  error                  jsonb,
  idempotency_key        text UNIQUE,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  assigned_at            timestamptz,
  started_at             timestamptz,
  completed_at           timestamptz
);

-- Dispatch order: priority, then age, among pending tasks whose backoff has passed.
CREATE INDEX tasks_dispatch_idx ON tasks (priority DESC, created_at) WHERE status = 'pending';
CREATE INDEX tasks_lease_idx ON tasks (lease_expires_at) WHERE status IN ('assigned', 'running');
CREATE INDEX tasks_status_idx ON tasks (status, updated_at DESC);

CREATE TABLE task_events (
  id           bigserial PRIMARY KEY,
  task_id      uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  at           timestamptz NOT NULL DEFAULT now(),
  from_status  text,
  to_status    text NOT NULL,
  attempt      integer NOT NULL,
  actor        text NOT NULL,
  detail       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX task_events_task_idx ON task_events (task_id, id);

-- The history is append-only: an update is a bug, refuse it loudly.
CREATE FUNCTION task_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'task_events is append-only';
END;
$$;
CREATE TRIGGER task_events_no_update BEFORE UPDATE ON task_events
  FOR EACH ROW EXECUTE FUNCTION task_events_append_only();

CREATE TABLE agents (
  name                  text PRIMARY KEY,
  kind                  text NOT NULL CHECK (kind IN ('service', 'worker')),
  capabilities          text[] NOT NULL DEFAULT '{}',
  concurrency           integer NOT NULL CHECK (concurrency >= 1),
  version               text,
  circuit_state         text NOT NULL DEFAULT 'closed' CHECK (circuit_state IN ('closed', 'open', 'half_open')),
  circuit_changed_at    timestamptz,
  consecutive_failures  integer NOT NULL DEFAULT 0,
  registered_at         timestamptz NOT NULL DEFAULT now(),
  last_seen_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agent_instances (
  agent              text NOT NULL REFERENCES agents (name) ON DELETE CASCADE,
  instance_id        text NOT NULL,
  started_at         timestamptz NOT NULL DEFAULT now(),
  last_heartbeat_at  timestamptz NOT NULL DEFAULT now(),
  stopped_at         timestamptz,
  PRIMARY KEY (agent, instance_id)
);

CREATE TABLE dead_letters (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id           uuid REFERENCES tasks (id) ON DELETE SET NULL,
  reason            text NOT NULL,
  reason_code       text NOT NULL,
  origin_topic      text,
  origin_partition  integer,
  origin_offset     bigint,
  origin_key        text,
  -- The original record value, base64, as received (may be neither UTF-8 nor JSON).
  value             text,
  failed_by         text NOT NULL,
  failed_at         timestamptz NOT NULL DEFAULT now(),
  details           jsonb,
  redrive_count     integer NOT NULL DEFAULT 0,
  redriven_at       timestamptz
);
CREATE INDEX dead_letters_failed_at_idx ON dead_letters (failed_at DESC);

CREATE TABLE documents (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  repository  text NOT NULL,
  commit      text NOT NULL,
  path        text NOT NULL,
  language    text,
  title       text NOT NULL,
  content     text NOT NULL,
  summary     text,
  search      tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
                setweight(to_tsvector('english', coalesce(summary, '')), 'B') ||
                setweight(to_tsvector('english', content), 'C')
              ) STORED,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (repository, commit, path)
);
CREATE INDEX documents_search_idx ON documents USING gin (search);

-- Down Migration

DROP TABLE documents;
DROP TABLE dead_letters;
DROP TABLE agent_instances;
DROP TABLE agents;
DROP TABLE task_events;
DROP FUNCTION task_events_append_only CASCADE;
DROP TABLE tasks;
