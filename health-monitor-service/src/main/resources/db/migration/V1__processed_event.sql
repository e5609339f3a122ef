-- health-monitor's own schema. The processed-event log every idempotent consumer of this service writes
-- in the same transaction as its effect, so a redelivered event has no second effect.
CREATE TABLE processed_event (
    event_id      VARCHAR(64)  PRIMARY KEY,
    topic         VARCHAR(128) NOT NULL,
    processed_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
