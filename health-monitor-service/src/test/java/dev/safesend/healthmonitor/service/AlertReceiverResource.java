package dev.safesend.healthmonitor.service;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts an {@link AlertReceiver} and points the alert targets at it: two Alertmanager paths that end up accepting,
 * one that never does, and two Slack paths (one accepting, one rejecting), so every raised change is five deliveries.
 * Quick retries: 200 ms, doubling to at most 1 s, 4 attempts, a 1 s timeout and a 3 s lease (the worker still polls once a
 * second: the scheduler's finest tick).
 */
public class AlertReceiverResource implements QuarkusTestResourceLifecycleManager {

    private AlertReceiver receiver;

    @Override
    public Map<String, String> start() {
        receiver = new AlertReceiver();
        String prefix = "safesend.health-monitor.alerts.";
        return Map.of(
                prefix + "alertmanager-urls", String.join(",", receiver.url(AlertReceiver.ALERTMANAGER_OK),
                        receiver.url(AlertReceiver.ALERTMANAGER_FLAKY), receiver.url(AlertReceiver.ALERTMANAGER_DOWN)),
                prefix + "slack-urls", String.join(",", receiver.url(AlertReceiver.SLACK_OK),
                        receiver.url(AlertReceiver.SLACK_REJECTING)),
                prefix + "backoff-base", "200ms",
                prefix + "backoff-max", "1s",
                prefix + "max-attempts", "4",
                prefix + "timeout", "1s",
                prefix + "claim-lease", "3s");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(receiver,
                new TestInjector.AnnotatedAndMatchesType(InjectAlertReceiver.class, AlertReceiver.class));
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.stop();
        }
    }
}
