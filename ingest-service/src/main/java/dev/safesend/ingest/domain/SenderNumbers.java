package dev.safesend.ingest.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The display numbers of safesend's senders (phone-number-ids), so that a Meta webhook naming a number only by its
 * {@code display_phone_number} (phone_number_quality_update, account_update's {@code phone_number}) can name the
 * sender. Numbers are compared as digits ("+1 555-000-0001" = "15550000001").
 */
public final class SenderNumbers {

    public static final SenderNumbers NONE = new SenderNumbers(Map.of());

    private final Map<String, String> senderByDisplay;

    /**
     * @param displayBySender phone-number-id → display number
     * @throws IllegalArgumentException when two senders have the same display number
     */
    public SenderNumbers(Map<String, String> displayBySender) {
        Map<String, String> inverted = new HashMap<>();
        displayBySender.forEach((sender, display) -> {
            String digits = digits(display);
            if (digits.isEmpty()) {
                throw new IllegalArgumentException("the display number of sender " + sender + " has no digits: '" + display + "'");
            }
            String other = inverted.put(digits, sender);
            if (other != null && !other.equals(sender)) {
                throw new IllegalArgumentException("senders " + other + " and " + sender + " have the same display number " + digits);
            }
        });
        this.senderByDisplay = Map.copyOf(inverted);
    }

    /** The sender (phone-number-id) whose display number this is. */
    public Optional<String> senderFor(String displayNumber) {
        return displayNumber == null ? Optional.empty() : Optional.ofNullable(senderByDisplay.get(digits(displayNumber)));
    }

    private static String digits(String number) {
        return number == null ? "" : number.replaceAll("\\D", "");
    }
}
