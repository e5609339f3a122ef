package dev.safesend.consent.domain;

import dev.safesend.servicekit.identity.Addresses;

/** Phones and BSUIDs in logs and reports, masked the platform's one way ({@link Addresses#mask}): {@code +26377****123}. */
public final class Masking {

    private Masking() {
    }

    public static String phone(String address) {
        return Addresses.mask(address);
    }
}
