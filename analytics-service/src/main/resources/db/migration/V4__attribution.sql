-- Attribution (docs/analytics.md, "Attribution"): campaign touchpoints, replies, opt-outs and conversions attributed to
-- them, and each campaign's treatment and holdout groups. Nothing here reads the timeline's or the rollups' tables.

-- Every campaign message as its events tell it: ACCEPTED names the campaign, project and recipient, dispatch the wamid,
-- the webhooks the delivery (DELIVERED or READ) and the user's BSUID. A touchpoint is a row with a campaign and a delivery.
CREATE TABLE attribution_message (
    message_id         VARCHAR(64)  PRIMARY KEY,
    campaign_id        VARCHAR(128),
    project            VARCHAR(128),
    recipient          VARCHAR(160),
    recipient_user_id  VARCHAR(160),
    sender_id          VARCHAR(64),
    wamid              VARCHAR(128),
    delivered_at       TIMESTAMPTZ
);
CREATE INDEX attribution_message_wamid_idx ON attribution_message (wamid) WHERE wamid IS NOT NULL;
CREATE INDEX attribution_message_campaign_idx ON attribution_message (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX attribution_message_recipient_idx ON attribution_message (recipient) WHERE campaign_id IS NOT NULL;
CREATE INDEX attribution_message_user_idx ON attribution_message (recipient_user_id) WHERE recipient_user_id IS NOT NULL;

-- address → contact key (docs/identity.md): consent-service's links (its key wins) and the phone/BSUID pairs that
-- statuses and inbound messages name (the phone is the key). An address without a row is its own key.
CREATE TABLE contact_link (
    address      VARCHAR(160) PRIMARY KEY,
    contact_key  VARCHAR(160) NOT NULL,
    from_consent BOOLEAN      NOT NULL DEFAULT false
);
CREATE INDEX contact_link_key_idx ON contact_link (contact_key);

-- A user's message, attributed to the campaign message it quotes, else to the contact's last campaign message delivered
-- within the reply window (campaign_id null: unattributed). One row per inbound event.
CREATE TABLE attribution_reply (
    event_id      VARCHAR(64)  PRIMARY KEY,
    contact       VARCHAR(160) NOT NULL,
    received_at   TIMESTAMPTZ  NOT NULL,
    basis         VARCHAR(8)   NOT NULL,
    campaign_id   VARCHAR(128),
    message_id    VARCHAR(64),
    project       VARCHAR(128),
    delivered_at  TIMESTAMPTZ
);
CREATE INDEX attribution_reply_campaign_idx ON attribution_reply (campaign_id) WHERE campaign_id IS NOT NULL;

-- An opt-out (a ConsentChanged that moved a category to OPTED_OUT), attributed like a reply by window. One row per event.
CREATE TABLE attribution_opt_out (
    event_id      VARCHAR(64)  PRIMARY KEY,
    contact       VARCHAR(160) NOT NULL,
    project       VARCHAR(128) NOT NULL,
    opted_out_at  TIMESTAMPTZ  NOT NULL,
    campaign_id   VARCHAR(128),
    message_id    VARCHAR(64)
);
CREATE INDEX attribution_opt_out_campaign_idx ON attribution_opt_out (campaign_id) WHERE campaign_id IS NOT NULL;

-- A business conversion (wa.conversions.v1), once per conversion id, with its last touch within the conversion window.
CREATE TABLE conversion (
    conversion_id  VARCHAR(64)    PRIMARY KEY,
    project        VARCHAR(128)   NOT NULL,
    address        VARCHAR(160)   NOT NULL,
    contact        VARCHAR(160)   NOT NULL,
    kind           VARCHAR(64)    NOT NULL,
    value          NUMERIC(18, 4),
    currency       VARCHAR(3),
    reference      VARCHAR(128),
    source         VARCHAR(64),
    converted_at   TIMESTAMPTZ    NOT NULL,
    campaign_id    VARCHAR(128),
    message_id     VARCHAR(64),
    touched_at     TIMESTAMPTZ,
    recorded_at    TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX conversion_contact_idx ON conversion (contact, converted_at);
CREATE INDEX conversion_address_idx ON conversion (address);
CREATE INDEX conversion_campaign_idx ON conversion (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX conversion_project_idx ON conversion (project, converted_at);

-- The contact's journey to a conversion: every campaign touchpoint within the window before it, in order.
CREATE TABLE conversion_touch (
    conversion_id  VARCHAR(64)  NOT NULL REFERENCES conversion (conversion_id),
    position       INTEGER      NOT NULL,
    message_id     VARCHAR(64)  NOT NULL,
    campaign_id    VARCHAR(128) NOT NULL,
    recipient      VARCHAR(160),
    wamid          VARCHAR(128),
    sender_id      VARCHAR(64),
    delivered_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (conversion_id, position)
);

-- A started campaign (wa.campaign-audience.v1) and who of its audience was treated or held out, once per address.
CREATE TABLE campaign_audience (
    campaign_id  VARCHAR(128) PRIMARY KEY,
    project      VARCHAR(128) NOT NULL,
    started_at   TIMESTAMPTZ  NOT NULL
);
CREATE TABLE campaign_assignment (
    campaign_id  VARCHAR(128) NOT NULL,
    address      VARCHAR(160) NOT NULL,
    holdout      BOOLEAN      NOT NULL,
    PRIMARY KEY (campaign_id, address)
);
