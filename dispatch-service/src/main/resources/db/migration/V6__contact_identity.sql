-- Users known by a business-scoped user id (BSUID) as well as, or instead of, a phone. Every column that holds a
-- recipient or a user holds an address: an E.164 phone or a BSUID (up to 135 characters), so they grow to 160.
-- consent_alias maps each further address of a contact identity (learned by consent-service and published with its
-- state in wa.consent-changes.v1 'addresses') to the contact key its consent is kept under; an address without a row
-- is its own key. The gate judges a send by the consent, windows, pair limit, frequency caps and in-flight opt-outs of
-- the contact, whichever of its addresses the send names.
ALTER TABLE consent_projection DROP CONSTRAINT consent_projection_phone_fkey;
ALTER TABLE consent_phone ALTER COLUMN phone TYPE VARCHAR(160);
ALTER TABLE consent_projection ALTER COLUMN phone TYPE VARCHAR(160);
ALTER TABLE consent_projection ADD CONSTRAINT consent_projection_phone_fkey
    FOREIGN KEY (phone) REFERENCES consent_phone (phone) ON DELETE CASCADE;
ALTER TABLE customer_window ALTER COLUMN phone TYPE VARCHAR(160);
ALTER TABLE send_ledger ALTER COLUMN recipient TYPE VARCHAR(160);
ALTER TABLE deferred_message ALTER COLUMN recipient TYPE VARCHAR(160);
ALTER TABLE recipient_budget ALTER COLUMN recipient TYPE VARCHAR(160);
ALTER TABLE consent_in_flight ALTER COLUMN phone TYPE VARCHAR(160);

CREATE TABLE consent_alias (
    address      VARCHAR(160) PRIMARY KEY,
    contact_key  VARCHAR(160) NOT NULL,
    linked_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX consent_alias_key_idx ON consent_alias (contact_key);
