package dev.safesend.healthmonitor.client;

import java.time.Duration;
import java.util.Optional;

/**
 * A webhook target's answer to one attempt.
 *
 * @param status     the HTTP status, or 0 when no answer came (refused, reset, timed out)
 * @param retryAfter the target's {@code Retry-After} in seconds, when it sent one
 * @param error      what went wrong, for the delivery row and the logs (the start of the body, or the exception); null on 2xx
 */
public record WebhookResponse(int status, Optional<Duration> retryAfter, String error) {
}
