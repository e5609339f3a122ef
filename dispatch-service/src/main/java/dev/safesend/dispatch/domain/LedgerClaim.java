package dev.safesend.dispatch.domain;

/** The send ledger's answer when dispatch wants to send a message. */
public enum LedgerClaim {
    /** First time: recorded INFLIGHT, go ahead and call the Cloud API. */
    CLAIMED,
    /** Already INFLIGHT or SUBMITTED: never call the Cloud API again for this message. */
    ALREADY_SENT_OR_SENDING
}
