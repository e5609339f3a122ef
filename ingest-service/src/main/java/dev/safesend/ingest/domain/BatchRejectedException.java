package dev.safesend.ingest.domain;

/** Every item of a batch broke a rule: nothing was accepted or published. */
public class BatchRejectedException extends RuntimeException {

    private final transient BatchOutcome outcome;

    public BatchRejectedException(BatchOutcome outcome) {
        super("all " + outcome.items().size() + " item(s) of the batch were rejected");
        this.outcome = outcome;
    }

    public BatchOutcome outcome() {
        return outcome;
    }
}
