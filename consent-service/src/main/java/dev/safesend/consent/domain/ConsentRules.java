package dev.safesend.consent.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Whether a requested consent change applies. Consent first: an opt-in needs proof-bearing evidence from a source that
 * may grant, and never overrides an opt-out that happened after the opt-in's evidence (a stale form or an old CSV must
 * not re-subscribe someone who said STOP since).
 */
public final class ConsentRules {

    /** What a request does to the current state. */
    public enum Decision {
        /** The state changes: record it in the ledger and publish it. */
        APPLY,
        /** The state is already what was asked: nothing to record or publish. */
        UNCHANGED,
        /** An opt-in without proof, or from a source that cannot grant. */
        REJECTED_NO_EVIDENCE,
        /** An opt-in whose evidence is older than the opt-out it would override. */
        REJECTED_STALE_EVIDENCE,
        /** An opt-out from a source that cannot revoke. */
        REJECTED_SOURCE
    }

    private ConsentRules() {
    }

    public static Decision decide(CategoryConsent current, ConsentState requested, Evidence evidence) {
        if (requested == ConsentState.UNKNOWN) {
            throw new IllegalArgumentException("a change must grant or revoke");
        }
        if (requested == ConsentState.OPTED_IN) {
            if (!evidence.source().canGrant() || evidence.proof() == null) {
                return Decision.REJECTED_NO_EVIDENCE;
            }
            if (current.state() == ConsentState.OPTED_OUT && current.evidenceAt() != null
                    && evidence.at().isBefore(current.evidenceAt())) {
                return Decision.REJECTED_STALE_EVIDENCE;
            }
        } else if (!evidence.source().canRevoke()) {
            return Decision.REJECTED_SOURCE;
        }
        return current.state() == requested ? Decision.UNCHANGED : Decision.APPLY;
    }

    /**
     * The categories a request opts out: those it asks to revoke and that are not already OPTED_OUT, when its source
     * may revoke ({@link #decide} applies them). A category never set (UNKNOWN) counts: the person is opted out of it
     * now. What a repeated STOP, an opt-in or a refused revoke opts out is empty. This is what {@code ConsentChanged}
     * reports as {@code optedOut}, from which health-monitor counts opt-outs per business number, so a category is
     * listed only by the change that actually moved it.
     *
     * @param current the states before the change (a category missing is UNKNOWN)
     */
    public static Set<Category> optedOut(Map<Category, CategoryConsent> current, Map<Category, ConsentState> requested,
                                         Evidence evidence) {
        Set<Category> out = EnumSet.noneOf(Category.class);
        requested.forEach((category, state) -> {
            if (state == ConsentState.OPTED_OUT && decide(current.getOrDefault(category, CategoryConsent.unknown(category)),
                    state, evidence) == Decision.APPLY) {
                out.add(category);
            }
        });
        return out;
    }
}
