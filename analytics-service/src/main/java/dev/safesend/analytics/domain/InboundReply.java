package dev.safesend.analytics.domain;

import java.time.Instant;

/** A user's message: {@code address} is the phone, or the BSUID when Meta withheld it; {@code contextWamid} the message it quotes. */
public record InboundReply(String eventId, String address, String userId, String contextWamid, Instant receivedAt) {
}
