package dev.safesend.dispatch.health;

import dev.safesend.dispatch.domain.OptOutPathProgress;
import dev.safesend.dispatch.service.OptOutPath;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once dispatch knows who wrote (it has read the inbound messages and can read Kafka's offsets): until then every
 * business message is held (docs/opt-out-path.md), so a dispatch that is not caught up is not ready either. Whether
 * Meta's webhooks reach ingest is shown too ({@code intake}, {@code intakeHeldUntil}) but does not make dispatch not
 * ready: ingest's outage is not dispatch's.
 */
@Readiness
@ApplicationScoped
public class OptOutPathHealthCheck implements HealthCheck {

    private final OptOutPath optOutPath;

    public OptOutPathHealthCheck(OptOutPath optOutPath) {
        this.optOutPath = optOutPath;
    }

    @Override
    public HealthCheckResponse call() {
        OptOutPathProgress.Lag lag = optOutPath.lag();
        var response = HealthCheckResponse.named("opt-out-path").status(!optOutPath.behind())
                .withData("consentLag", lag.consent()).withData("projectionLag", lag.projection()).withData("windowsLag", lag.windows())
                .withData("intake", optOutPath.intakeHold().name());
        java.time.Instant until = optOutPath.intakeHeldUntil();
        return (until == null ? response : response.withData("intakeHeldUntil", until.toString())).build();
    }
}
