package dev.safesend.dispatch.it;

import dev.safesend.testsupport.CloudApiSimulatorResource;
import dev.safesend.testsupport.SafesendInfraResource;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * dispatch against the real cloud-api-simulator (no fake Cloud API, so the module's global test resources are
 * left out), on its own Kafka and PostgreSQL. Short pair interval on both sides and a small retry budget keep the
 * acceptance tests fast; the simulator allows {@link #THROTTLED_SENDER} only 50 messages per second.
 */
public class RealSimulatorProfile implements QuarkusTestProfile {

    static final String PAIR_INTERVAL = "2s";
    /** Registered in dispatch at 200 messages per second, while Meta (the simulator) allows it 50. */
    static final String THROTTLED_SENDER = "120000000000005";
    static final int THROTTLED_SENDER_META_MPS = 50;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "safesend.dispatch.gate.pair-interval", PAIR_INTERVAL,
                "safesend.dispatch.retry.initial-backoff", "100ms",
                "safesend.dispatch.retry.max-backoff", "500ms",
                "safesend.dispatch.retry.max-attempts", "3");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(SafesendInfraResource.class, Map.of("redis", "false")),
                new TestResourceEntry(CloudApiSimulatorResource.class, Map.of(
                        "safesend.simulator.pair-limit.interval", PAIR_INTERVAL,
                        "safesend.simulator.throughput.\"" + THROTTLED_SENDER + "\"", String.valueOf(THROTTLED_SENDER_META_MPS))));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
