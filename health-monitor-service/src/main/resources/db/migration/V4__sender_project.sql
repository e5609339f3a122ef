-- The project each number belongs to, from dispatch's sender registry: what a token limited to projects may see and act on.
ALTER TABLE sender_health ADD COLUMN project VARCHAR(64);
-- Which project a campaign's windows belong to is read from its messages (campaign messages only, so the index is small).
CREATE INDEX message_signal_campaign ON message_signal (campaign_id) WHERE campaign_id IS NOT NULL;
