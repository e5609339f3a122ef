package dev.safesend.simulator.domain;

import java.util.List;

/**
 * The simulated recipients: segments of phone ranges, each with its behaviour shares. A phone
 * belongs to the first segment whose range holds it; a phone in none follows the default lifecycle.
 * A recipient addressed by BSUID is classified by the phone of the user who holds the BSUID.
 */
public record Population(List<PopulationSegment> segments) {

    public static final Population NONE = new Population(List.of());

    public Population {
        segments = List.copyOf(segments);
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    /** The class of the phone (digits), with the segment and roll that decided it. */
    public Classification classify(String phoneDigits) {
        for (int i = 0; i < segments.size(); i++) {
            PopulationSegment segment = segments.get(i);
            if (segment.contains(phoneDigits)) {
                double roll = segment.roll(phoneDigits);
                return new Classification(i, roll, segment.behaviourAt(roll));
            }
        }
        return Classification.UNCLASSIFIED;
    }

    /** The behaviour only; {@link RecipientBehaviour#DEFAULT} at once when there are no segments. */
    public RecipientBehaviour behaviourOf(String phoneDigits) {
        return segments.isEmpty() || phoneDigits == null ? RecipientBehaviour.DEFAULT : classify(phoneDigits).behaviour();
    }

    /**
     * How a phone was classified: {@code segment} is the index of the segment that holds it (-1 for
     * none, then {@code roll} is NaN and the behaviour DEFAULT).
     */
    public record Classification(int segment, double roll, RecipientBehaviour behaviour) {

        public static final Classification UNCLASSIFIED = new Classification(-1, Double.NaN, RecipientBehaviour.DEFAULT);

        public boolean inSegment() {
            return segment >= 0;
        }
    }
}
