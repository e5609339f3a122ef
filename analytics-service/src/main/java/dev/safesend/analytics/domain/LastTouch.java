package dev.safesend.analytics.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Last-touch attribution of a conversion: the contact's campaign touchpoints delivered within {@code window} before the
 * conversion form its journey, in delivery order, and the last of them takes the credit. A touch delivered exactly
 * {@code window} before counts; one delivered after the conversion never does; a message seen twice counts once.
 */
public final class LastTouch {

    /** Delivery order; the message id breaks ties so the answer never depends on input order. */
    static final Comparator<Touch> ORDER = Comparator.comparing(Touch::deliveredAt).thenComparing(Touch::messageId);

    /** The journey to a conversion and the touch credited with it ({@code null} when the journey is empty). */
    public record Attribution(Touch lastTouch, List<Touch> journey) {
        public Attribution {
            journey = List.copyOf(journey);
        }
    }

    private LastTouch() {
    }

    public static Attribution attribute(Instant convertedAt, Collection<Touch> touches, Duration window) {
        List<Touch> journey = within(convertedAt, touches, window);
        return new Attribution(journey.isEmpty() ? null : journey.get(journey.size() - 1), journey);
    }

    /** The last touch delivered in [at − window, at], or null. */
    static Touch lastWithin(Instant at, Collection<Touch> touches, Duration window) {
        List<Touch> in = within(at, touches, window);
        return in.isEmpty() ? null : in.get(in.size() - 1);
    }

    private static List<Touch> within(Instant at, Collection<Touch> touches, Duration window) {
        Instant from = at.minus(window);
        Map<String, Touch> once = new LinkedHashMap<>();
        for (Touch t : touches) {
            Instant d = t.deliveredAt();
            if (d != null && !d.isBefore(from) && !d.isAfter(at)) {
                once.merge(t.messageId(), t, (a, b) -> a.deliveredAt().isBefore(b.deliveredAt()) ? a : b);
            }
        }
        List<Touch> in = new ArrayList<>(once.values());
        in.sort(ORDER);
        return in;
    }
}
