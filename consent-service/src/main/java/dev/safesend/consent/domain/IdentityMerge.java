package dev.safesend.consent.domain;

import java.util.EnumMap;
import java.util.Map;

/**
 * When two contacts turn out to be one person (a webhook names a phone and a BSUID that were separate contacts), the
 * survivor takes over, per category, whichever of the two states rests on the newer evidence: a STOP sent with only a
 * BSUID outweighs an older opt-in of the phone, and a later opt-in through the phone outweighs an old STOP. At equal
 * evidence times the opt-out wins. A state the survivor does not have at all (UNKNOWN) is adopted as it is.
 */
public final class IdentityMerge {

    private IdentityMerge() {
    }

    /** The categories, with the merged-away contact's consent, that the survivor must adopt. */
    public static Map<Category, CategoryConsent> adopt(Map<Category, CategoryConsent> survivor, Map<Category, CategoryConsent> merged) {
        Map<Category, CategoryConsent> adopt = new EnumMap<>(Category.class);
        merged.forEach((category, theirs) -> {
            if (theirs == null || theirs.state() == ConsentState.UNKNOWN || theirs.evidenceAt() == null) {
                return;
            }
            CategoryConsent ours = survivor.get(category);
            if (ours == null || ours.state() == ConsentState.UNKNOWN || ours.evidenceAt() == null) {
                adopt.put(category, theirs);
            } else if (ours.state() != theirs.state() && (theirs.evidenceAt().isAfter(ours.evidenceAt())
                    || (theirs.evidenceAt().equals(ours.evidenceAt()) && theirs.state() == ConsentState.OPTED_OUT))) {
                adopt.put(category, theirs);
            }
        });
        return adopt;
    }
}
