package dev.safesend.simulator.domain;

import java.time.Instant;

/**
 * A message a simulated user sends to a business number: free text, or a tap on a template's
 * quick-reply button (then {@code buttonPayload}/{@code buttonText}, usually with the template's
 * wamid as {@code contextWamid}).
 */
public record InboundMessage(String phoneNumberId, String waId, String profileName, String wamid, Instant at,
                             String text, String buttonPayload, String buttonText, String contextWamid) {

    public boolean isButton() {
        return buttonPayload != null;
    }
}
