-- A message's recipient is an address: an E.164 phone or the user's business-scoped user id (BSUID, up to 135
-- characters), so the column grows to 160 (no table rewrite).
ALTER TABLE message_view ALTER COLUMN recipient TYPE VARCHAR(160);
