package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.function.DoubleSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryLifecycleTest {

    private static final Instant ACCEPTED = Instant.parse("2025-07-01T10:00:00Z");

    private final DeliveryLifecycle lifecycle = new DeliveryLifecycle(Duration.ofMillis(50), Duration.ofMillis(150),
            Duration.ofMillis(400), 0.9, 0.5);

    @Test
    void deliveredAndReadMessageIsSentThenDeliveredThenReadAtTheConfiguredDelays() {
        List<DeliveryLifecycle.PlannedStatus> plan = lifecycle.plan(ACCEPTED, randoms(0.1, 0.1));

        assertThat(plan).containsExactly(
                new DeliveryLifecycle.PlannedStatus(MessageStatus.SENT, ACCEPTED.plusMillis(50)),
                new DeliveryLifecycle.PlannedStatus(MessageStatus.DELIVERED, ACCEPTED.plusMillis(200)),
                new DeliveryLifecycle.PlannedStatus(MessageStatus.READ, ACCEPTED.plusMillis(600)));
    }

    @Test
    void unreadMessageStopsAtDelivered() {
        assertThat(lifecycle.plan(ACCEPTED, randoms(0.1, 0.5))).extracting(DeliveryLifecycle.PlannedStatus::status)
                .containsExactly(MessageStatus.SENT, MessageStatus.DELIVERED);
    }

    @Test
    void undeliveredMessageIsOnlySent() {
        assertThat(lifecycle.plan(ACCEPTED, randoms(0.9))).extracting(DeliveryLifecycle.PlannedStatus::status)
                .containsExactly(MessageStatus.SENT);
    }

    @Test
    void aDefaultRecipientFollowsTheConfiguredRatiosWithNoReaction() {
        DeliveryLifecycle.Plan plan = lifecycle.plan(RecipientBehaviour.DEFAULT, ACCEPTED, randoms(0.9));

        assertThat(plan.statuses()).extracting(DeliveryLifecycle.PlannedStatus::status).containsExactly(MessageStatus.SENT);
        assertThat(plan.reaction()).isNull();
    }

    @Test
    void aReaderIsAlwaysDeliveredAndReadWhateverTheRatios() {
        DeliveryLifecycle never = new DeliveryLifecycle(Duration.ofMillis(50), Duration.ofMillis(150),
                Duration.ofMillis(400), 0, 0);

        DeliveryLifecycle.Plan plan = never.plan(RecipientBehaviour.READ, ACCEPTED, () -> {
            throw new AssertionError("a population recipient draws no random number");
        });

        assertThat(plan.statuses()).containsExactly(
                new DeliveryLifecycle.PlannedStatus(MessageStatus.SENT, ACCEPTED.plusMillis(50)),
                new DeliveryLifecycle.PlannedStatus(MessageStatus.DELIVERED, ACCEPTED.plusMillis(200)),
                new DeliveryLifecycle.PlannedStatus(MessageStatus.READ, ACCEPTED.plusMillis(600)));
        assertThat(plan.reaction()).isNull();
    }

    @Test
    void aReplierReadsThenAnswersAReadDelayLater() {
        DeliveryLifecycle.Plan plan = lifecycle.plan(RecipientBehaviour.REPLY, ACCEPTED, randoms());

        assertThat(plan.statuses()).extracting(DeliveryLifecycle.PlannedStatus::status)
                .containsExactly(MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.READ);
        assertThat(plan.reaction()).isEqualTo(
                new DeliveryLifecycle.PlannedReaction(DeliveryLifecycle.Reaction.REPLY, ACCEPTED.plusMillis(1000)));
    }

    @Test
    void anIgnorerAStopperAndABlockerAreDeliveredAndNeverRead() {
        DeliveryLifecycle.Plan ignore = lifecycle.plan(RecipientBehaviour.IGNORE, ACCEPTED, randoms());
        DeliveryLifecycle.Plan stop = lifecycle.plan(RecipientBehaviour.STOP, ACCEPTED, randoms());
        DeliveryLifecycle.Plan block = lifecycle.plan(RecipientBehaviour.BLOCK, ACCEPTED, randoms());

        for (DeliveryLifecycle.Plan plan : List.of(ignore, stop, block)) {
            assertThat(plan.statuses()).extracting(DeliveryLifecycle.PlannedStatus::status)
                    .containsExactly(MessageStatus.SENT, MessageStatus.DELIVERED);
        }
        assertThat(ignore.reaction()).isNull();
        assertThat(stop.reaction()).isEqualTo(
                new DeliveryLifecycle.PlannedReaction(DeliveryLifecycle.Reaction.WRITE_STOP, ACCEPTED.plusMillis(600)));
        assertThat(block.reaction()).as("the block takes effect when the message is delivered").isEqualTo(
                new DeliveryLifecycle.PlannedReaction(DeliveryLifecycle.Reaction.BLOCK, ACCEPTED.plusMillis(200)));
    }

    @Test
    void failureIsReportedWhenSentWouldHaveBeen() {
        assertThat(lifecycle.failure(ACCEPTED))
                .isEqualTo(new DeliveryLifecycle.PlannedStatus(MessageStatus.FAILED, ACCEPTED.plusMillis(50)));
    }

    private static DoubleSupplier randoms(Double... values) {
        Iterator<Double> iterator = List.of(values).iterator();
        return iterator::next;
    }
}
