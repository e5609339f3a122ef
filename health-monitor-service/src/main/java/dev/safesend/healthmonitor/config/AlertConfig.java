package dev.safesend.healthmonitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where sender health changes are sent and how hard delivery tries (README, "Alerts"). With no URL configured nothing is
 * written or sent. %prod reads the URL lists from {@code ALERT_ALERTMANAGER_URLS} and {@code ALERT_SLACK_URLS}
 * (comma-separated; empty or unset: none).
 */
@ConfigMapping(prefix = "safesend.health-monitor.alerts")
public interface AlertConfig {

    /**
     * Alertmanager endpoints that take {@code POST /api/v2/alerts}, e.g. {@code http://alertmanager:9093/api/v2/alerts}.
     * Each receives a JSON array of alerts per change.
     */
    Optional<List<URI>> alertmanagerUrls();

    /** Slack incoming-webhook URLs ({@code https://hooks.slack.com/services/…}). Secrets: never logged past their host. */
    Optional<List<URI>> slackUrls();

    /** The wait after the first failed attempt; it doubles after each further failure. */
    @WithDefault("1s")
    Duration backoffBase();

    /** The longest wait between two attempts (also the cap on a target's Retry-After). */
    @WithDefault("5m")
    Duration backoffMax();

    /**
     * Attempts before a delivery is given up (marked FAILED, logged at ERROR). With the defaults the last of 12 attempts
     * comes about 23 minutes after the first: 1 + 2 + … + 256 s, then 5 min three times.
     */
    @WithDefault("12")
    int maxAttempts();

    /** How long one attempt may take: connecting, and then the whole answer. A timeout is retried. */
    @WithDefault("5s")
    Duration timeout();

    /**
     * How long a worker owns the deliveries it claimed. If it dies (kill -9) mid-attempt, any instance retries them once
     * this has passed. Must be more than twice {@link #timeout()}, so a slow attempt is never claimed twice.
     */
    @WithDefault("1m")
    Duration claimLease();

    /** Deliveries one worker claims and sends (in parallel) per pass. */
    @WithDefault("100")
    int batchSize();

    /** How often each instance looks for due deliveries. Quarkus' scheduler ticks once a second: less has no effect. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long delivered and failed deliveries are kept (for inspection) before they are deleted. */
    @WithDefault("7d")
    Duration retention();

    default List<URI> alertmanagerTargets() {
        return alertmanagerUrls().orElse(List.of());
    }

    default List<URI> slackTargets() {
        return slackUrls().orElse(List.of());
    }
}
