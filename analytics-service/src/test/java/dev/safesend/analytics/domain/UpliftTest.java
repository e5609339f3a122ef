package dev.safesend.analytics.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Newcombe's hybrid score interval against values computed by hand and against the worked examples of Newcombe (1998),
 * "Interval estimation for the difference between independent proportions", Statistics in Medicine 17, table II, method 10.
 */
class UpliftTest {

    private static final double EPS = 0.00005;

    private static Uplift uplift(long x1, long n1, long x2, long n2) {
        return Uplift.of(new Uplift.Group(n1, x1), new Uplift.Group(n2, x2));
    }

    @Test
    void nobodyConvertingInEitherGroupOfTenIsZeroWithinTheWilsonUpperBoundOfZeroOutOfTen() {
        // by hand: Wilson's upper bound for 0/10 is (z²/n) / (1 + z²/n) = 0.384146 / 1.384146 = 0.277533, lower bound 0;
        // low = 0 − sqrt(0² + 0.277533²), high = 0 + sqrt(0.277533² + 0²)
        Uplift u = uplift(0, 10, 0, 10);

        assertThat(u.difference()).isZero();
        assertThat(u.ci95Low()).isCloseTo(-0.2775, within(EPS));
        assertThat(u.ci95High()).isCloseTo(0.2775, within(EPS));
    }

    @Test
    void fiftySixOfSeventyAgainstFortyEightOfEighty() {
        // by hand: p1 = 0.8, Wilson (0.6918, 0.8770); p2 = 0.6, Wilson (0.4905, 0.7004);
        // low = 0.2 − sqrt(0.1082² + 0.1004²) = 0.0524, high = 0.2 + sqrt(0.0770² + 0.1095²) = 0.3339
        Uplift u = uplift(56, 70, 48, 80);

        assertThat(u.difference()).isCloseTo(0.2, within(1e-12));
        assertThat(u.ci95Low()).isCloseTo(0.0524, within(EPS));
        assertThat(u.ci95High()).isCloseTo(0.3339, within(EPS));
    }

    @Test
    void newcombesOtherWorkedExamples() {
        assertInterval(uplift(9, 10, 3, 10), 0.6, 0.1705, 0.8090);
        assertInterval(uplift(6, 7, 2, 7), 0.5714, 0.0582, 0.8062);
        assertInterval(uplift(5, 56, 0, 29), 0.0893, -0.0381, 0.1926);
        assertInterval(uplift(0, 10, 0, 20), 0.0, -0.1611, 0.2775);
        assertInterval(uplift(10, 10, 0, 20), 1.0, 0.6791, 1.0);
        assertInterval(uplift(10, 10, 0, 10), 1.0, 0.6075, 1.0);
    }

    @Test
    void withoutAHoldoutThereIsNoUplift() {
        assertThat(Uplift.of(new Uplift.Group(100, 10), new Uplift.Group(0, 0))).isNull();
        assertThat(Uplift.of(new Uplift.Group(0, 0), new Uplift.Group(10, 1))).isNull();
    }

    @Test
    void aGroupCannotConvertMoreThanItHas() {
        assertThatThrownBy(() -> new Uplift.Group(3, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Uplift.Group(0, 0).rate()).isZero();
        assertThat(new Uplift.Group(8, 2).rate()).isEqualTo(0.25);
    }

    private static void assertInterval(Uplift u, double difference, double low, double high) {
        assertThat(u.difference()).isCloseTo(difference, within(EPS));
        assertThat(u.ci95Low()).isCloseTo(low, within(EPS));
        assertThat(u.ci95High()).isCloseTo(high, within(EPS));
    }
}
