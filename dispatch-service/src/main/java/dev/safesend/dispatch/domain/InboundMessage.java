package dev.safesend.dispatch.domain;

import java.time.Instant;

/**
 * A message a person wrote to a business number, as far as dispatch cares: it opens the 24 h window for that number,
 * and its position on wa.inbound-messages.v1 says until when the person's consent may be changing because of it.
 */
public record InboundMessage(String senderId, String phone, Instant receivedAt, InboundPosition position) {
}
