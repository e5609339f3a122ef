package dev.safesend.healthmonitor.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryOutcomeTest {

    @ParameterizedTest(name = "HTTP {0} → {1}")
    @CsvSource({
            "200, DELIVERED", "202, DELIVERED", "204, DELIVERED",
            "400, REJECTED", "401, REJECTED", "403, REJECTED", "404, REJECTED", "410, REJECTED", "422, REJECTED",
            "408, RETRY", "429, RETRY",
            "500, RETRY", "502, RETRY", "503, RETRY", "504, RETRY",
            "0, RETRY",   // no answer: refused, reset or timed out
            "302, RETRY", // redirects are not followed; not a refusal either
    })
    void anAnswerIsDeliveredRejectedOrRetried(int status, DeliveryOutcome expected) {
        assertThat(DeliveryOutcome.ofStatus(status)).isEqualTo(expected);
    }
}
