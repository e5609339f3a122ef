-- analytics' own schema: every lifecycle step of a message, and its current status.
CREATE TABLE message_step (
    event_id     VARCHAR(64)  PRIMARY KEY,
    message_id   VARCHAR(64)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    at           TIMESTAMPTZ  NOT NULL,
    source       VARCHAR(16)  NOT NULL,
    reason       VARCHAR(128),
    error_code   INTEGER,
    error_title  VARCHAR(512),
    wamid        VARCHAR(128),
    recorded_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
-- Meta retries webhooks: the same status of the same message from the same source counts once.
CREATE UNIQUE INDEX message_step_once_idx ON message_step (message_id, status, source);

CREATE TABLE message_view (
    message_id   VARCHAR(64)  PRIMARY KEY,
    status       VARCHAR(16)  NOT NULL,
    status_rank  SMALLINT     NOT NULL,
    project      VARCHAR(128),
    sender_id    VARCHAR(64),
    recipient    VARCHAR(20),
    category     VARCHAR(20),
    campaign_id  VARCHAR(128),
    wamid        VARCHAR(128),
    updated_at   TIMESTAMPTZ  NOT NULL
);
