package dev.safesend.ingest.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SenderHealthTest {

    private static SenderHealth paused(String... reasons) {
        return new SenderHealth("110000000000001", SenderHealth.State.PAUSED, List.of(reasons));
    }

    @Test
    void aPausedNumberStopsTakingMarketingButKeepsOtpsAndUtilityMessages() {
        SenderHealth health = paused("QUALITY_RED");
        assertThat(health.pauses(Category.MARKETING)).isTrue();
        assertThat(health.pauses(Category.AUTHENTICATION)).isFalse();
        assertThat(health.pauses(Category.UTILITY)).isFalse();
        assertThat(health.pauses(Category.SERVICE)).isFalse();
    }

    @Test
    void anAccountLevelBlockPausesEveryCategory() {
        for (String reason : List.of("META_368", "META_131031", "ALL_CATEGORIES", "ACCOUNT_RESTRICTION", "manual")) {
            SenderHealth health = paused(reason);
            for (Category c : Category.values()) {
                assertThat(health.pauses(c)).as(reason + " " + c).isTrue();
            }
        }
    }

    @Test
    void aReasonNamingACategoryPausesThatCategoryToo() {
        SenderHealth health = paused("META_131048", "PAUSE_UTILITY");
        assertThat(health.pauses(Category.UTILITY)).isTrue();
        assertThat(health.pauses(Category.AUTHENTICATION)).isFalse();
    }

    @Test
    void healthyWarnedAndThrottledNumbersPauseNothing() {
        for (SenderHealth.State state : List.of(SenderHealth.State.HEALTHY, SenderHealth.State.THROTTLED, SenderHealth.State.WARNING)) {
            SenderHealth health = new SenderHealth("1", state, List.of("ALL_CATEGORIES"));
            assertThat(health.pauses(Category.MARKETING)).isFalse();
        }
    }

    @Test
    void aCriticalNumberPausesMarketingOnlyWhateverItsReasons() {
        SenderHealth health = new SenderHealth("1", SenderHealth.State.CRITICAL, List.of("ACCOUNT_RESTRICTION", "PAUSE_UTILITY"));
        assertThat(health.pauses(Category.MARKETING)).isTrue();
        assertThat(health.pauses(Category.UTILITY)).isFalse();
        assertThat(health.pauses(Category.AUTHENTICATION)).isFalse();
    }
}
