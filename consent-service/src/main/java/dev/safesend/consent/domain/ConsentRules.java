package dev.safesend.consent.domain;

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
}
