package dev.safesend.healthmonitor.client;

import dev.safesend.healthmonitor.config.AlertConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * POSTs alert bodies to webhook targets (JDK HttpClient: the targets are arbitrary URLs from configuration, so a typed
 * REST client interface buys nothing). Never fails: a missing answer is a {@link WebhookResponse} with status 0, and
 * every future completes within twice the configured timeout.
 */
@ApplicationScoped
public class AlertWebhookClient {

    /** Header carrying the delivery's id, the same on every attempt, so a receiver can drop a repeat. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int ERROR_MAX = 500;

    private final HttpClient http;
    private final Duration timeout;

    public AlertWebhookClient(AlertConfig config) {
        this.timeout = config.timeout();
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public CompletableFuture<WebhookResponse> post(URI target, String jsonBody, UUID idempotencyKey) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(target)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "safesend-health-monitor")
                    .header(IDEMPOTENCY_KEY, idempotencyKey.toString())
                    .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new WebhookResponse(0, Optional.empty(), "invalid target: " + e.getMessage()));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> failure == null ? answer(response) : noAnswer(failure))
                // the request timeout covers the answer's head; this bounds a body that trickles in as well
                .completeOnTimeout(new WebhookResponse(0, Optional.empty(), "no complete answer within " + timeout.multipliedBy(2)),
                        timeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
    }

    private static WebhookResponse answer(HttpResponse<String> response) {
        int status = response.statusCode();
        String error = status >= 200 && status < 300 ? null : "HTTP " + status + ": " + abbreviate(response.body());
        return new WebhookResponse(status, retryAfter(response), error);
    }

    private static WebhookResponse noAnswer(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return new WebhookResponse(0, Optional.empty(), abbreviate(cause.getClass().getSimpleName() + ": " + cause.getMessage()));
    }

    /** Only the delta-seconds form; an HTTP date is ignored (the backoff applies). */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                long seconds = Long.parseLong(v.trim());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() <= ERROR_MAX ? line : line.substring(0, ERROR_MAX) + "…";
    }
}
