package dev.safesend.ingest.domain.campaign;

import dev.safesend.ingest.domain.Violation;

import java.util.List;

/** A campaign definition that cannot be used (a 422 naming each field). */
public class CampaignValidationException extends RuntimeException {

    private final List<Violation> violations;

    public CampaignValidationException(List<Violation> violations) {
        super("the campaign is not valid: " + violations.stream().map(v -> v.field() + " " + v.code()).toList());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
