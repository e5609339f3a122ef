package dev.safesend.ingest.domain;

import java.util.List;

/** A request broke at least one rule; nothing of it was published. */
public class RequestRejectedException extends RuntimeException {

    private final transient List<Violation> violations;
    private final boolean alreadyHandled;

    public RequestRejectedException(List<Violation> violations) {
        this(violations, false);
    }

    /** {@code alreadyHandled}: the rejection was reported before (a redelivered Kafka request); do not report again. */
    public RequestRejectedException(List<Violation> violations, boolean alreadyHandled) {
        super(violations.size() + " rule(s) broken: " + violations);
        this.violations = List.copyOf(violations);
        this.alreadyHandled = alreadyHandled;
    }

    public List<Violation> violations() {
        return violations;
    }

    public boolean alreadyHandled() {
        return alreadyHandled;
    }
}
