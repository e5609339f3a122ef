package dev.safesend.consent.domain;

import dev.safesend.servicekit.identity.Bsuid;
import dev.safesend.servicekit.identity.InvalidPhoneNumberException;
import dev.safesend.servicekit.identity.PhoneNumbers;

import java.util.ArrayList;
import java.util.List;

/**
 * What one signal tells about who a person is: their phone (E.164, null when Meta withheld it), their BSUID and parent
 * BSUID (null before Meta sent them), and their username (display only, never a key). At least one of phone and BSUID
 * is set. Every address in it belongs to one contact identity; a signal naming two contacts' addresses links them.
 */
public record Identity(String phone, String bsuid, String parentBsuid, String username) {

    public Identity {
        if (phone == null && bsuid == null) {
            throw new InvalidPhoneNumberException("missing", "neither a phone nor a BSUID");
        }
        if (bsuid != null && !Bsuid.isBsuid(bsuid)) {
            throw new InvalidPhoneNumberException("invalid_bsuid", "'" + Bsuid.mask(bsuid) + "' is not a BSUID");
        }
        if (parentBsuid != null && !Bsuid.isBsuid(parentBsuid)) {
            parentBsuid = null; // opaque extra: a malformed parent is dropped, not fatal
        }
    }

    /**
     * An identity from Meta's fields: {@code phoneOrWaId} E.164 or wa_id digits (normalised with libphonenumber), or
     * null; {@code userId} a BSUID or null. A {@code phoneOrWaId} that is itself a BSUID (a record whose phone field
     * carries the BSUID because Meta withheld the phone) counts as the BSUID.
     */
    public static Identity of(String phoneOrWaId, String userId, String parentUserId, String username) {
        String phone = null;
        String bsuid = Bsuid.isBsuid(userId) ? userId : null;
        if (phoneOrWaId != null && !phoneOrWaId.isBlank()) {
            if (Bsuid.isBsuid(phoneOrWaId)) {
                bsuid = bsuid == null ? phoneOrWaId : bsuid;
            } else {
                phone = PhoneNumbers.normalise(phoneOrWaId).e164();
            }
        }
        return new Identity(phone, bsuid, parentUserId, username);
    }

    /** An address as typed (REST path, a recipient): a BSUID, or a phone to normalise. */
    public static Identity ofAddress(String address) {
        return of(address, null, null, null);
    }

    /** The address a new contact takes as its key, and the one to answer the person at: the phone when known, else the BSUID. */
    public String preferredKey() {
        return phone != null ? phone : bsuid;
    }

    /** Every address, key candidates first (phone, BSUID, parent BSUID). */
    public List<Address> addresses() {
        List<Address> out = new ArrayList<>(3);
        if (phone != null) {
            out.add(new Address(phone, Address.Kind.PHONE));
        }
        if (bsuid != null) {
            out.add(new Address(bsuid, Address.Kind.BSUID));
        }
        if (parentBsuid != null) {
            out.add(new Address(parentBsuid, Address.Kind.PARENT_BSUID));
        }
        return out;
    }

    /** The region of the person: the phone's, else the BSUID's prefix. */
    public String region() {
        return phone != null ? PhoneNumbers.normalise(phone).region() : Bsuid.region(bsuid);
    }

    /** What a contact row records of the person: current phone, latest BSUID and parent, username (display only). */
    public record Known(String phone, String bsuid, String parentBsuid, String username) {
        public static final Known NONE = new Known(null, null, null, null);
    }

    public record Address(String value, Kind kind) {
        public enum Kind { PHONE, BSUID, PARENT_BSUID }
    }
}
