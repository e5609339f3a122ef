-- dispatch's own schema. The send ledger: one row per message that reached the Cloud API call.
-- INFLIGHT is written before the call, SUBMITTED (with wamid) or FAILED after it.
CREATE TABLE send_ledger (
    message_id  VARCHAR(64)  PRIMARY KEY,
    sender_id   VARCHAR(64)  NOT NULL,
    state       VARCHAR(16)  NOT NULL CHECK (state IN ('INFLIGHT', 'SUBMITTED', 'FAILED', 'UNKNOWN')),
    wamid       VARCHAR(128),
    error_code  INTEGER,
    claimed_at  TIMESTAMPTZ  NOT NULL,
    settled_at  TIMESTAMPTZ
);
CREATE INDEX send_ledger_inflight_idx ON send_ledger (claimed_at) WHERE state = 'INFLIGHT';
CREATE UNIQUE INDEX send_ledger_wamid_idx ON send_ledger (wamid) WHERE wamid IS NOT NULL;
