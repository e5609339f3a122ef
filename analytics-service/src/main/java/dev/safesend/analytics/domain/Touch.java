package dev.safesend.analytics.domain;

import java.time.Instant;

/**
 * A touchpoint: a campaign message delivered to a contact (DELIVERED, or READ, which implies it). {@code contact} is the
 * contact key (docs/identity.md), {@code recipient} the address the message was sent to; {@code deliveredAt} is null
 * only for a message quoted by a reply before its delivery status arrived.
 */
public record Touch(String messageId, String campaignId, String project, String contact, String recipient, String wamid,
                    String senderId, Instant deliveredAt) {
}
