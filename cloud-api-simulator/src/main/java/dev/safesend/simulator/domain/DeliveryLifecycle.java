package dev.safesend.simulator.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * When an accepted message is reported sent, delivered and read: sent after {@code sentDelay},
 * delivered {@code deliveredDelay} later for a share {@code deliveredRatio} of messages, read
 * {@code readDelay} after that for a share {@code readRatio} of the delivered ones.
 */
public final class DeliveryLifecycle {

    private final Duration sentDelay;
    private final Duration deliveredDelay;
    private final Duration readDelay;
    private final double deliveredRatio;
    private final double readRatio;

    public DeliveryLifecycle(Duration sentDelay, Duration deliveredDelay, Duration readDelay, double deliveredRatio,
                             double readRatio) {
        if (sentDelay.isNegative() || deliveredDelay.isNegative() || readDelay.isNegative()) {
            throw new IllegalArgumentException("delivery delays must not be negative");
        }
        if (deliveredRatio < 0 || deliveredRatio > 1 || readRatio < 0 || readRatio > 1) {
            throw new IllegalArgumentException("delivery ratios must be between 0 and 1");
        }
        this.sentDelay = sentDelay;
        this.deliveredDelay = deliveredDelay;
        this.readDelay = readDelay;
        this.deliveredRatio = deliveredRatio;
        this.readRatio = readRatio;
    }

    /** The statuses of a message accepted at {@code acceptedAt}; {@code random} yields numbers in [0, 1). */
    public List<PlannedStatus> plan(Instant acceptedAt, DoubleSupplier random) {
        List<PlannedStatus> statuses = new ArrayList<>(3);
        Instant sent = acceptedAt.plus(sentDelay);
        statuses.add(new PlannedStatus(MessageStatus.SENT, sent));
        if (random.getAsDouble() < deliveredRatio) {
            Instant delivered = sent.plus(deliveredDelay);
            statuses.add(new PlannedStatus(MessageStatus.DELIVERED, delivered));
            if (random.getAsDouble() < readRatio) {
                statuses.add(new PlannedStatus(MessageStatus.READ, delivered.plus(readDelay)));
            }
        }
        return statuses;
    }

    /** The single failed status of a message that fails after acceptance. */
    public PlannedStatus failure(Instant acceptedAt) {
        return new PlannedStatus(MessageStatus.FAILED, acceptedAt.plus(sentDelay));
    }

    /** One status and when it happens. */
    public record PlannedStatus(MessageStatus status, Instant at) {
    }
}
