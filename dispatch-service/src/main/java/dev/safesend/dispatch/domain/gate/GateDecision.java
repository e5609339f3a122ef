package dev.safesend.dispatch.domain.gate;

import java.time.Instant;

/** The gate's verdict on one message, with the reason every event carries. */
public sealed interface GateDecision {

    String reason();

    /** All checks passed: take a token and call the Cloud API. */
    record Send() implements GateDecision {
        public String reason() {
            return "OK";
        }
    }

    /** Already in the send ledger: do nothing (no event either; the first attempt owns the outcome). */
    record Skip(String reason) implements GateDecision {
    }

    /** Terminal: the message must never be sent (EXPIRED, SUPPRESSED or REJECTED event). */
    record Stop(Outcome outcome, String reason) implements GateDecision {
    }

    /** Not now: store durably and re-enter the sender's lane at {@code until} (DEFERRED event). */
    record Defer(Instant until, String reason) implements GateDecision {
    }

    /** Terminal outcomes of the gate, named as the events they become. */
    enum Outcome { EXPIRED, SUPPRESSED, REJECTED }
}
