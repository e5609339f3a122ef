package dev.safesend.analytics.domain;

/**
 * What the rollups count: the steps a message reached at least once, each a bit of the message's mask. A status reaches
 * its own step and the steps it implies: READ implies DELIVERED, SENT and SUBMITTED (Meta's READ often overtakes its
 * DELIVERED, and a message can only be read once delivered). FAILED_CODED and SUPPRESSED_REASONED are reached when the
 * failure's Meta error code or the suppression's reason is known, so "failed by code" is counted once too, even when the
 * code arrives on a later FAILED than the first.
 */
public enum Step {
    SUBMITTED, SENT, DELIVERED, READ, FAILED, SUPPRESSED, REJECTED, EXPIRED, DEFERRED, FAILED_CODED, SUPPRESSED_REASONED;

    public int bit() {
        return 1 << ordinal();
    }

    public boolean in(int mask) {
        return (mask & bit()) != 0;
    }

    /** The steps a status reaches (ACCEPTED and UNKNOWN reach none). */
    public static int reachedBy(MessageStatus status) {
        return switch (status) {
            case READ -> READ.bit() | DELIVERED.bit() | SENT.bit() | SUBMITTED.bit();
            case DELIVERED -> DELIVERED.bit() | SENT.bit() | SUBMITTED.bit();
            case SENT -> SENT.bit() | SUBMITTED.bit();
            case SUBMITTED -> SUBMITTED.bit();
            case FAILED -> FAILED.bit();
            case SUPPRESSED -> SUPPRESSED.bit();
            case REJECTED -> REJECTED.bit();
            case EXPIRED -> EXPIRED.bit();
            case DEFERRED -> DEFERRED.bit();
            case ACCEPTED, UNKNOWN -> 0;
        };
    }
}
