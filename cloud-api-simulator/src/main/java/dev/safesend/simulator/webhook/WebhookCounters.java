package dev.safesend.simulator.webhook;

/**
 * Webhook totals since the last reset, in updates (one status, inbound message or account event
 * each, however they were batched): acknowledged with 2xx, given up after the last attempt, still
 * scheduled or in flight. {@code posts} and {@code retries} count HTTP requests.
 */
public record WebhookCounters(long delivered, long failed, long pending, long posts, long retries) {
}
