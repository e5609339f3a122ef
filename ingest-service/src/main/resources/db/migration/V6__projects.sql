-- Projects are tenants: the registry (an aggregate: Hibernate/Panache). Owners and the default pool are short lists
-- kept comma-separated (owners never hold commas; a pool is phone-number-ids).
CREATE TABLE project (
    id                 VARCHAR(63)  PRIMARY KEY,   -- lowercase slug, never changes
    display_name       VARCHAR(200) NOT NULL,
    owners             TEXT         NOT NULL,
    messages_per_day   BIGINT,                     -- null: unlimited
    messages_per_month BIGINT,                     -- null: unlimited
    default_pool       TEXT         NOT NULL DEFAULT '',
    created_by         VARCHAR(200) NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL,
    version            BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT project_id_slug CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    CONSTRAINT project_quotas_positive CHECK ((messages_per_day IS NULL OR messages_per_day > 0)
        AND (messages_per_month IS NULL OR messages_per_month > 0))
);

-- A project's messages since the start of a day or month: what PostgreSQL knows of quota usage, read when Redis
-- lost its counters (restart) and while Redis is down.
CREATE INDEX accepted_message_project_idx ON accepted_message (project, accepted_at);
