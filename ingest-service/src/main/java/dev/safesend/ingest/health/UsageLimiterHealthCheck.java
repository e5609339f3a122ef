package dev.safesend.ingest.health;

import dev.safesend.ingest.repository.LimitCounters;
import dev.safesend.ingest.service.UsageLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether quotas and rates are counted on Redis or decided locally. Redis being down leaves the instance ready (the
 * send path goes on, limited locally: see the README), so this check stays UP and says which mode holds; alert on the
 * data or on the metric {@value UsageLimiter#REDIS_AVAILABLE}.
 */
@Readiness
@ApplicationScoped
public class UsageLimiterHealthCheck implements HealthCheck {

    private final LimitCounters counters;

    public UsageLimiterHealthCheck(LimitCounters counters) {
        this.counters = counters;
    }

    @Override
    public HealthCheckResponse call() {
        boolean redis = counters.ping();
        return HealthCheckResponse.named("Usage limiter").up()
                .withData("redis", redis ? "UP" : "DOWN")
                .withData("mode", redis ? "redis" : "local fallback (quotas against PostgreSQL's counts, rates per instance)")
                .build();
    }
}
