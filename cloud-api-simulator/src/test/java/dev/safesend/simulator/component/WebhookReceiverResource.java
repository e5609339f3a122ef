package dev.safesend.simulator.component;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts a {@link WebhookReceiver} and points the simulator at it, with test-friendly settings: every
 * delivered message is read, retries are quick, {@value #THROTTLED_NUMBER} sends one message a second, and
 * {@value #OTHER_WABA_NUMBER} belongs to a second WABA, {@value #OTHER_WABA}.
 */
public class WebhookReceiverResource implements QuarkusTestResourceLifecycleManager {

    public static final String THROTTLED_NUMBER = "900000000000001";
    public static final String OTHER_WABA_NUMBER = "900000000000002";
    public static final String OTHER_WABA = "200000000000002";

    private WebhookReceiver receiver;

    @Override
    public Map<String, String> start() {
        receiver = new WebhookReceiver();
        return Map.of(
                "safesend.simulator.webhook-url", receiver.url(),
                "safesend.simulator.delivery.read-ratio", "1.0",
                "safesend.simulator.webhook.initial-backoff", "50ms",
                "safesend.simulator.webhook.max-backoff", "200ms",
                "safesend.simulator.webhook.max-attempts", "4",
                "safesend.simulator.throughput.\"" + THROTTLED_NUMBER + "\"", "1",
                "safesend.simulator.wabas.\"" + OTHER_WABA_NUMBER + "\"", OTHER_WABA);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(receiver,
                new TestInjector.AnnotatedAndMatchesType(InjectWebhookReceiver.class, WebhookReceiver.class));
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.stop();
        }
    }
}
