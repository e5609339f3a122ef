package dev.safesend.ingest.domain.campaign;

import java.util.Locale;
import java.util.Optional;

/**
 * Where one recipient's message is. The rank orders them: a status moves a recipient only forward, so a READ that
 * arrives before its DELIVERED, or a redelivered SENT, changes nothing. Terminal states end the recipient's part of
 * the campaign; the campaign completes when every recipient is terminal.
 */
public enum RecipientState {
    QUEUED(0, false), RELEASED(1, false), DEFERRED(3, false), SUBMITTED(4, false), UNKNOWN(5, false),
    SENT(6, true), DELIVERED(7, true), READ(8, true),
    FAILED(9, true), SUPPRESSED(9, true), EXPIRED(9, true), REJECTED(9, true),
    HOLDOUT(10, true), SKIPPED(10, true), CANCELLED(10, true);

    private final int rank;
    private final boolean terminal;

    RecipientState(int rank, boolean terminal) {
        this.rank = rank;
        this.terminal = terminal;
    }

    public int rank() {
        return rank;
    }

    public boolean terminal() {
        return terminal;
    }

    /** The recipient state a message event's status moves to, or empty for statuses that do not (ACCEPTED: the release is ours). */
    public static Optional<RecipientState> ofStatus(String status) {
        if (status == null) {
            return Optional.empty();
        }
        try {
            RecipientState s = valueOf(status.toUpperCase(Locale.ROOT));
            return s.rank >= DEFERRED.rank && s.rank <= REJECTED.rank ? Optional.of(s) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
