package dev.safesend.ingest.health;

import dev.safesend.ingest.service.SenderHealthProjection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Locale;

/**
 * Ready once the sender-health projection (the in-memory copy of compacted wa.sender-health.v1 that routing reads)
 * has read the topic up to the end offsets seen at start, or the topic was empty: a restarted instance does not
 * route recipients to a number it would know is paused. After {@code sender-health.catch-up-timeout} it is ready
 * anyway (dispatch's gate holds messages for paused numbers), and says so.
 */
@Readiness
@ApplicationScoped
public class SenderHealthProjectionHealthCheck implements HealthCheck {

    static final String NAME = "Sender health projection";

    private final SenderHealthProjection projection;

    public SenderHealthProjectionHealthCheck(SenderHealthProjection projection) {
        this.projection = projection;
    }

    @Override
    public HealthCheckResponse call() {
        SenderHealthProjection.Readiness readiness = projection.readiness();
        var response = HealthCheckResponse.named(NAME)
                .status(readiness.ready())
                .withData("state", readiness.state().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (readiness.remaining() >= 0) {
            response.withData("offsetsLeft", readiness.remaining());
        }
        return response.build();
    }
}
