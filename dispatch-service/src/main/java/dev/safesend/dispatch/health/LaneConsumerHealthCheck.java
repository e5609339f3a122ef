package dev.safesend.dispatch.health;

import dev.safesend.dispatch.messaging.LaneConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the lanes' poll loop is alive and polling. */
@Readiness
@ApplicationScoped
public class LaneConsumerHealthCheck implements HealthCheck {

    private final LaneConsumer lanes;

    public LaneConsumerHealthCheck(LaneConsumer lanes) {
        this.lanes = lanes;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("outbound-lanes").status(lanes.healthy()).build();
    }
}
