package dev.safesend.analytics.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * Which campaign message a user's reply (or opt-out) answers. The message it quotes (context wamid) wins whenever it is a
 * campaign message, however old; otherwise the contact's last campaign message delivered within {@code window} before
 * the reply (both edges count: delivered exactly {@code window} before, or at the same instant); otherwise none.
 */
public final class ReplyAttribution {

    /** How a reply was attributed. */
    public enum Basis { QUOTED, WINDOW, NONE }

    /** The touch a reply answers ({@code null} with {@link Basis#NONE}). */
    public record Result(Touch touch, Basis basis) {
        public static final Result NONE = new Result(null, Basis.NONE);
    }

    private ReplyAttribution() {
    }

    /**
     * @param quoted         the campaign message the reply quotes, or null
     * @param contactTouches the contact's touchpoints (any order; those outside the window are ignored)
     */
    public static Result attribute(Instant receivedAt, Touch quoted, Collection<Touch> contactTouches, Duration window) {
        if (quoted != null) {
            return new Result(quoted, Basis.QUOTED);
        }
        Touch last = LastTouch.lastWithin(receivedAt, contactTouches, window);
        return last == null ? Result.NONE : new Result(last, Basis.WINDOW);
    }
}
