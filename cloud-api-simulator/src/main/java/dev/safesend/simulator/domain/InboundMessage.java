package dev.safesend.simulator.domain;

import java.time.Instant;

/**
 * A message a simulated user sends to a business number: free text, or a tap on a template's
 * quick-reply button (then {@code buttonPayload}/{@code buttonText}, usually with the template's
 * wamid as {@code contextWamid}). {@code waId} is null when the user's phone is withheld from this
 * number; {@code userId} is the user's BSUID in the number's WABA; {@code username} is set when the
 * user has one.
 */
public record InboundMessage(String phoneNumberId, String waId, String userId, String username, String profileName,
                             String wamid, Instant at, String text, String buttonPayload, String buttonText,
                             String contextWamid) {

    /** A message showing the phone, without BSUID or username. */
    public InboundMessage(String phoneNumberId, String waId, String profileName, String wamid, Instant at, String text,
                          String buttonPayload, String buttonText, String contextWamid) {
        this(phoneNumberId, waId, null, null, profileName, wamid, at, text, buttonPayload, buttonText, contextWamid);
    }

    public boolean isButton() {
        return buttonPayload != null;
    }
}
