package dev.safesend.healthmonitor.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthScoreTest {

    @Test
    void aNumberWithCleanSignalsScoresAHundred() {
        Rates r = new Rates(10_000, 9_800, 0.98, 0.6, 0.2, 0, 0, 0);
        assertThat(HealthScore.of(r, "GREEN", false, 100)).isEqualTo(100.0);
    }

    @Test
    void eachPartWeighsAsDocumented() {
        // 5% API errors: 20 of 40; 82.5% delivered: 15 of 30; 0.1% opt-outs: 7.5 of 15; 0.5% blocks: 5 of 10; 25% read: 2.5 of 5
        Rates r = new Rates(10_000, 8_250, 0.825, 0.25, 0, 0.001, 0.005, 0.05);
        assertThat(HealthScore.of(r, null, false, 100)).isEqualTo(50.0);
        assertThat(HealthScore.of(r, "YELLOW", false, 100)).isEqualTo(40.0);
        assertThat(HealthScore.of(r, "RED", false, 100)).isEqualTo(25.0);
        assertThat(HealthScore.of(r, "RED", true, 100)).isEqualTo(15.0);
    }

    @Test
    void tooFewMessagesToJudgeCountAsNoEvidenceAgainstTheNumber() {
        Rates r = new Rates(10, 5, 0.5, 0, 0, 0.2, 0.2, 0);
        assertThat(HealthScore.of(r, "GREEN", false, 100)).isEqualTo(100.0);
    }
}
