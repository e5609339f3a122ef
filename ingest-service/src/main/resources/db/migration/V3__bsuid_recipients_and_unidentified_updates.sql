-- Users known by a business-scoped user id (BSUID: region, dot, up to 128 alphanumerics; a parent BSUID adds ENT.)
-- instead of a phone: a recipient and a window's user are an E.164 phone or a BSUID, so both columns grow to 160.
ALTER TABLE accepted_message ALTER COLUMN recipient TYPE VARCHAR(160);
ALTER TABLE customer_window ALTER COLUMN wa_id TYPE VARCHAR(160);

-- Webhook updates that name no user safesend can address (neither a valid phone nor a BSUID): kept with their JSON so an
-- operator can see them (GET /v1/webhooks/unidentified), never published. dedupe_key makes Meta's retries one row.
CREATE TABLE webhook_unidentified (
    id           BIGSERIAL    PRIMARY KEY,
    dedupe_key   VARCHAR(200) NOT NULL UNIQUE,
    field        VARCHAR(64)  NOT NULL,
    kind         VARCHAR(32)  NOT NULL,
    reason       TEXT         NOT NULL,
    sender_id    VARCHAR(64),
    payload      TEXT         NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX webhook_unidentified_received_idx ON webhook_unidentified (received_at);
