package dev.safesend.simulator.domain;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Injected failures for the Meta paths: a share of calls answered with a server error (131000 /
 * 131016) or held and then answered 504 (a timeout), latency added to every answer, and fixed error
 * codes per recipient, either synchronous (HTTP error) or asynchronous (200, then a failed status).
 * Recipient keys are stored as wa_id digits.
 */
public record FaultPlan(double serverErrorRate, double timeoutRate, Duration timeout, Duration addedLatency,
                        Map<String, RecipientFault> errorByRecipient) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final FaultPlan NONE = new FaultPlan(0, 0, DEFAULT_TIMEOUT, Duration.ZERO, Map.of());

    /** What happens to one call before any rule looks at it. */
    public enum Roll { NONE, TIMEOUT, SERVER_ERROR }

    public FaultPlan {
        requireRate("serverErrorRate", serverErrorRate);
        requireRate("timeoutRate", timeoutRate);
        if (serverErrorRate + timeoutRate > 1.0) {
            throw new IllegalArgumentException("serverErrorRate + timeoutRate must not exceed 1");
        }
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeoutMs must not be negative");
        }
        if (addedLatency == null || addedLatency.isNegative()) {
            throw new IllegalArgumentException("addedLatencyMs must not be negative");
        }
        Map<String, RecipientFault> normalised = new LinkedHashMap<>();
        if (errorByRecipient != null) {
            errorByRecipient.forEach((to, fault) -> {
                Recipient recipient = Recipient.parse(to)
                        .orElseThrow(() -> new IllegalArgumentException("not a phone number: " + to));
                if (fault == null) {
                    throw new IllegalArgumentException("missing fault for " + to);
                }
                normalised.put(recipient.waId(), fault);
            });
        }
        errorByRecipient = Map.copyOf(normalised);
    }

    public Optional<RecipientFault> faultFor(String waId) {
        return Optional.ofNullable(errorByRecipient.get(waId));
    }

    /** Decides the fate of one call from a uniform random number in [0, 1). */
    public Roll roll(double random) {
        if (random < timeoutRate) {
            return Roll.TIMEOUT;
        }
        if (random < timeoutRate + serverErrorRate) {
            return Roll.SERVER_ERROR;
        }
        return Roll.NONE;
    }

    private static void requireRate(String name, double rate) {
        if (Double.isNaN(rate) || rate < 0 || rate > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
    }

    /** A fixed error for one recipient; {@code ASYNC} = accepted, then a failed status webhook. */
    public record RecipientFault(int code, Mode mode) {

        public enum Mode { SYNC, ASYNC }

        public RecipientFault {
            if (code <= 0) {
                throw new IllegalArgumentException("error code must be positive");
            }
            mode = mode == null ? Mode.SYNC : mode;
        }

        public Rejection rejection() {
            MetaError error = MetaError.of(code);
            return new Rejection(error, "Simulated error " + code + " for this recipient (fault plan)");
        }
    }
}
