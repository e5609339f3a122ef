package dev.safesend.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Runs the real cloud-api-simulator (packaged) as a child JVM for a {@code @QuarkusTest} and points the app's
 * Cloud API client at it. Init args are passed to the simulator as its own properties (e.g.
 * {@code safesend.simulator.throughput."110000000000001"=1000}); webhooks are off unless an init arg sets
 * {@code safesend.simulator.webhook.enabled}. {@link #url()} gives tests the simulator's address for /sim calls.
 */
public class CloudApiSimulatorResource implements QuarkusTestResourceLifecycleManager {

    private static volatile QuarkusAppProcess simulator;
    private final Map<String, String> properties = new HashMap<>();

    @Override
    public void init(Map<String, String> initArgs) {
        properties.put("safesend.simulator.webhook.enabled", "false");
        properties.put("safesend.simulator.access-token", "sim-access-token");
        properties.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        simulator = QuarkusAppProcess.start("cloud-api-simulator", properties);
        return Map.of("safesend.dispatch.cloud-api.base-url", simulator.url(), "quarkus.rest-client.cloud-api.url", simulator.url());
    }

    public static String url() {
        return simulator.url();
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
