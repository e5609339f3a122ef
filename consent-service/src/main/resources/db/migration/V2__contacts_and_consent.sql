-- Contacts, the consent ledger (append-only history + current state), the suppression list of erased numbers,
-- the outbox of events to publish with each change, import jobs and segments.

-- Drawn for every change of a contact's consent: monotonic per contact, even across an erase and a re-creation.
CREATE SEQUENCE consent_version CACHE 1000;

CREATE TABLE contact (
    phone              VARCHAR(16)  PRIMARY KEY,            -- E.164
    wa_id              VARCHAR(20),
    name               TEXT,
    language           VARCHAR(16),
    region             VARCHAR(2),
    project            VARCHAR(64)  NOT NULL,
    tags               TEXT[]       NOT NULL DEFAULT '{}',
    attributes         JSONB        NOT NULL DEFAULT '{}',
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_inbound_at    TIMESTAMPTZ,
    last_contacted_at  TIMESTAMPTZ,
    version            BIGINT       NOT NULL DEFAULT 0
);
-- No GIN index on tags/attributes: audiences are driven by consent_state_audience_idx (project, category, OPTED_IN) and
-- filter the joined contacts; GIN maintenance would cost the 1M-row import more than it saves there.

-- Current state per contact, project and category.
CREATE TABLE consent_state (
    phone        VARCHAR(16)  NOT NULL,   -- no foreign key: a per-row FK check halved import speed; erase deletes explicitly
    project      VARCHAR(64)  NOT NULL,
    category     VARCHAR(16)  NOT NULL,
    state        VARCHAR(10)  NOT NULL,
    source       VARCHAR(20)  NOT NULL,
    evidence_at  TIMESTAMPTZ  NOT NULL,
    changed_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (phone, project, category)
);
-- The audience query: opted-in contacts of a project and category, in phone order.
CREATE INDEX consent_state_audience_idx ON consent_state (project, category, state, phone);

-- Append-only history: every applied change with its evidence. Rows are only ever inserted (and deleted by erase).
CREATE TABLE consent_event (
    id           BIGSERIAL    PRIMARY KEY,
    phone        VARCHAR(16)  NOT NULL,
    project      VARCHAR(64)  NOT NULL,
    category     VARCHAR(16)  NOT NULL,
    state        VARCHAR(10)  NOT NULL,
    source       VARCHAR(20)  NOT NULL,
    evidence_at  TIMESTAMPTZ  NOT NULL,
    proof        TEXT,
    actor        VARCHAR(128),
    version      BIGINT       NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX consent_event_phone_idx ON consent_event (phone, id);

-- What is left of an erased number: a salted hash (HMAC-SHA256), so it can never be messaged again by mistake.
CREATE TABLE suppression (
    phone_hash  CHAR(64)     PRIMARY KEY,
    erased_at   TIMESTAMPTZ  NOT NULL
);

-- Written in the same transaction as a change; the relay publishes in id order, awaits Kafka's acks, then deletes.
-- CONSENT rows publish the phone's current state (wa.consent-changes.v1); REPLY rows a SendRequest (wa.send-requests.v1).
CREATE TABLE outbox (
    id          BIGSERIAL    PRIMARY KEY,
    kind        VARCHAR(8)   NOT NULL,
    phone       VARCHAR(16)  NOT NULL,
    project     VARCHAR(64)  NOT NULL,
    source      VARCHAR(20),
    version     BIGINT,
    erased      BOOLEAN      NOT NULL DEFAULT false,
    request_id  VARCHAR(128),
    body        TEXT,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE import_job (
    id                 VARCHAR(36)  PRIMARY KEY,
    project            VARCHAR(64)  NOT NULL,
    status             VARCHAR(10)  NOT NULL,
    rows_read          BIGINT       NOT NULL DEFAULT 0,
    contacts_imported  BIGINT       NOT NULL DEFAULT 0,
    duplicates_merged  BIGINT       NOT NULL DEFAULT 0,
    rows_rejected      BIGINT       NOT NULL DEFAULT 0,
    consent_changes    BIGINT       NOT NULL DEFAULT 0,
    failure            TEXT,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    started_at         TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ
);

-- Row errors of an import (phones masked).
CREATE TABLE import_error (
    job_id   VARCHAR(36)  NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    line     BIGINT       NOT NULL,
    phone    VARCHAR(20),
    code     VARCHAR(64)  NOT NULL,
    message  TEXT         NOT NULL,
    PRIMARY KEY (job_id, line)
);

CREATE TABLE segment (
    id          VARCHAR(36)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    project     VARCHAR(64)  NOT NULL,
    definition  JSONB        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
