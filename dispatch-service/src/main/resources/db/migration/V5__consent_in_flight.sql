-- wa.inbound-messages.v1: where each person's latest message sits on the topic (its partition and offset). Whatever
-- they wrote may be a STOP; until consent-service has acknowledged that offset (it does so only once the resulting
-- change is published) and this projection has applied the changes published before, the gate holds business messages
-- to them (OptOutPathProgress). Rows behind the cleared offsets hold nobody and are deleted.
-- phone is 128 wide: a business-scoped user id may stand in for a phone.
CREATE TABLE consent_in_flight (
    phone              VARCHAR(128) PRIMARY KEY,
    inbound_partition  INTEGER      NOT NULL,
    inbound_offset     BIGINT       NOT NULL
);
CREATE INDEX consent_in_flight_position_idx ON consent_in_flight (inbound_partition, inbound_offset);
