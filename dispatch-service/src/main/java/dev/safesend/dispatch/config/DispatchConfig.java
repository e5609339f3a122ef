package dev.safesend.dispatch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** dispatch's knobs. Unprofiled defaults are for the local run; %prod reads them from the environment. */
@ConfigMapping(prefix = "safesend.dispatch")
public interface DispatchConfig {

    CloudApi cloudApi();

    /** How long a send waits for Kafka to acknowledge its message event. */
    @WithDefault("10s")
    Duration publishTimeout();

    interface CloudApi {
        /** Base URL of the Cloud API: Meta's graph host in production, the simulator locally. */
        @WithDefault("http://localhost:8089")
        String baseUrl();

        /** Graph API version in the path. */
        @WithDefault("v23.0")
        String version();

        /** System-user access token sent as a bearer token. */
        @WithDefault("sim-access-token")
        String accessToken();
    }
}
