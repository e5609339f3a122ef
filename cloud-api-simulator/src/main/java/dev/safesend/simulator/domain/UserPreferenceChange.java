package dev.safesend.simulator.domain;

import java.time.Instant;
import java.util.Locale;

/**
 * A user stops or resumes marketing messages from a business ({@code user_preferences} webhook to
 * {@code phoneNumberId}). {@code waId} is null when the phone is withheld from that number.
 */
public record UserPreferenceChange(String phoneNumberId, String waId, String userId, String profileName,
                                   Value value, Instant at) {

    public static final String CATEGORY = "marketing_messages";

    /** {@code stop} or {@code resume}. */
    public enum Value {
        STOP, RESUME;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public String detail() {
        return value == Value.STOP ? "User requested to stop marketing messages"
                : "User requested to resume marketing messages";
    }
}
