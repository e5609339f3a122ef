package dev.safesend.ingest.service;

/** Phone numbers in logs keep the country/operator prefix and the last three digits: {@code +26377****123}. */
public final class Masking {

    private Masking() {
    }

    /** A phone as above, a BSUID as {@code BR.88****71}. */
    public static String phone(String e164) {
        if (dev.safesend.servicekit.identity.Bsuid.isBsuid(e164)) {
            return dev.safesend.servicekit.identity.Bsuid.mask(e164);
        }
        if (e164 == null || e164.length() < 8) {
            return "****";
        }
        return e164.substring(0, 6) + "****" + e164.substring(e164.length() - 3);
    }
}
