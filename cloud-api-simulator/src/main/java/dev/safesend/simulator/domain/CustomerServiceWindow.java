package dev.safesend.simulator.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The customer-service window: any inbound message from a user to a business number opens (or
 * refreshes) a window of {@code length} (24 h at Meta) in which free-form messages are allowed.
 * Outside it only templates may be sent (else 131047).
 */
public final class CustomerServiceWindow {

    private final Clock clock;
    private final Duration length;
    private final Map<PairKey, Instant> lastInbound = new ConcurrentHashMap<>();

    public CustomerServiceWindow(Clock clock, Duration length) {
        this.clock = clock;
        this.length = length;
    }

    /** Records an inbound message now. */
    public void open(PairKey pair) {
        lastInbound.merge(pair, clock.instant(), (old, now) -> now.isAfter(old) ? now : old);
    }

    public boolean isOpen(PairKey pair) {
        return closesAt(pair).map(closes -> clock.instant().isBefore(closes)).orElse(false);
    }

    public Optional<Instant> closesAt(PairKey pair) {
        return Optional.ofNullable(lastInbound.get(pair)).map(last -> last.plus(length));
    }

    /** Forgets windows that have closed. */
    public int evictClosed() {
        int before = lastInbound.size();
        Instant now = clock.instant();
        lastInbound.values().removeIf(last -> !now.isBefore(last.plus(length)));
        return before - lastInbound.size();
    }

    public void reset() {
        lastInbound.clear();
    }
}
