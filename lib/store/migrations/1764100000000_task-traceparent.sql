-- Up Migration

-- The W3C trace context of the request that submitted the task: every attempt's assignment continues
-- it, so one task is one trace from POST /tasks to its completion, across dispatches and retries.
ALTER TABLE tasks ADD COLUMN traceparent text;

-- Down Migration

ALTER TABLE tasks DROP COLUMN traceparent;
