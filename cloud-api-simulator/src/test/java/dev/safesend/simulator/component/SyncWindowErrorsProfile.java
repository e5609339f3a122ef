package dev.safesend.simulator.component;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The simulator answering free-form messages outside the window with HTTP 400 / 131047. */
public class SyncWindowErrorsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("safesend.simulator.window-error-mode", "sync");
    }
}
