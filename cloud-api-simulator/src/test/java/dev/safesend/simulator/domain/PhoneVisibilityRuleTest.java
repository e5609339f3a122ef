package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneVisibilityRuleTest {

    private static final String NUMBER = "106540352242922";
    private static final String OTHER_NUMBER = "106540352242923";
    private static final String WABA = "100000000000001";
    private static final String OTHER_WABA = "200000000000002";
    private static final Instant NOW = Instant.parse("2025-07-01T10:00:00Z");

    private final PhoneVisibilityRule rule = new PhoneVisibilityRule();

    @Test
    void userWithoutUsernameAlwaysShowsThePhone() {
        assertThat(rule.phoneShown(user(null, Set.of(), Map.of()), NUMBER, WABA, NOW)).isTrue();
    }

    @Test
    void userWithUsernameWithholdsThePhoneFromANumberThatNeverSentToIt() {
        assertThat(rule.phoneShown(user("ana.k", Set.of(), Map.of()), NUMBER, WABA, NOW)).isFalse();
    }

    @Test
    void phoneIsShownToTheNumberThatSentToItInTheLast30Days() {
        WhatsAppUser user = user("ana.k", Set.of(), Map.of(NUMBER, NOW.minus(Duration.ofDays(30))));

        assertThat(rule.phoneShown(user, NUMBER, WABA, NOW)).isTrue();
    }

    @Test
    void aSendOlderThan30DaysNoLongerShowsThePhone() {
        WhatsAppUser user = user("ana.k", Set.of(), Map.of(NUMBER, NOW.minus(Duration.ofDays(30)).minusSeconds(1)));

        assertThat(rule.phoneShown(user, NUMBER, WABA, NOW)).isFalse();
    }

    @Test
    void recentExchangeIsCheckedPerBusinessNumber() {
        WhatsAppUser user = user("ana.k", Set.of(), Map.of(OTHER_NUMBER, NOW.minusSeconds(60)));

        assertThat(rule.phoneShown(user, NUMBER, WABA, NOW)).isFalse();
    }

    @Test
    void phoneInTheContactBookOfTheNumbersWabaIsShown() {
        assertThat(rule.phoneShown(user("ana.k", Set.of(WABA), Map.of()), NUMBER, WABA, NOW)).isTrue();
    }

    @Test
    void anotherWabasContactBookDoesNotCount() {
        assertThat(rule.phoneShown(user("ana.k", Set.of(OTHER_WABA), Map.of()), NUMBER, WABA, NOW)).isFalse();
    }

    private static WhatsAppUser user(String username, Set<String> contactBooks, Map<String, Instant> lastSent) {
        return new WhatsAppUser("5511987654321", "5511987654321", Map.of(WABA, "BR.1"), username, "Ana", contactBooks,
                Set.of(), lastSent, List.of());
    }
}
