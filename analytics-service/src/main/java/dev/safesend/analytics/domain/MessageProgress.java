package dev.safesend.analytics.domain;

import java.time.Instant;

/**
 * What the rollups know of one message: the steps it {@code reached} (a bit mask, see {@link Step}), the steps already
 * {@code counted} in its rollup cell, the cell once its birth event (ACCEPTED/REJECTED) has been seen, the first Meta
 * error code of its failure and the reason of its suppression, and the latest status time seen.
 * <p>
 * The counting rule: a step is added to the rollups once, when it is reached and the cell is known; so counts are
 * {@code reached & ~counted}, and afterwards {@code counted = reached}. Reaching is an OR, so the same event twice, Meta's
 * duplicate webhooks, Kafka's redelivery of a batch (the batch and its state change commit together) and any order of
 * arrival end in the same counts. A status seen before the message's birth event is kept in {@code reached} and counted,
 * in the right cell, when the birth event arrives.
 */
public record MessageProgress(String messageId, int reached, int counted, RollupCell cell, Instant bornAt,
                              Integer failedCode, String suppressedReason, Instant lastAt) {

    public static MessageProgress unseen(String messageId) {
        return new MessageProgress(messageId, 0, 0, null, null, null, null, null);
    }

    /** This progress after {@code e} (a duplicate or an older step changes nothing but the bits it already had). */
    public MessageProgress with(StatusEvent e) {
        int bits = reached | Step.reachedBy(e.status());
        RollupCell c = cell;
        Instant born = bornAt;
        if (c == null && e.isBirth()) {
            c = RollupCell.of(e);
            born = e.at();
        }
        Integer code = failedCode;
        if (e.status() == MessageStatus.FAILED && code == null && e.errorCode() != null) {
            code = e.errorCode();
        }
        if (code != null) {
            bits |= Step.FAILED_CODED.bit();
        }
        String why = suppressedReason;
        if (e.status() == MessageStatus.SUPPRESSED && why == null && e.reason() != null) {
            why = e.reason();
        }
        if (why != null) {
            bits |= Step.SUPPRESSED_REASONED.bit();
        }
        Instant last = lastAt == null || e.at().isAfter(lastAt) ? e.at() : lastAt;
        return new MessageProgress(messageId, bits, counted, c, born, code, why, last);
    }

    /** The steps to add to the rollups now: reached, not yet counted, and only once the cell is known. */
    public int countable() {
        return cell == null ? 0 : reached & ~counted;
    }

    /** This progress with everything countable counted. */
    public MessageProgress allCounted() {
        return cell == null ? this : new MessageProgress(messageId, reached, reached, cell, bornAt, failedCode, suppressedReason, lastAt);
    }
}
