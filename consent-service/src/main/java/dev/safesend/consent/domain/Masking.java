package dev.safesend.consent.domain;

/** Phone numbers in logs and reports keep the country/operator prefix and the last three digits: {@code +26377****123}. */
public final class Masking {

    private Masking() {
    }

    public static String phone(String e164) {
        if (e164 == null || e164.length() < 8) {
            return "****";
        }
        return e164.substring(0, 6) + "****" + e164.substring(e164.length() - 3);
    }
}
