package dev.safesend.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** Projects as tenants: registration, quotas and per-client rate limits (counters on Redis). */
@ConfigMapping(prefix = "safesend.ingest.tenancy")
public interface TenancyConfig {

    /**
     * true: a message (REST or wa.send-requests.v1) naming a project that is not registered is refused
     * ({@code unknown_project}). false (dev and tests): an unregistered project may send, without quotas; a registered
     * one has its quotas either way.
     */
    @WithDefault("false")
    boolean requireRegistration();

    /** How long an instance trusts its copy of a project (quotas) before reading the registry again. */
    @WithDefault("5s")
    Duration cacheTtl();

    RateLimit rateLimit();

    Redis redis();

    interface RateLimit {
        /** API requests per second per client (token subject) on the send endpoints; 0: no limit. */
        @WithDefault("500")
        int requestsPerSecond();

        /** Per-client limits: {@code safesend.ingest.tenancy.rate-limit.clients."crm-sync"=50}. */
        Map<String, Integer> clients();
    }

    interface Redis {
        /** After a failed Redis call, how long the limiter decides locally before it tries Redis again. */
        @WithDefault("1s")
        Duration retryInterval();

        /**
         * While Redis is down, how long a project's count read from PostgreSQL is used (plus what this instance
         * accepted since) before it is read again: the bound on how far other instances' acceptances can go unseen.
         */
        @WithDefault("2s")
        Duration fallbackRefresh();
    }
}
