package dev.safesend.simulator.domain;

/**
 * Whom a send reaches: the {@code recipient} as addressed, the {@code user} behind it (null for a
 * BSUID that belongs to no user of the sending number's WABA) and the BSUID in that WABA.
 */
public record Addressee(Recipient recipient, WhatsAppUser user, String userId) {

    public boolean known() {
        return user != null;
    }

    /** The person's key (pair limit, window, ledger); for a BSUID of nobody, the BSUID itself. */
    public String personKey() {
        return user != null ? user.key() : recipient.userId();
    }

    /** The user's phone digits, or null when nobody has the BSUID. */
    public String phone() {
        return user != null ? user.phone() : null;
    }

    public boolean byPhone() {
        return !recipient.isUserId();
    }
}
