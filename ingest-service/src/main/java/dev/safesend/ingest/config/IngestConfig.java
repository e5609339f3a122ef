package dev.safesend.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** ingest's knobs. Unprofiled defaults are for the local run; %prod reads them from the environment. */
@ConfigMapping(prefix = "safesend.ingest")
public interface IngestConfig {

    Webhook webhook();

    Routing routing();

    /** How long a request waits for Kafka to acknowledge its events before it fails (and nothing is confirmed). */
    @WithDefault("10s")
    Duration publishTimeout();

    interface Webhook {
        /** Meta's app secret: the HMAC key of X-Hub-Signature-256. */
        @WithDefault("dev-app-secret")
        String appSecret();

        /** The token Meta echoes in the GET verification handshake. */
        @WithDefault("dev-verify-token")
        String verifyToken();
    }

    interface Routing {
        /** Sender pool (phone-number-ids) for projects without their own pool. */
        @WithDefault("110000000000001")
        List<String> defaultPool();

        /** Per-project sender pools: {@code safesend.ingest.routing.pools.school=1100…1,1100…2}. */
        Map<String, List<String>> pools();
    }
}
