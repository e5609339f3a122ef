package dev.safesend.servicekit.identity;

/**
 * A user's address as the platform writes it: an E.164 phone ({@code +263771234567}) or a BSUID
 * ({@code ZW.1234567890}). Logs never show either whole.
 */
public final class Addresses {

    private Addresses() {
    }

    /**
     * {@code +26377****123} for a phone (country and operator prefix, last three digits), {@code BR.88****71} for a
     * BSUID; {@code ****} for anything too short to mask.
     */
    public static String mask(String address) {
        if (Bsuid.isBsuid(address)) {
            return Bsuid.mask(address);
        }
        if (address == null || address.length() < 8) {
            return "****";
        }
        return address.substring(0, 6) + "****" + address.substring(address.length() - 3);
    }
}
