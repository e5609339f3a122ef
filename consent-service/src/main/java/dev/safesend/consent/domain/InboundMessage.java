package dev.safesend.consent.domain;

import java.time.Instant;

/** A message a person wrote to a business number (text, or a quick-reply button with its payload). */
public record InboundMessage(String eventId, String wamid, String phone, String waId, String senderId, String profileName,
                             String text, String buttonPayload, Instant receivedAt) {
}
