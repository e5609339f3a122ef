package dev.safesend.dispatch.domain;

import java.util.List;

/** A sender registration broke at least one rule; nothing was stored. */
public class InvalidSenderException extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidSenderException(List<Violation> violations) {
        super(violations.size() + " rule(s) broken");
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
