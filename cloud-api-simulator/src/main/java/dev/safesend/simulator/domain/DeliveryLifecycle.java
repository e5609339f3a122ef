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
 *
 * <p>A recipient of the simulated population ({@link RecipientBehaviour} other than DEFAULT) is
 * always delivered, and the ratios do not apply: READ and REPLY read {@code readDelay} after delivery;
 * REPLY answers {@code readDelay} after reading; STOP writes "STOP" {@code readDelay} after delivery
 * without reading; BLOCK blocks the number at delivery; IGNORE does nothing.
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

    /**
     * The statuses of a message to a recipient of class {@code behaviour}, and what the recipient does
     * after it (null for nothing); {@code random} is used only for {@link RecipientBehaviour#DEFAULT}.
     */
    public Plan plan(RecipientBehaviour behaviour, Instant acceptedAt, DoubleSupplier random) {
        if (behaviour == RecipientBehaviour.DEFAULT) {
            return new Plan(plan(acceptedAt, random), null);
        }
        Instant sent = acceptedAt.plus(sentDelay);
        Instant delivered = sent.plus(deliveredDelay);
        List<PlannedStatus> statuses = new ArrayList<>(3);
        statuses.add(new PlannedStatus(MessageStatus.SENT, sent));
        statuses.add(new PlannedStatus(MessageStatus.DELIVERED, delivered));
        PlannedReaction reaction = null;
        switch (behaviour) {
            case READ -> statuses.add(new PlannedStatus(MessageStatus.READ, delivered.plus(readDelay)));
            case REPLY -> {
                Instant read = delivered.plus(readDelay);
                statuses.add(new PlannedStatus(MessageStatus.READ, read));
                reaction = new PlannedReaction(Reaction.REPLY, read.plus(readDelay));
            }
            case STOP -> reaction = new PlannedReaction(Reaction.WRITE_STOP, delivered.plus(readDelay));
            case BLOCK -> reaction = new PlannedReaction(Reaction.BLOCK, delivered);
            default -> {
                // IGNORE: delivered, never read
            }
        }
        return new Plan(List.copyOf(statuses), reaction);
    }

    /** The single failed status of a message that fails after acceptance. */
    public PlannedStatus failure(Instant acceptedAt) {
        return new PlannedStatus(MessageStatus.FAILED, acceptedAt.plus(sentDelay));
    }

    /** One status and when it happens. */
    public record PlannedStatus(MessageStatus status, Instant at) {
    }

    /** What a recipient of the population does after a message, besides reading it. */
    public enum Reaction {
        /** Writes a text quoting the message. */
        REPLY,
        /** Writes "STOP" (once per business number). */
        WRITE_STOP,
        /** Blocks the business number. */
        BLOCK
    }

    /** A reaction and when it happens. */
    public record PlannedReaction(Reaction reaction, Instant at) {
    }

    /** The statuses of one message and the recipient's reaction (null for none). */
    public record Plan(List<PlannedStatus> statuses, PlannedReaction reaction) {
    }
}
