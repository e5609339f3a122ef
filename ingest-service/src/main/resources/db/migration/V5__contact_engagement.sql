-- wa.contact-engagement.v1 (compacted, key project/contact): each contact's engagement with one project's marketing, as
-- health-monitor publishes it, kept so a campaign's forecast can count the recipients dispatch will suppress as
-- LOW_ENGAGEMENT. One row per (project, contact); a record replaces the row only when its changed_at (the record's
-- occurredAt) is newer, so a redelivered or older record changes nothing. A tombstone deletes the row.
CREATE TABLE contact_engagement (
    project        VARCHAR(128) NOT NULL,
    contact        VARCHAR(160) NOT NULL,   -- the address marketing was sent to: E.164 phone or BSUID
    state          VARCHAR(16)  NOT NULL,   -- ENGAGED or DORMANT
    dormant_until  TIMESTAMPTZ,             -- DORMANT: marketing is suppressed until then; null when ENGAGED or no end given
    changed_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (project, contact)
);
-- the forecast looks up a project's contacts dormant after a given time: only those rows, small next to the table
CREATE INDEX contact_engagement_dormant_idx ON contact_engagement (project, dormant_until) WHERE dormant_until IS NOT NULL;
