package dev.safesend.simulator.health;

import dev.safesend.simulator.webhook.WebhookCounters;
import dev.safesend.simulator.webhook.WebhookEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the webhook emitter is running; shows its target and counters. */
@Readiness
@ApplicationScoped
public class WebhookEmitterHealthCheck implements HealthCheck {

    private final WebhookEmitter emitter;

    public WebhookEmitterHealthCheck(WebhookEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public HealthCheckResponse call() {
        WebhookCounters counters = emitter.counters();
        return HealthCheckResponse.named("webhook-emitter")
                .status(emitter.isRunning())
                .withData("target", emitter.target())
                .withData("pending", counters.pending())
                .withData("delivered", counters.delivered())
                .withData("failed", counters.failed())
                .build();
    }
}
