-- Idempotency: one row per (scope, key) for 24 h. The primary key makes concurrent requests with the same key
-- wait for the first one's transaction; the loser then reads the stored response (or sees a different body hash).
CREATE TABLE idempotency_key (
    scope       VARCHAR(16)  NOT NULL,
    idem_key    VARCHAR(255) NOT NULL,
    body_hash   CHAR(64)     NOT NULL,
    outcome     VARCHAR(16),
    response    TEXT,
    created_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);

ALTER TABLE accepted_message ADD COLUMN request_id VARCHAR(255);

-- The template registry, synced from the Cloud API and kept current from template webhooks.
CREATE TABLE message_template (
    name             VARCHAR(512) NOT NULL,
    language         VARCHAR(16)  NOT NULL,
    template_id      VARCHAR(64),
    category         VARCHAR(32)  NOT NULL,
    status           VARCHAR(32)  NOT NULL,
    quality          VARCHAR(16),
    parameter_format VARCHAR(16)  NOT NULL,
    header_format    VARCHAR(16),
    header_text      TEXT,
    body_text        TEXT,
    footer_text      TEXT,
    buttons          TEXT         NOT NULL DEFAULT '[]',
    updated_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (name, language)
);

-- Webhook updates already turned into events (Meta delivers at least once): status:<wamid>:<STATUS>,
-- inbound:<wamid>, account:<sha256 of the change>. Kept 7 days, Meta's longest retry horizon.
CREATE TABLE webhook_receipt (
    dedupe_key  VARCHAR(300) PRIMARY KEY,
    received_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX webhook_receipt_received_idx ON webhook_receipt (received_at);

-- The 24 h customer-service window per (business number, user): the last inbound message.
CREATE TABLE customer_window (
    sender_id       VARCHAR(64)  NOT NULL,
    wa_id           VARCHAR(32)  NOT NULL,
    last_inbound_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (sender_id, wa_id)
);
