package dev.safesend.analytics.service;

import dev.safesend.analytics.config.AttributionConfig;
import dev.safesend.analytics.domain.Conversion;
import dev.safesend.analytics.domain.ConversionRules;
import dev.safesend.analytics.domain.LastTouch;
import dev.safesend.analytics.domain.Touch;
import dev.safesend.analytics.domain.Violation;
import dev.safesend.analytics.repository.AttributionRepository;
import dev.safesend.analytics.repository.AttributionRepository.AttributedConversion;
import dev.safesend.analytics.repository.TouchpointRepository;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Conversions: reported through the API (validated, given their id, published on wa.conversions.v1 and acknowledged by
 * Kafka before the 202), then consumed and credited last-touch within the conversion window ({@link LastTouch}) with
 * the contact's journey kept.
 */
@ApplicationScoped
public class ConversionService {

    static final long PUBLISH_TIMEOUT_SECONDS = 10;

    private final ConversionEvents events;
    private final TouchpointRepository touchpoints;
    private final AttributionRepository attribution;
    private final Duration window;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    public ConversionService(ConversionEvents events, TouchpointRepository touchpoints, AttributionRepository attribution,
                             AttributionConfig config, MeterRegistry metrics) {
        this.events = events;
        this.touchpoints = touchpoints;
        this.attribution = attribution;
        this.window = config.conversionWindow();
        this.metrics = metrics;
    }

    /** Validates and publishes the conversion; its id. A 400 problem names every unusable field, a 503 says Kafka did not take it. */
    public String report(ConversionRules.Request request) {
        Instant now = clock.instant();
        List<Violation> violations = ConversionRules.check(request, now);
        if (!violations.isEmpty()) {
            throw ProblemException.validation("the conversion cannot be recorded", violations.stream()
                    .map(v -> new Problem.FieldError(v.field(), v.code(), v.message())).toList());
        }
        Conversion conversion = ConversionRules.toConversion(request, now);
        try {
            events.recorded(conversion).get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable(e);
        }
        metrics.counter(AttributionMetrics.CONVERSIONS_ACCEPTED).increment();
        return conversion.id();
    }

    /** Credits a batch of conversions (one read of their contacts' touchpoints per project, one write); how many were new. */
    @Retry(maxRetries = 5, delay = 200, jitter = 100, retryOn = StoreUnavailableException.class)
    public int onConversions(List<Conversion> conversions) {
        if (conversions.isEmpty()) {
            return 0;
        }
        Map<String, String> keys = touchpoints.keys(conversions.stream().map(Conversion::address).collect(Collectors.toSet()));
        List<AttributedConversion> rows = new ArrayList<>();
        for (Map.Entry<String, List<Conversion>> p : conversions.stream().collect(Collectors.groupingBy(Conversion::project)).entrySet()) {
            Set<String> contacts = p.getValue().stream().map(c -> keys.get(c.address())).collect(Collectors.toSet());
            Instant first = p.getValue().stream().map(Conversion::convertedAt).min(Comparator.naturalOrder()).orElseThrow();
            Instant last = p.getValue().stream().map(Conversion::convertedAt).max(Comparator.naturalOrder()).orElseThrow();
            Map<String, List<Touch>> touches = touchpoints.touchesOf(contacts, p.getKey(), first.minus(window), last);
            for (Conversion c : p.getValue()) {
                String contact = keys.get(c.address());
                LastTouch.Attribution a = LastTouch.attribute(c.convertedAt(), touches.getOrDefault(contact, List.of()), window);
                rows.add(new AttributedConversion(c, contact, a.lastTouch(), a.journey()));
            }
        }
        return attribution.conversions(rows);
    }

    private static ProblemException unavailable(Exception e) {
        return new ProblemException(Problem.of(503, "unavailable", "Conversion not recorded",
                "Kafka did not acknowledge the conversion (" + (e.getCause() == null ? e : e.getCause()).getMessage()
                        + "); nothing was recorded, retry with the same Idempotency-Key or reference"));
    }
}
