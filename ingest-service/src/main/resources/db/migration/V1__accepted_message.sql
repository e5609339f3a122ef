-- ingest's own schema: every message it accepted, routed to which sender and lane.
CREATE TABLE accepted_message (
    message_id       VARCHAR(64)  PRIMARY KEY,
    project          VARCHAR(128) NOT NULL,
    recipient        VARCHAR(20)  NOT NULL,
    sender_id        VARCHAR(64)  NOT NULL,
    category         VARCHAR(20)  NOT NULL,
    lane             VARCHAR(10)  NOT NULL,
    campaign_id      VARCHAR(128),
    client_reference VARCHAR(256),
    accepted_at      TIMESTAMPTZ  NOT NULL,
    expires_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX accepted_message_recipient_idx ON accepted_message (recipient, accepted_at);
