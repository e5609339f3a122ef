package dev.safesend.ingest.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CatchUpTest {

    @Test
    void aProjectionHasCaughtUpOnlyWhenEveryPartitionIsReadUpToItsEndOffsetAtStart() {
        CatchUp catchUp = CatchUp.of(Map.of(0, 0L, 1, 0L, 2, 0L), Map.of(0, 5L, 1, 3L, 2, 0L));

        assertThat(catchUp.reachedBy(Map.of())).isFalse();
        assertThat(catchUp.remaining(Map.of())).isEqualTo(8);
        assertThat(catchUp.reachedBy(Map.of(0, 5L))).isFalse();
        assertThat(catchUp.remaining(Map.of(0, 5L, 1, 2L))).isEqualTo(1);
        assertThat(catchUp.reachedBy(Map.of(0, 5L, 1, 3L))).isTrue();
        assertThat(catchUp.reachedBy(Map.of(0, 9L, 1, 4L))).as("records written after start count too").isTrue();
    }

    @Test
    void offsetsLeftCountFromWhereAPartitionBeginsNotFromZero() {
        CatchUp catchUp = CatchUp.of(Map.of(0, 40L), Map.of(0, 50L));

        assertThat(catchUp.remaining(Map.of())).isEqualTo(10);
        assertThat(catchUp.remaining(Map.of(0, 45L))).isEqualTo(5);
    }

    @Test
    void partitionsThatWereEmptyAtStartNeedNothingEvenWhenCompactionMovedTheirBeginning() {
        CatchUp catchUp = CatchUp.of(Map.of(0, 7L, 1, 0L), Map.of(0, 7L, 1, 0L));

        assertThat(catchUp.endOffsets()).isEmpty();
        assertThat(catchUp.reachedBy(Map.of())).isTrue();
        assertThat(CatchUp.nothingToRead().reachedBy(Map.of())).isTrue();
    }
}
