-- The gate at run time: the send ledger doubles as the per-recipient history (pair limit, marketing
-- frequency, identical content), a durable deferral store, and the unique-recipient budget.

ALTER TABLE send_ledger
    ADD COLUMN recipient     VARCHAR(20),
    ADD COLUMN category      VARCHAR(16),
    ADD COLUMN content_hash  VARCHAR(64),
    ADD COLUMN lane          VARCHAR(8);
CREATE INDEX send_ledger_recipient_idx ON send_ledger (recipient, claimed_at);

-- Messages that may not go yet (quiet hours, pair limit, caps, budget, paused sender or campaign, retry
-- backoff). The poller re-publishes due rows to their sender's lane; the row is deleted in the same
-- transaction that saw the publish acknowledged. payload = the OutboundMessage, Avro single-object encoded.
CREATE TABLE deferred_message (
    message_id   VARCHAR(64)  PRIMARY KEY,
    sender_id    VARCHAR(64)  NOT NULL,
    lane         VARCHAR(8)   NOT NULL CHECK (lane IN ('urgent', 'bulk')),
    recipient    VARCHAR(20)  NOT NULL,
    category     VARCHAR(16)  NOT NULL,
    due_at       TIMESTAMPTZ  NOT NULL,
    reason       VARCHAR(64)  NOT NULL,
    attempts     INTEGER      NOT NULL DEFAULT 0,
    payload      BYTEA        NOT NULL,
    deferred_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX deferred_message_due_idx ON deferred_message (due_at);
CREATE INDEX deferred_message_sender_idx ON deferred_message (sender_id, due_at, message_id);

-- Business-initiated conversations opened per recipient: the portfolio's rolling-24 h unique-recipient
-- count (Meta's messaging limit) and each number's new recipients today (its warm-up ramp).
CREATE TABLE recipient_budget (
    portfolio_id  VARCHAR(64)  NOT NULL,
    recipient     VARCHAR(20)  NOT NULL,
    sender_id     VARCHAR(64)  NOT NULL,
    opened_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (portfolio_id, recipient)
);
CREATE INDEX recipient_budget_open_idx ON recipient_budget (portfolio_id, opened_at);
CREATE INDEX recipient_budget_sender_idx ON recipient_budget (sender_id, opened_at);
