-- Up Migration

-- The transactional outbox: a message that announces a state change is written in the same
-- transaction as the change, then relayed to Kafka and deleted. A crash between the commit and the
-- publish therefore strands nothing: the row is still here for the next relay.
CREATE TABLE outbox (
  id             bigserial PRIMARY KEY,
  topic          text NOT NULL,
  key            text,
  -- The JSON envelope as it goes on the wire (JSON text escapes NUL and lone surrogates, so text holds it).
  value          text NOT NULL,
  headers        jsonb NOT NULL DEFAULT '{}',
  -- Set for task.assign: the sweeper tells an assignment never delivered from an agent that went silent.
  task_id        uuid,
  attempt        integer,
  created_at     timestamptz NOT NULL DEFAULT now(),
  -- A relay holds rows it is sending until then; a relay that died mid-send lets them go by itself.
  claimed_until  timestamptz,
  attempts       integer NOT NULL DEFAULT 0
);
CREATE INDEX outbox_task_idx ON outbox (task_id, attempt) WHERE task_id IS NOT NULL;

-- Down Migration

DROP TABLE outbox;
