package dev.safesend.simulator.component;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The simulator with no message of the default lifecycle delivered, so that a delivered status can
 * only come from a population class, and a pair limit that lets a test send a few messages to the
 * same person at once.
 */
public class PopulationProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("safesend.simulator.delivery.delivered-ratio", "0.0",
                "safesend.simulator.pair-limit.burst", "5");
    }
}
