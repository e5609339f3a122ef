package dev.safesend.simulator.domain;

/** A business number's quality rating as Meta reports it in {@code quality_rating} (reference §6). */
public enum QualityRating {
    /** High. */
    GREEN,
    /** Medium. */
    YELLOW,
    /** Low: in Meta's legacy model the number is flagged. */
    RED
}
