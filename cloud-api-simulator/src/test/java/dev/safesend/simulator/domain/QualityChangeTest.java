package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QualityChangeTest {

    private static final String NUMBER = "106540352242922";
    private static final NumberQuality GREEN_UNLIMITED = new NumberQuality(QualityRating.GREEN, MessagingLimit.TIER_UNLIMITED);

    private final NumberQualities qualities = new NumberQualities(GREEN_UNLIMITED);

    @Test
    void aNumberNobodyRatedHasTheInitialQuality() {
        assertThat(qualities.of(NUMBER)).isEqualTo(GREEN_UNLIMITED);
    }

    @Test
    void turningRedFlagsTheNumberWithItsCurrentLimit() {
        QualityChange change = qualities.update(NUMBER, QualityRating.RED, null);

        assertThat(change.events()).containsExactly(
                new QualityChange.QualityEvent("FLAGGED", MessagingLimit.TIER_UNLIMITED, null));
        assertThat(change.limitChange()).isEmpty();
        assertThat(qualities.of(NUMBER).flagged()).isTrue();
    }

    @Test
    void leavingRedUnflagsTheNumberAndStayingRedDoesNotFlagItAgain() {
        qualities.update(NUMBER, QualityRating.RED, null);

        assertThat(qualities.update(NUMBER, QualityRating.RED, null).events()).isEmpty();
        assertThat(qualities.update(NUMBER, QualityRating.YELLOW, null).events()).extracting(QualityChange.QualityEvent::event)
                .containsExactly("UNFLAGGED");
    }

    @Test
    void aChangeBetweenGreenAndYellowHasNoEvent() {
        assertThat(qualities.update(NUMBER, QualityRating.YELLOW, null).events()).isEmpty();
        assertThat(qualities.update(NUMBER, QualityRating.GREEN, null).events()).isEmpty();
        assertThat(qualities.of(NUMBER).rating()).isEqualTo(QualityRating.GREEN);
    }

    @Test
    void aLowerLimitIsADowngradeAndAHigherOneAnUpgradeWithTheOldLimit() {
        QualityChange down = qualities.update(NUMBER, null, MessagingLimit.TIER_2K);
        QualityChange up = qualities.update(NUMBER, null, MessagingLimit.TIER_10K);

        assertThat(down.events()).containsExactly(
                new QualityChange.QualityEvent("DOWNGRADE", MessagingLimit.TIER_2K, MessagingLimit.TIER_UNLIMITED));
        assertThat(up.events()).containsExactly(
                new QualityChange.QualityEvent("UPGRADE", MessagingLimit.TIER_10K, MessagingLimit.TIER_2K));
        assertThat(qualities.of(NUMBER).rating()).as("the rating is kept").isEqualTo(QualityRating.GREEN);
        assertThat(qualities.update(NUMBER, null, MessagingLimit.TIER_10K).events()).as("the same limit again").isEmpty();
    }

    @Test
    void turningRedWithALowerLimitFlagsFirstThenDowngrades() {
        assertThat(qualities.update(NUMBER, QualityRating.RED, MessagingLimit.TIER_250).events())
                .extracting(QualityChange.QualityEvent::event).containsExactly("FLAGGED", "DOWNGRADE");
    }

    @Test
    void numbersAreRatedApartAndAResetRestoresTheInitialQuality() {
        qualities.update(NUMBER, QualityRating.RED, MessagingLimit.TIER_250);

        assertThat(qualities.of("106540352242923")).isEqualTo(GREEN_UNLIMITED);
        qualities.reset();
        assertThat(qualities.of(NUMBER)).isEqualTo(GREEN_UNLIMITED);
    }
}
