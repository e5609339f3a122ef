package dev.safesend.simulator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One change of a number's quality, and the {@code phone_number_quality_update} events Meta's legacy
 * model reports for it (reference §3.6): FLAGGED when the rating turns RED, UNFLAGGED when it leaves
 * RED, DOWNGRADE or UPGRADE when the messaging limit goes down or up, in that order. A change between
 * GREEN and YELLOW has no event; it shows only in {@code quality_rating}.
 */
public record QualityChange(String phoneNumberId, NumberQuality before, NumberQuality after) {

    /** A {@code phone_number_quality_update} event; {@code oldLimit} only for limit changes. */
    public record QualityEvent(String event, MessagingLimit currentLimit, MessagingLimit oldLimit) {
    }

    public List<QualityEvent> events() {
        List<QualityEvent> events = new ArrayList<>(2);
        if (!before.flagged() && after.flagged()) {
            events.add(new QualityEvent("FLAGGED", after.messagingLimit(), null));
        } else if (before.flagged() && !after.flagged()) {
            events.add(new QualityEvent("UNFLAGGED", after.messagingLimit(), null));
        }
        limitChange().ifPresent(events::add);
        return List.copyOf(events);
    }

    /** The DOWNGRADE or UPGRADE event, when the messaging limit changed. */
    public Optional<QualityEvent> limitChange() {
        MessagingLimit old = before.messagingLimit();
        MessagingLimit now = after.messagingLimit();
        if (old == now) {
            return Optional.empty();
        }
        return Optional.of(new QualityEvent(now.isHigherThan(old) ? "UPGRADE" : "DOWNGRADE", now, old));
    }
}
