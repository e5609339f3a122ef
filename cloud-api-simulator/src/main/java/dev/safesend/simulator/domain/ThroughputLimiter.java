package dev.safesend.simulator.domain;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per business phone number throughput (Meta: 80 messages per second by default, 1,000 after the
 * upgrade): a token bucket at the number's rate holding one second's worth. Over the limit Meta
 * answers 130429.
 */
public final class ThroughputLimiter {

    private final Clock clock;
    private final BusinessNumbers numbers;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public ThroughputLimiter(Clock clock, BusinessNumbers numbers) {
        this.clock = clock;
        this.numbers = numbers;
    }

    /** Takes one unit of the number's throughput; false means 130429. */
    public boolean tryAcquire(String phoneNumberId) {
        return buckets.computeIfAbsent(phoneNumberId, id -> TokenBucket.perSecond(numbers.messagesPerSecond(id)))
                .tryTake(clock.instant());
    }

    public void reset() {
        buckets.clear();
    }
}
