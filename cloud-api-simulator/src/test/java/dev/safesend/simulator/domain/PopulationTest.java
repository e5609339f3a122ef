package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PopulationTest {

    private static final RecipientRange HARARE = RecipientRange.between("263770000000", "263770099999");

    @Test
    void aRecipientsClassIsTheSameEveryTimeAndInEveryInstanceOfTheSamePopulation() {
        PopulationSegment one = new PopulationSegment(HARARE, 0.5, 0.1, 0.2, 0.1, 0.1);
        PopulationSegment again = new PopulationSegment(RecipientRange.between("263770000000", "263770099999"),
                0.5, 0.1, 0.2, 0.1, 0.1);

        for (long n = 263770000000L; n < 263770001000L; n++) {
            String phone = Long.toString(n);
            assertThat(again.behaviourOf(phone)).isEqualTo(one.behaviourOf(phone)).isEqualTo(one.behaviourOf(phone));
        }
    }

    @Test
    void theRollIsTheDocumentedSha256OfTheRangeKeyAndThePhone() throws Exception {
        PopulationSegment segment = new PopulationSegment(HARARE, 0.5, 0, 0, 0, 0);
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest("263770000000-263770099999|263770000123".getBytes(StandardCharsets.UTF_8));
        double expected = (ByteBuffer.wrap(digest).getLong() >>> 11) / Math.pow(2, 53);

        assertThat(segment.roll("263770000123")).isEqualTo(expected).isBetween(0.0, 1.0);
        assertThat(new PopulationSegment(RecipientRange.startingWith("26377"), 0.5, 0, 0, 0, 0).roll("263770000123"))
                .as("a prefix range hashes as '<prefix>*'")
                .isEqualTo(rollOf("26377*|263770000123"));
    }

    @Test
    void sharesOfAHundredThousandRecipientsAreWithinFiveStandardDeviationsOfTheirExpectedCounts() {
        PopulationSegment segment = new PopulationSegment(HARARE, 0.5, 0.1, 0.2, 0.002, 0.001);
        Map<RecipientBehaviour, Integer> counts = new EnumMap<>(RecipientBehaviour.class);
        for (long n = 263770000000L; n <= 263770099999L; n++) {
            counts.merge(segment.behaviourOf(Long.toString(n)), 1, Integer::sum);
        }

        assertWithinFiveSigma(counts, RecipientBehaviour.READ, 0.5);
        assertWithinFiveSigma(counts, RecipientBehaviour.REPLY, 0.1);
        assertWithinFiveSigma(counts, RecipientBehaviour.IGNORE, 0.2);
        assertWithinFiveSigma(counts, RecipientBehaviour.STOP, 0.002);
        assertWithinFiveSigma(counts, RecipientBehaviour.BLOCK, 0.001);
        assertWithinFiveSigma(counts, RecipientBehaviour.DEFAULT, 0.197);
    }

    @Test
    void theSharesAreLaidOutInTheOrderReadReplyIgnoreStopBlockThenDefault() {
        PopulationSegment segment = new PopulationSegment(HARARE, 0.1, 0.1, 0.1, 0.1, 0.1);

        assertThat(List.of(0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.9999).stream().map(segment::behaviourAt))
                .containsExactly(RecipientBehaviour.READ, RecipientBehaviour.READ, RecipientBehaviour.REPLY,
                        RecipientBehaviour.IGNORE, RecipientBehaviour.STOP, RecipientBehaviour.BLOCK,
                        RecipientBehaviour.DEFAULT, RecipientBehaviour.DEFAULT);
    }

    @Test
    void aRangeHoldsBothEndsAndNothingOutsideThem() {
        RecipientRange range = RecipientRange.between("263770000000", "263770009999");

        assertThat(range.contains("263770000000")).isTrue();
        assertThat(range.contains("263770009999")).isTrue();
        assertThat(range.contains("263770005000")).isTrue();
        assertThat(range.contains("263769999999")).isFalse();
        assertThat(range.contains("263770010000")).isFalse();
        assertThat(range.contains("2637700000000")).as("a longer number is a larger one").isFalse();
        assertThat(range.contains(null)).isFalse();
    }

    @Test
    void aPrefixHoldsEveryNumberStartingWithItWhateverItsLength() {
        RecipientRange range = RecipientRange.startingWith("26377");

        assertThat(range.contains("263771234567")).isTrue();
        assertThat(range.contains("2637712345678")).isTrue();
        assertThat(range.contains("263781234567")).isFalse();
        assertThat(range.key()).isEqualTo("26377*");
    }

    @Test
    void aPhoneBelongsToTheFirstSegmentThatHoldsItAndOutsideEverySegmentFollowsTheDefault() {
        Population population = new Population(List.of(
                new PopulationSegment(RecipientRange.between("263770000000", "263770000009"), 0, 0, 0, 1, 0),
                new PopulationSegment(RecipientRange.startingWith("26377"), 1, 0, 0, 0, 0)));

        assertThat(population.classify("263770000005").segment()).isZero();
        assertThat(population.behaviourOf("263770000005")).isEqualTo(RecipientBehaviour.STOP);
        assertThat(population.classify("263771000000").segment()).isEqualTo(1);
        assertThat(population.behaviourOf("263771000000")).isEqualTo(RecipientBehaviour.READ);
        assertThat(population.classify("5511987654321")).isEqualTo(Population.Classification.UNCLASSIFIED);
        assertThat(population.behaviourOf("5511987654321")).isEqualTo(RecipientBehaviour.DEFAULT);
        assertThat(Population.NONE.behaviourOf("263770000005")).isEqualTo(RecipientBehaviour.DEFAULT);
    }

    @Test
    void sharesOutsideZeroToOneOrAddingUpToMoreThanOneAreRefused() {
        assertThatThrownBy(() -> new PopulationSegment(HARARE, 1.1, 0, 0, 0, 0)).hasMessageContaining("'read'");
        assertThatThrownBy(() -> new PopulationSegment(HARARE, 0, 0, 0, -0.1, 0)).hasMessageContaining("'stop'");
        assertThatThrownBy(() -> new PopulationSegment(HARARE, 0, 0, 0, 0, Double.NaN)).hasMessageContaining("'block'");
        assertThatThrownBy(() -> new PopulationSegment(HARARE, 0.6, 0.3, 0.2, 0, 0)).hasMessageContaining("must not exceed 1");
        assertThat(new PopulationSegment(HARARE, 0.1, 0.2, 0.7, 0, 0).behaviourAt(0.99999999))
                .as("shares that add up to 1 in decimal are accepted").isEqualTo(RecipientBehaviour.IGNORE);
    }

    @Test
    void aRangeIsFromAndToOrAPrefixAndFromIsNotAfterTo() {
        assertThatThrownBy(() -> RecipientRange.between("263770000009", "263770000000")).hasMessageContaining("after");
        assertThatThrownBy(() -> new RecipientRange("263770000000", "263770000009", "26377")).hasMessageContaining("not both");
        assertThatThrownBy(() -> new RecipientRange("263770000000", null, null)).hasMessageContaining("both");
        assertThatThrownBy(() -> RecipientRange.startingWith("+26377")).hasMessageContaining("digits");
    }

    private static void assertWithinFiveSigma(Map<RecipientBehaviour, Integer> counts, RecipientBehaviour behaviour,
                                              double share) {
        int n = 100_000;
        double expected = n * share;
        double sigma = Math.sqrt(n * share * (1 - share));
        assertThat(counts.getOrDefault(behaviour, 0)).as("%s of %d", behaviour, n)
                .isBetween((int) Math.floor(expected - 5 * sigma), (int) Math.ceil(expected + 5 * sigma));
    }

    private static double rollOf(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return (ByteBuffer.wrap(digest).getLong() >>> 11) / Math.pow(2, 53);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
