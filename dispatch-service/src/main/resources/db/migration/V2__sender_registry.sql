-- The sender registry: every WhatsApp business number dispatch may send from, and its portfolio.
CREATE TABLE portfolio (
    portfolio_id        VARCHAR(64)  PRIMARY KEY,
    -- Meta's unique-recipient limit per rolling 24 h (250, 2000, 10000, 100000); NULL = unlimited
    daily_unique_limit  BIGINT       CHECK (daily_unique_limit IS NULL OR daily_unique_limit > 0),
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE sender (
    sender_id             VARCHAR(64)  PRIMARY KEY,          -- Meta phone-number-id
    waba_id               VARCHAR(64)  NOT NULL,
    display_number        VARCHAR(20)  NOT NULL,
    project               VARCHAR(128) NOT NULL,
    pool                  VARCHAR(128) NOT NULL,
    messages_per_second   INTEGER      NOT NULL DEFAULT 80 CHECK (messages_per_second BETWEEN 1 AND 1000),
    portfolio_id          VARCHAR(64)  NOT NULL REFERENCES portfolio (portfolio_id),
    warmup_start          DATE,
    warmup_daily_by_week  VARCHAR(512) NOT NULL DEFAULT '20,50,100,200,500,1000',
    quiet_start           TIME         NOT NULL DEFAULT '21:00',
    quiet_end             TIME         NOT NULL DEFAULT '08:00',
    state                 VARCHAR(10)  NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'PAUSED')),
    pause_reason          VARCHAR(512),
    created_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX sender_pool_idx ON sender (project, pool);
