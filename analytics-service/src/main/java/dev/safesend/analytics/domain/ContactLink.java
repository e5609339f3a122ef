package dev.safesend.analytics.domain;

import dev.safesend.servicekit.identity.Bsuid;

/**
 * An address and the contact key it belongs to (docs/identity.md). consent-service's links are authoritative; a status or
 * an inbound message that names a phone and a BSUID links the BSUID to the phone (the key is a phone when there is one).
 */
public record ContactLink(String address, String contactKey) {

    /** The link a phone/BSUID pair implies, or null when the pair is not one phone and one BSUID. */
    public static ContactLink ofPair(String phone, String bsuid) {
        if (phone == null || bsuid == null || !phone.startsWith("+") || !Bsuid.isBsuid(bsuid)) {
            return null;
        }
        return new ContactLink(bsuid, phone);
    }
}
