-- Users known by a business-scoped user id (BSUID) as well as, or instead of, a phone. A contact is now a contact
-- identity: its key (the column still called phone) is the address it was first known by, an E.164 phone or a BSUID,
-- and never changes; contact_address links every address of the person (phones, BSUIDs, parent BSUIDs) to that key.
-- An address without a row here is its own key (every contact created before this migration, and every contact's
-- first address), so existing contacts need no backfill. Consent, the ledger and the outbox stay keyed by the contact key, so a STOP that arrives with only a BSUID and a
-- send addressed by the phone learned later reach the same rows. Columns that hold an address grow to 160
-- (a BSUID is up to 135 characters); widening a varchar does not rewrite the tables.
ALTER TABLE contact ALTER COLUMN phone TYPE VARCHAR(160);
ALTER TABLE contact ALTER COLUMN wa_id TYPE VARCHAR(160);
ALTER TABLE contact ADD COLUMN e164 VARCHAR(16);            -- the contact's current phone, when known
ALTER TABLE contact ADD COLUMN user_id VARCHAR(160);        -- the latest BSUID Meta gave for it
ALTER TABLE contact ADD COLUMN parent_user_id VARCHAR(160);
ALTER TABLE contact ADD COLUMN username VARCHAR(64);        -- display only, never a key
ALTER TABLE consent_current ALTER COLUMN phone TYPE VARCHAR(160);
ALTER TABLE consent_event ALTER COLUMN phone TYPE VARCHAR(160);
ALTER TABLE outbox ALTER COLUMN phone TYPE VARCHAR(160);
UPDATE contact SET e164 = phone WHERE phone LIKE '+%';

CREATE TABLE contact_address (
    address      VARCHAR(160) PRIMARY KEY,
    contact_key  VARCHAR(160) NOT NULL,
    kind         VARCHAR(12)  NOT NULL CHECK (kind IN ('PHONE', 'BSUID', 'PARENT_BSUID')),
    linked_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX contact_address_key_idx ON contact_address (contact_key);
