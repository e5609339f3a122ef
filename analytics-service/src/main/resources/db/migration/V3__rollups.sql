-- Timelines by the caller's reference and by contact (docs/analytics.md).
ALTER TABLE message_view ADD COLUMN client_reference  VARCHAR(256);
ALTER TABLE message_view ADD COLUMN recipient_user_id VARCHAR(160);
ALTER TABLE message_view ADD COLUMN first_at          TIMESTAMPTZ;
UPDATE message_view v SET first_at = COALESCE((SELECT min(s.at) FROM message_step s WHERE s.message_id = v.message_id), v.updated_at);
ALTER TABLE message_view ALTER COLUMN first_at SET NOT NULL;
CREATE INDEX message_view_client_reference_idx ON message_view (client_reference) WHERE client_reference IS NOT NULL;
CREATE INDEX message_view_recipient_idx ON message_view (recipient, first_at DESC);
CREATE INDEX message_view_recipient_user_idx ON message_view (recipient_user_id, first_at DESC) WHERE recipient_user_id IS NOT NULL;

-- Rollups. Per message: the steps it reached (bits, see Step.java), the steps already counted, and its cell once its
-- ACCEPTED/REJECTED event was seen. Counting adds reached & ~counted to the cell, so every step counts once per message.
CREATE TABLE message_progress (
    message_id         VARCHAR(64)  PRIMARY KEY,
    reached            INTEGER      NOT NULL,
    counted            INTEGER      NOT NULL,
    born_at            TIMESTAMPTZ,
    hour               TIMESTAMPTZ,
    project            VARCHAR(128),
    campaign_id        VARCHAR(128),
    sender_id          VARCHAR(64),
    template_name      VARCHAR(512),
    template_language  VARCHAR(16),
    failed_code        INTEGER,
    suppressed_reason  VARCHAR(128),
    last_at            TIMESTAMPTZ
);

-- One row per (UTC hour of acceptance, project, campaign, sender, template): messages that reached each step.
-- '' stands for "none" (a message outside a campaign, a REJECTED one without a sender).
CREATE TABLE rollup_hour (
    hour               TIMESTAMPTZ  NOT NULL,
    project            VARCHAR(128) NOT NULL,
    campaign_id        VARCHAR(128) NOT NULL,
    sender_id          VARCHAR(64)  NOT NULL,
    template_name      VARCHAR(512) NOT NULL,
    template_language  VARCHAR(16)  NOT NULL,
    submitted          BIGINT       NOT NULL DEFAULT 0,
    sent               BIGINT       NOT NULL DEFAULT 0,
    delivered          BIGINT       NOT NULL DEFAULT 0,
    read               BIGINT       NOT NULL DEFAULT 0,
    failed             BIGINT       NOT NULL DEFAULT 0,
    suppressed         BIGINT       NOT NULL DEFAULT 0,
    rejected           BIGINT       NOT NULL DEFAULT 0,
    expired            BIGINT       NOT NULL DEFAULT 0,
    deferred           BIGINT       NOT NULL DEFAULT 0,
    first_event_at     TIMESTAMPTZ,
    last_event_at      TIMESTAMPTZ,
    PRIMARY KEY (hour, project, campaign_id, sender_id, template_name, template_language)
);
CREATE INDEX rollup_hour_campaign_idx ON rollup_hour (campaign_id, hour) WHERE campaign_id <> '';

-- Failed messages by Meta error code (kind FAILED) and suppressed ones by reason (kind SUPPRESSED), per cell.
CREATE TABLE rollup_hour_reason (
    hour               TIMESTAMPTZ  NOT NULL,
    project            VARCHAR(128) NOT NULL,
    campaign_id        VARCHAR(128) NOT NULL,
    sender_id          VARCHAR(64)  NOT NULL,
    template_name      VARCHAR(512) NOT NULL,
    template_language  VARCHAR(16)  NOT NULL,
    kind               VARCHAR(16)  NOT NULL,
    reason             VARCHAR(128) NOT NULL,
    messages           BIGINT       NOT NULL,
    PRIMARY KEY (hour, project, campaign_id, sender_id, template_name, template_language, kind, reason)
);
CREATE INDEX rollup_hour_reason_campaign_idx ON rollup_hour_reason (campaign_id, hour) WHERE campaign_id <> '';
