package dev.safesend.simulator.rest;

/**
 * A simulated user's message: {@code text}, or a button tap ({@code buttonPayload}, optional
 * {@code buttonText} and the template's {@code contextWamid}); {@code to} is the phone-number-id.
 */
public record UserMessageRequest(String to, String text, String buttonPayload, String buttonText, String contextWamid,
                                 String profileName) {
}
