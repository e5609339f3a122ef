-- An import that opts every row in (MARKETING and UTILITY) wrote two current-state rows and two ledger rows per contact:
-- about ten index insertions per row, and PostgreSQL's CPU bound it to 15,000-17,500 rows/s on the 2-core machine.
-- Now a contact's current states in a project are one row with a column triple (state, source, evidence time) per
-- category (NULL: UNKNOWN), with a partial audience index per category, and a ledger row records the categories one
-- change set moved to the same state with the same evidence, at one version. The history API still lists one entry
-- per category (entries of one row share its id). The rows also carry the version of their latest change, so the
-- outbox relay learns a phone's current version (the highest of its rows) from the rows it reads anyway, instead of
-- looking the contact up as well.

CREATE TABLE consent_current (
    phone                       VARCHAR(16)  NOT NULL,  -- no foreign key, as before: erase deletes explicitly
    project                     VARCHAR(64)  NOT NULL,
    marketing                   VARCHAR(10),
    marketing_source            VARCHAR(20),
    marketing_evidence_at       TIMESTAMPTZ,
    utility                     VARCHAR(10),
    utility_source              VARCHAR(20),
    utility_evidence_at         TIMESTAMPTZ,
    authentication              VARCHAR(10),
    authentication_source       VARCHAR(20),
    authentication_evidence_at  TIMESTAMPTZ,
    changed_at                  TIMESTAMPTZ  NOT NULL DEFAULT now(),   -- the latest change of any category
    version                     BIGINT       NOT NULL,                 -- the contact's version at that change
    PRIMARY KEY (phone, project),
    CHECK ((marketing IS NULL) = (marketing_source IS NULL) AND (marketing IS NULL) = (marketing_evidence_at IS NULL)),
    CHECK ((utility IS NULL) = (utility_source IS NULL) AND (utility IS NULL) = (utility_evidence_at IS NULL)),
    CHECK ((authentication IS NULL) = (authentication_source IS NULL) AND (authentication IS NULL) = (authentication_evidence_at IS NULL))
);

INSERT INTO consent_current (phone, project, marketing, marketing_source, marketing_evidence_at,
                             utility, utility_source, utility_evidence_at,
                             authentication, authentication_source, authentication_evidence_at, changed_at, version)
SELECT phone, s.project,
       max(state) FILTER (WHERE category = 'MARKETING'), max(source) FILTER (WHERE category = 'MARKETING'),
       max(evidence_at) FILTER (WHERE category = 'MARKETING'),
       max(state) FILTER (WHERE category = 'UTILITY'), max(source) FILTER (WHERE category = 'UTILITY'),
       max(evidence_at) FILTER (WHERE category = 'UTILITY'),
       max(state) FILTER (WHERE category = 'AUTHENTICATION'), max(source) FILTER (WHERE category = 'AUTHENTICATION'),
       max(evidence_at) FILTER (WHERE category = 'AUTHENTICATION'),
       max(s.changed_at), max(COALESCE(ct.version, 0))
FROM consent_state s LEFT JOIN contact ct USING (phone)
GROUP BY phone, s.project;

DROP TABLE consent_state;

-- The audience query: opted-in contacts of a project for one category, in phone order.
CREATE INDEX consent_current_marketing_idx ON consent_current (project, phone) WHERE marketing = 'OPTED_IN';
CREATE INDEX consent_current_utility_idx ON consent_current (project, phone) WHERE utility = 'OPTED_IN';
CREATE INDEX consent_current_authentication_idx ON consent_current (project, phone) WHERE authentication = 'OPTED_IN';

ALTER TABLE consent_event ADD COLUMN categories VARCHAR(16)[];
UPDATE consent_event SET categories = ARRAY[category];
ALTER TABLE consent_event ALTER COLUMN categories SET NOT NULL;
ALTER TABLE consent_event DROP COLUMN category;
ALTER TABLE consent_event ADD CHECK (cardinality(categories) > 0);
