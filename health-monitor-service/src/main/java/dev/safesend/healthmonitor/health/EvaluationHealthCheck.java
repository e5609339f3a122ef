package dev.safesend.healthmonitor.health;

import dev.safesend.healthmonitor.config.HealthMonitorConfig;
import dev.safesend.healthmonitor.service.HealthEvaluator;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Ready only while the numbers are being judged: the last evaluation is at most ten periods (and at least 30 s) old.
 * A monitor that cannot judge (database away) is not ready, so an operator sees it before a number's pause is late.
 */
@Readiness
@ApplicationScoped
public class EvaluationHealthCheck implements HealthCheck {

    private final HealthEvaluator evaluator;
    private final HealthMonitorConfig config;
    private final Clock clock;
    private final Instant started;

    public EvaluationHealthCheck(HealthEvaluator evaluator, HealthMonitorConfig config, Clock clock) {
        this.evaluator = evaluator;
        this.config = config;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public HealthCheckResponse call() {
        Duration allowed = config.evaluateEvery().multipliedBy(10);
        if (allowed.compareTo(Duration.ofSeconds(30)) < 0) {
            allowed = Duration.ofSeconds(30);
        }
        Instant last = evaluator.lastEvaluated();
        Instant now = clock.instant();
        boolean up = !config.evaluate() || (last == null ? now.isBefore(started.plus(allowed)) : !now.isAfter(last.plus(allowed)));
        return HealthCheckResponse.named("health evaluation").status(up)
                .withData("lastEvaluated", last == null ? "never" : last.toString()).build();
    }
}
