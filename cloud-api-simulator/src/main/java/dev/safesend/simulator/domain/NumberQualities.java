package dev.safesend.simulator.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The quality rating and messaging limit of every business number: {@code initial} until a test sets
 * them. Thread-safe; each update is atomic per number.
 */
public final class NumberQualities {

    private final NumberQuality initial;
    private final Map<String, NumberQuality> byNumber = new ConcurrentHashMap<>();

    public NumberQualities(NumberQuality initial) {
        this.initial = initial;
    }

    public NumberQuality of(String phoneNumberId) {
        return byNumber.getOrDefault(phoneNumberId, initial);
    }

    /** Sets the rating and/or the limit (null keeps the current one) and answers the change. */
    public QualityChange update(String phoneNumberId, QualityRating rating, MessagingLimit limit) {
        NumberQuality[] before = new NumberQuality[1];
        NumberQuality after = byNumber.compute(phoneNumberId, (id, current) -> {
            NumberQuality old = current != null ? current : initial;
            before[0] = old;
            return new NumberQuality(rating != null ? rating : old.rating(),
                    limit != null ? limit : old.messagingLimit());
        });
        return new QualityChange(phoneNumberId, before[0], after);
    }

    /** Every number back to the initial quality. */
    public void reset() {
        byNumber.clear();
    }
}
