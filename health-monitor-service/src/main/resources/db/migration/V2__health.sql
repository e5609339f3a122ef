-- What health-monitor knows of each message: the facts of its ACCEPTED event (to count statuses per template,
-- campaign and contact) and which signals it has already counted (flags), so a redelivered or out-of-order status
-- counts once. Rows older than the longest window (7 days) are swept.
CREATE TABLE message_signal (
    message_id    VARCHAR(64)  PRIMARY KEY,
    sender_id     VARCHAR(32),
    project       VARCHAR(64),
    category      VARCHAR(16),
    campaign_id   VARCHAR(64),
    template      VARCHAR(600),
    recipient     VARCHAR(128),
    wamid         VARCHAR(200),
    flags         INT          NOT NULL DEFAULT 0,
    delivered_at  TIMESTAMPTZ,
    seen_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX message_signal_wamid ON message_signal (wamid) WHERE wamid IS NOT NULL;
CREATE INDEX message_signal_recipient ON message_signal (recipient, sender_id, delivered_at) WHERE delivered_at IS NOT NULL;
CREATE INDEX message_signal_seen ON message_signal (seen_at);

-- The sliding windows' buckets: per scope (SENDER, TEMPLATE, CAMPAIGN), metric and minute ('m', kept 25 h) or hour
-- ('h', kept 8 days). The in-memory windows are rebuilt from here at start; each batch adds to both.
CREATE TABLE signal_bucket (
    scope_type   VARCHAR(16)  NOT NULL,
    scope_id     VARCHAR(600) NOT NULL,
    metric       VARCHAR(32)  NOT NULL,
    granularity  CHAR(1)      NOT NULL,
    bucket       TIMESTAMPTZ  NOT NULL,
    count        BIGINT       NOT NULL,
    PRIMARY KEY (scope_type, scope_id, metric, granularity, bucket)
);
CREATE INDEX signal_bucket_age ON signal_bucket (granularity, bucket);

-- Each contact's engagement with a project's marketing (published on wa.contact-engagement.v1).
CREATE TABLE contact_engagement (
    project          VARCHAR(64)   NOT NULL,
    contact          VARCHAR(128)  NOT NULL,
    unread_ids       VARCHAR[]     NOT NULL DEFAULT '{}',  -- unread marketing messages since the last engagement
    unread_at        TIMESTAMPTZ[] NOT NULL DEFAULT '{}',  -- and when each was delivered
    dormant_until    TIMESTAMPTZ,
    last_engaged_at  TIMESTAMPTZ,
    changed_at       TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (project, contact)
);

-- The sender aggregate: identity (from dispatch's registry), Meta's facts, the decision and its memory.
CREATE TABLE sender_health (
    sender_id           VARCHAR(32)   PRIMARY KEY,
    portfolio_id        VARCHAR(64),
    waba_id             VARCHAR(32),
    display_number      VARCHAR(32),
    state               VARCHAR(16)   NOT NULL,
    factor              DOUBLE PRECISION NOT NULL,
    reasons             VARCHAR(1000) NOT NULL DEFAULT '',
    why                 VARCHAR(2000),
    until               TIMESTAMPTZ,
    clear_since         TIMESTAMPTZ,
    hold_until          TIMESTAMPTZ,
    changed_at          TIMESTAMPTZ   NOT NULL,
    score               DOUBLE PRECISION,
    quality             VARCHAR(16),
    tier                VARCHAR(32),
    restricted_until    TIMESTAMPTZ,
    last_spam_limit     TIMESTAMPTZ,
    last_account_block  TIMESTAMPTZ,
    account_block_code  VARCHAR(16),
    disabled            BOOLEAN       NOT NULL DEFAULT false,
    manual_pause        VARCHAR(500),
    published           VARCHAR(4000),
    version             BIGINT        NOT NULL DEFAULT 0
);

-- Every change of a sender's decision: who, why, from what to what.
CREATE TABLE sender_health_history (
    id            BIGSERIAL     PRIMARY KEY,
    sender_id     VARCHAR(32)   NOT NULL,
    portfolio_id  VARCHAR(64),
    at            TIMESTAMPTZ   NOT NULL,
    from_state    VARCHAR(16)   NOT NULL,
    to_state      VARCHAR(16)   NOT NULL,
    factor        DOUBLE PRECISION NOT NULL,
    score         DOUBLE PRECISION,
    reasons       VARCHAR(1000) NOT NULL,
    actor         VARCHAR(200)  NOT NULL,
    why           VARCHAR(2000)
);
CREATE INDEX sender_health_history_sender ON sender_health_history (sender_id, at DESC);
CREATE INDEX sender_health_history_portfolio ON sender_health_history (portfolio_id, at DESC);

-- Templates Meta paused, disabled or rated RED (and their return).
CREATE TABLE template_state (
    id          VARCHAR(600) PRIMARY KEY,  -- waba_id/name/language
    waba_id     VARCHAR(32)  NOT NULL,
    name        VARCHAR(512) NOT NULL,
    language    VARCHAR(16)  NOT NULL,
    status      VARCHAR(32),
    quality     VARCHAR(16),
    changed_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX template_state_waba ON template_state (waba_id);

-- Replies that quote a message whose statuses were not counted yet (the inbound topic ran ahead of the message
-- events): applied when the quoted wamid arrives, swept with the messages.
CREATE TABLE pending_reply (
    wamid       VARCHAR(200) PRIMARY KEY,
    replied_at  TIMESTAMPTZ  NOT NULL,
    seen_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
