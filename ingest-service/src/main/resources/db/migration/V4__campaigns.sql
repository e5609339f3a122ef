-- Campaigns (an aggregate: Hibernate/Panache) and their recipients (set-based JDBC: the fan-out copies up to
-- millions of rows, the releaser and the progress consumer update them in batches).
CREATE TABLE campaign (
    id              VARCHAR(64)  PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    project         VARCHAR(128) NOT NULL,
    category        VARCHAR(20)  NOT NULL,
    priority        SMALLINT     NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    definition      TEXT         NOT NULL,             -- the definition as JSON (template, parameters, audience, schedule …)
    pause_reason    VARCHAR(200),                      -- why an automatic pause holds it (null: none, or a manual pause)
    paused_by       VARCHAR(200),
    created_by      VARCHAR(200) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    audience_cursor VARCHAR(200),                      -- fan-out checkpoint: the last contact copied (keyset order)
    audience_done   BOOLEAN      NOT NULL DEFAULT FALSE,
    recipients      BIGINT       NOT NULL DEFAULT 0,   -- rows copied so far (the next row's seq)
    version         BIGINT       NOT NULL DEFAULT 0    -- optimistic lock
);
CREATE INDEX campaign_state_idx ON campaign (state);

-- Each (campaign, contact) once, with its deterministic message id. state: QUEUED (not yet handed to dispatch),
-- RELEASED, then what the message events say (DEFERRED, SUBMITTED, SENT, DELIVERED, READ, FAILED, SUPPRESSED,
-- EXPIRED, REJECTED), or HOLDOUT / SKIPPED (never released: control group, or no value for a parameter) and
-- CANCELLED (not released before a cancel).
CREATE TABLE campaign_recipient (
    campaign_id VARCHAR(64)  NOT NULL,
    seq         BIGINT       NOT NULL,
    recipient   VARCHAR(160) NOT NULL,
    message_id  VARCHAR(64)  NOT NULL,
    zone        VARCHAR(64)  NOT NULL,
    language    VARCHAR(20)  NOT NULL,
    parameters  TEXT[]       NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    rank        SMALLINT     NOT NULL,   -- how far the state has come; statuses only move forward
    reason      VARCHAR(64),
    sender_id   VARCHAR(64),
    released_at TIMESTAMPTZ,
    updated_at  TIMESTAMPTZ,
    wamid       VARCHAR(128),            -- Meta's id of the message, once dispatch or a status names it
    replied_at  TIMESTAMPTZ,             -- the first reply quoting it (context wamid)
    PRIMARY KEY (campaign_id, seq)
);
CREATE UNIQUE INDEX campaign_recipient_message_idx ON campaign_recipient (message_id);
CREATE INDEX campaign_recipient_queued_idx ON campaign_recipient (campaign_id, zone, seq) WHERE state = 'QUEUED';
-- released and not yet final (rank 1–5): small, and a fresh QUEUED or HOLDOUT row never enters it
CREATE INDEX campaign_recipient_in_flight_idx ON campaign_recipient (campaign_id) WHERE rank BETWEEN 1 AND 5;
CREATE INDEX campaign_recipient_wamid_idx ON campaign_recipient (wamid) WHERE wamid IS NOT NULL;
CREATE INDEX campaign_recipient_released_idx ON campaign_recipient (campaign_id, released_at) WHERE released_at IS NOT NULL;

-- Every lifecycle change with who and why (also published on wa.campaign-events.v1).
CREATE TABLE campaign_transition (
    id          BIGSERIAL    PRIMARY KEY,
    campaign_id VARCHAR(64)  NOT NULL REFERENCES campaign (id),
    from_state  VARCHAR(16),
    to_state    VARCHAR(16)  NOT NULL,
    actor       VARCHAR(200) NOT NULL,
    reason      VARCHAR(500),
    at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX campaign_transition_campaign_idx ON campaign_transition (campaign_id, id);
