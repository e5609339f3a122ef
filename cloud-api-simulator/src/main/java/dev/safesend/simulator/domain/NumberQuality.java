package dev.safesend.simulator.domain;

/** The quality rating and messaging limit of one business number. */
public record NumberQuality(QualityRating rating, MessagingLimit messagingLimit) {

    public NumberQuality {
        if (rating == null || messagingLimit == null) {
            throw new IllegalArgumentException("a number's quality needs a rating and a messaging limit");
        }
    }

    /** Whether the number is flagged (Meta's legacy model: a RED rating). */
    public boolean flagged() {
        return rating == QualityRating.RED;
    }
}
