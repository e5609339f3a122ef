package dev.safesend.simulator.domain;

import java.util.Optional;

/** What the send gate decided for one message. */
public sealed interface GateDecision permits GateDecision.Accepted, GateDecision.Rejected {

    /**
     * Accepted (HTTP 200). {@code template} is the template sent, if any; {@code asyncFailure} is
     * set when the message will fail after acceptance (failed status webhook instead of sent);
     * {@code addressee} is whom the message reaches.
     */
    record Accepted(Template template, Rejection asyncFailure, Addressee addressee) implements GateDecision {

        public Optional<Template> sentTemplate() {
            return Optional.ofNullable(template);
        }

        public Optional<Rejection> failure() {
            return Optional.ofNullable(asyncFailure);
        }
    }

    /** Refused synchronously with a Meta error. */
    record Rejected(Rejection rejection) implements GateDecision {
    }
}
