package dev.safesend.simulator.domain;

import java.time.Instant;

/**
 * The system message a business number gets when a user changes number (no {@code contacts}).
 * {@code oldPhone}/{@code newPhone} are set when the number may see the phone
 * ({@code user_changed_number}); both are null when it is withheld ({@code user_changed_user_id}).
 */
public record NumberChangeNotice(String phoneNumberId, String wamid, Instant at, String profileName, String oldPhone,
                                 String oldUserId, String newPhone, String newUserId) {

    public boolean showsPhone() {
        return newPhone != null;
    }

    /** {@code system.type}. */
    public String type() {
        return showsPhone() ? "user_changed_number" : "user_changed_user_id";
    }

    /** {@code system.body}: "User Ana changed from 5511… to 5511…", with BSUIDs when the phone is withheld. */
    public String body() {
        return showsPhone()
                ? "User " + profileName + " changed from " + oldPhone + " to " + newPhone
                : "User " + profileName + " changed from " + oldUserId + " to " + newUserId;
    }
}
