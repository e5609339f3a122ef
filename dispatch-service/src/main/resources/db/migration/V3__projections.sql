-- dispatch's own projections of other services' topics, read by the gate just before each send.

-- wa.consent-changes.v1: the current consent per phone and project (latest version per phone wins).
CREATE TABLE consent_phone (
    phone       VARCHAR(20)  PRIMARY KEY,
    version     BIGINT       NOT NULL,
    erased      BOOLEAN      NOT NULL DEFAULT FALSE,
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE TABLE consent_projection (
    phone           VARCHAR(20)  NOT NULL REFERENCES consent_phone (phone) ON DELETE CASCADE,
    project         VARCHAR(128) NOT NULL,
    marketing       VARCHAR(10)  NOT NULL,
    utility         VARCHAR(10)  NOT NULL,
    authentication  VARCHAR(10)  NOT NULL,
    PRIMARY KEY (phone, project)
);

-- wa.inbound-messages.v1: the 24 h customer-service window per (business number, user).
CREATE TABLE customer_window (
    sender_id        VARCHAR(64)  NOT NULL,
    phone            VARCHAR(20)  NOT NULL,
    last_inbound_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (sender_id, phone)
);

-- wa.sender-health.v1: health-monitor's current decision per sender.
CREATE TABLE sender_health (
    sender_id        VARCHAR(64)  PRIMARY KEY,
    state            VARCHAR(10)  NOT NULL,
    throttle_factor  DOUBLE PRECISION NOT NULL,
    reasons          VARCHAR(1024),
    until            TIMESTAMPTZ,
    changed_at       TIMESTAMPTZ  NOT NULL
);

-- wa.campaign-events.v1: each campaign's current state.
CREATE TABLE campaign_state (
    campaign_id  VARCHAR(128) PRIMARY KEY,
    state        VARCHAR(10)  NOT NULL,
    changed_at   TIMESTAMPTZ  NOT NULL
);
