package dev.safesend.ingest.domain;

import java.time.Instant;

/** A message a user wrote to one of our numbers (text, button tap, interactive reply, or something else). */
public record InboundMessage(String wamid, String waId, String senderId, String displayPhoneNumber, String profileName,
                             Kind kind, String text, String buttonPayload, String buttonText, String contextWamid,
                             Instant at) {

    public enum Kind { TEXT, BUTTON, INTERACTIVE, UNSUPPORTED, OTHER }

    /** Meta retries deliver the same message again: one event per wamid. */
    public String dedupeKey() {
        return "inbound:" + wamid;
    }
}
