-- ConsentChanged gained senderId (the business number a change came through) and optedOut (the categories of the
-- record's project the change moved to OPTED_OUT; health-monitor counts opt-outs per number from them). Both are facts
-- of the change itself, known only in its transaction, so they are written into the outbox row with it: a relay that
-- publishes after a crash or a restart still has them. Rows written before this migration (or by an instance still on
-- the previous version during a rolling upgrade) carry neither and are published with senderId null and optedOut
-- empty. Adding a nullable column and one with a constant default does not rewrite the table.
ALTER TABLE outbox ADD COLUMN sender_id VARCHAR(64);
ALTER TABLE outbox ADD COLUMN opted_out TEXT[] NOT NULL DEFAULT '{}';
