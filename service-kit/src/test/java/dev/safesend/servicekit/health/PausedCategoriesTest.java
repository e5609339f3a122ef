package dev.safesend.servicekit.health;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PausedCategoriesTest {

    @Test
    void healthyWarnedAndThrottledNumbersSendEveryCategoryWhateverTheirReasons() {
        for (String state : List.of("HEALTHY", "WARNING", "THROTTLED")) {
            for (String category : PausedCategories.CATEGORIES) {
                assertThat(PausedCategories.pauses(state, List.of("ALL_CATEGORIES", "MANUAL"), category)).as(state + " " + category)
                        .isFalse();
            }
        }
    }

    @Test
    void aCriticalNumberHoldsMarketingOnlyEvenWithAnAccountLevelReason() {
        List<String> reasons = List.of("ACCOUNT_RESTRICTION", "PAUSE_UTILITY", "MANUAL");
        assertThat(PausedCategories.pauses("CRITICAL", reasons, "MARKETING")).isTrue();
        assertThat(PausedCategories.pauses("CRITICAL", reasons, "UTILITY")).isFalse();
        assertThat(PausedCategories.pauses("CRITICAL", reasons, "AUTHENTICATION")).isFalse();
        assertThat(PausedCategories.pauses("CRITICAL", reasons, "SERVICE")).isFalse();
    }

    @Test
    void aPausedNumberHoldsMarketingButKeepsOtpsAndUtilityMessagesForAQualityReason() {
        List<String> reasons = List.of("QUALITY_RED", "ERROR_131048");
        assertThat(PausedCategories.pauses("PAUSED", reasons, "MARKETING")).isTrue();
        assertThat(PausedCategories.pauses("PAUSED", reasons, "UTILITY")).isFalse();
        assertThat(PausedCategories.pauses("PAUSED", reasons, "AUTHENTICATION")).isFalse();
        assertThat(PausedCategories.pauses("PAUSED", reasons, "SERVICE")).isFalse();
        assertThat(PausedCategories.pauses("PAUSED", null, "UTILITY")).isFalse();
    }

    @Test
    void aPausedNumberWithAnAccountLevelReasonHoldsEveryCategoryWhateverTheCaseOfTheReason() {
        for (String reason : List.of("MANUAL", "ALL_CATEGORIES", "ACCOUNT_DISABLED", "ACCOUNT_RESTRICTION", "META_368",
                "META_131031", " manual ")) {
            for (String category : PausedCategories.CATEGORIES) {
                assertThat(PausedCategories.pauses("PAUSED", List.of("QUALITY_RED", reason), category)).as(reason + " " + category)
                        .isTrue();
            }
        }
    }

    @Test
    void aReasonNamingACategoryHoldsThatCategoryOnly() {
        List<String> reasons = List.of("PAUSE_UTILITY");
        assertThat(PausedCategories.pauses("PAUSED", reasons, "UTILITY")).isTrue();
        assertThat(PausedCategories.pauses("PAUSED", reasons, "utility")).isTrue();
        assertThat(PausedCategories.pauses("PAUSED", reasons, "AUTHENTICATION")).isFalse();
    }

    @Test
    void aStateTheRuleDoesNotKnowIsReadAsPaused() {
        assertThat(PausedCategories.pauses("QUARANTINED", List.of(), "MARKETING")).isTrue();
        assertThat(PausedCategories.pauses(null, List.of(), "MARKETING")).isTrue();
        assertThat(PausedCategories.pauses("QUARANTINED", List.of(), "UTILITY")).isFalse();
        assertThat(PausedCategories.pauses("QUARANTINED", List.of("MANUAL"), "AUTHENTICATION")).isTrue();
    }
}
