-- Campaigns: a message held because its campaign is paused (reason CAMPAIGN_PAUSED) is released as soon as the
-- campaign is resumed or cancelled, in one UPDATE by campaign, instead of waiting for its next re-check. The
-- message's priority needs no column: it travels inside the stored payload (the whole OutboundMessage).
ALTER TABLE deferred_message ADD COLUMN campaign_id VARCHAR(128);
CREATE INDEX deferred_message_campaign_idx ON deferred_message (campaign_id) WHERE campaign_id IS NOT NULL;
