package dev.safesend.ingest.domain;

import java.util.List;

/** A request broke at least one rule; nothing of it was published. */
public class RequestRejectedException extends RuntimeException {

    private final transient List<Violation> violations;

    public RequestRejectedException(List<Violation> violations) {
        super(violations.size() + " rule(s) broken: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
