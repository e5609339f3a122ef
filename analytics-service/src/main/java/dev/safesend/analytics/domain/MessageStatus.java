package dev.safesend.analytics.domain;

/**
 * A message's lifecycle status with its rank: a message's current status only ever moves to a
 * higher rank, whatever order the events arrive in (Meta's webhooks have no ordering guarantee).
 */
public enum MessageStatus {
    ACCEPTED(0), DEFERRED(1), UNKNOWN(2), SUBMITTED(3), SENT(4),
    FAILED(5), REJECTED(5), SUPPRESSED(5), EXPIRED(5),
    DELIVERED(6), READ(7);

    private final int rank;

    MessageStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** True when a message whose current status is {@code current} should now show {@code this}. */
    public boolean supersedes(MessageStatus current) {
        return current == null || rank > current.rank;
    }
}
