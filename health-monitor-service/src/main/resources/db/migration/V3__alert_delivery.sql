-- Alert deliveries: an outbox of webhook POSTs. AlertService.raise writes one row per configured target in the
-- transaction that changes a sender's health; AlertDeliveryService (every instance, every second) claims due rows,
-- posts them outside any transaction and records the outcome. Nothing is sent for a change that did not commit.
CREATE TABLE alert_delivery (
    seq             BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- write order: a sender's rows to one target go in this order
    delivery_id     UUID         NOT NULL UNIQUE,  -- the Idempotency-Key header of every attempt
    alert_id        UUID         NOT NULL,         -- the change; shared by its rows for every target, and in the body
    sender_id       VARCHAR(64)  NOT NULL,
    target_url      TEXT         NOT NULL,         -- a Slack URL is a secret: never logged past its host
    format          VARCHAR(16)  NOT NULL CHECK (format IN ('ALERTMANAGER', 'SLACK')),
    body            TEXT         NOT NULL,         -- the rendered JSON, posted byte for byte on every attempt
    status          VARCHAR(16)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        INT          NOT NULL DEFAULT 0,
    -- when it may be claimed: now for a new row, the backoff after a failure, the lease's end while a worker holds it
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    claim           UUID,                          -- the holding worker's token; an outcome is recorded only under it
    last_status     INT,                           -- the last answer's HTTP status (0: none came)
    last_error      TEXT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ                    -- delivered or given up
);

-- the claim: due PENDING rows, oldest first
CREATE INDEX alert_delivery_due ON alert_delivery (next_attempt_at, seq) WHERE status = 'PENDING';
-- the order check: an earlier PENDING row of the same sender to the same target holds the later ones back
CREATE INDEX alert_delivery_pending_order ON alert_delivery (sender_id, target_url, seq) WHERE status = 'PENDING';
-- the purge of finished rows past retention
CREATE INDEX alert_delivery_finished ON alert_delivery (finished_at) WHERE status <> 'PENDING';
