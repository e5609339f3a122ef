package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PairReactionsTest {

    private static final PairKey ANA_TO_FIRST = new PairKey("106540352242922", "263771234567");
    private static final PairKey ANA_TO_SECOND = new PairKey("106540352242923", "263771234567");

    private final PairReactions reactions = new PairReactions();

    @Test
    void aPersonWritesStopToANumberOnlyOnceButToEachNumber() {
        assertThat(reactions.recordStop(ANA_TO_FIRST)).isTrue();
        assertThat(reactions.recordStop(ANA_TO_FIRST)).isFalse();
        assertThat(reactions.recordStop(ANA_TO_SECOND)).isTrue();
        assertThat(reactions.stopsWrittenBy("263771234567")).containsExactly("106540352242922", "106540352242923");
    }

    @Test
    void aBlockHoldsForThatNumberOnlyUntilTheReset() {
        reactions.block(ANA_TO_FIRST);

        assertThat(reactions.isBlocked(ANA_TO_FIRST)).isTrue();
        assertThat(reactions.isBlocked(ANA_TO_SECOND)).isFalse();
        assertThat(reactions.blockedBy("263771234567")).containsExactly("106540352242922");
        reactions.reset();
        assertThat(reactions.isBlocked(ANA_TO_FIRST)).isFalse();
        assertThat(reactions.size()).isZero();
    }

    @Test
    void theFailureOfAMessageToABlockerIsMetasUndeliverable131026() {
        assertThat(PairReactions.BLOCKED.error().code()).isEqualTo(131026);
    }
}
