-- The health monitor's decisions and engagement, as dispatch's gate applies them.

-- wa.sender-health.v1 carries the whole decision: every field of it is kept (held_templates as a JSON array of
-- {name, language, reason}; language null = every language of the name). The state may now be WARNING or CRITICAL.
-- Free text from health-monitor is TEXT: a decision must never be dead-lettered for a long reason list.
ALTER TABLE sender_health
    ALTER COLUMN state TYPE VARCHAR(16),
    ALTER COLUMN reasons TYPE TEXT,
    ADD COLUMN health_score    DOUBLE PRECISION,
    ADD COLUMN quality_rating  TEXT,
    ADD COLUMN portfolio_id    TEXT,
    ADD COLUMN messaging_tier  TEXT,
    ADD COLUMN held_templates  JSONB NOT NULL DEFAULT '[]';

-- wa.contact-engagement.v1 (key project/contact): a contact's engagement with one project's marketing; the newest
-- record per (project, contact) wins. Keyed by contact first: the gate looks contacts up by every address they have.
CREATE TABLE contact_engagement (
    contact        VARCHAR(160) NOT NULL,
    project        VARCHAR(128) NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    dormant_until  TIMESTAMPTZ,
    changed_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (contact, project)
);

-- Who paused a number: AUTO (dispatch itself, at once, on Meta's 131048/368/131031; cleared by health-monitor's first
-- decision taken after paused_at) or OPERATOR (POST :pause; only :resume lifts it). Numbers paused before this
-- migration count as an operator's: nothing lifts them by itself.
ALTER TABLE sender
    ADD COLUMN pause_source  VARCHAR(8) CHECK (pause_source IN ('AUTO', 'OPERATOR')),
    ADD COLUMN paused_at     TIMESTAMPTZ;
UPDATE sender SET pause_source = 'OPERATOR', paused_at = updated_at WHERE state = 'PAUSED';

-- A message held for its template (TEMPLATE_HELD) is released when a newer decision no longer holds that template.
ALTER TABLE deferred_message
    ADD COLUMN template_name      TEXT,
    ADD COLUMN template_language  TEXT;
CREATE INDEX deferred_message_health_hold_idx ON deferred_message (sender_id, reason)
    WHERE reason IN ('SENDER_HEALTH_PAUSED', 'TEMPLATE_HELD', 'SENDER_PAUSED');
