package dev.safesend.simulator.config;

import dev.safesend.simulator.domain.MessagingLimit;
import dev.safesend.simulator.domain.QualityRating;
import dev.safesend.simulator.domain.WindowErrorMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Knobs of the Cloud API simulator. */
@ConfigMapping(prefix = "safesend.simulator")
public interface SimulatorConfig {

    /** Bearer token every Meta-path request must carry; anything else gets 401 / code 190. */
    @WithDefault("sim-access-token")
    String accessToken();

    /** App secret: the HMAC-SHA256 key of the {@code X-Hub-Signature-256} webhook header. */
    @WithDefault("dev-app-secret")
    String appSecret();

    /** Where webhooks are POSTed (ingest-service's endpoint in the local run). */
    @WithDefault("http://localhost:8081/webhooks/whatsapp")
    String webhookUrl();

    /** The one WhatsApp Business Account the simulator owns; {@code entry[].id} of every webhook. */
    @WithDefault("100000000000001")
    String wabaId();

    /**
     * Per phone-number-id WABA, e.g. {@code wabas."106540352242923"=200000000000002}; otherwise
     * {@code waba-id}. BSUIDs are scoped to a WABA, and it is the {@code entry[].id} of the number's webhooks.
     */
    Map<String, String> wabas();

    /** The business number a user's number change is reported to when the user never exchanged messages with one. */
    @WithDefault("106540352242922")
    String defaultPhoneNumberId();

    /** Messages per second of a business number without an override (Meta's default is 80). */
    @WithDefault("80")
    int defaultMps();

    /** Per phone-number-id throughput override, e.g. {@code throughput."106540352242922"=1000}. */
    Map<String, Integer> throughput();

    /** Per phone-number-id display number; otherwise "1555" + the id's last 7 digits. */
    Map<String, String> displayNumbers();

    /** Free-form text outside the 24 h window: {@code async} (200 then failed webhook) or {@code sync} (HTTP 400). */
    @WithDefault("async")
    WindowErrorMode windowErrorMode();

    /** Length of the customer-service window opened by an inbound message (Meta: 24 h). */
    @WithDefault("24h")
    Duration customerWindow();

    /**
     * A JSON file of templates in Meta's GET message_templates item shape (an array, or an object
     * with {@code data}); when absent, the built-in set from {@code templates/default-templates.json}.
     */
    Optional<String> templatesFile();

    Delivery delivery();

    PairLimit pairLimit();

    Webhook webhook();

    Quality quality();

    /** The status lifecycle of accepted messages. */
    interface Delivery {

        /** From acceptance to the {@code sent} status. */
        @WithDefault("50ms")
        Duration sentDelay();

        /** From {@code sent} to {@code delivered}. */
        @WithDefault("150ms")
        Duration deliveredDelay();

        /** From {@code delivered} to {@code read}. */
        @WithDefault("400ms")
        Duration readDelay();

        /** Share of sent messages that get a {@code delivered} status (0..1). */
        @WithDefault("1.0")
        double deliveredRatio();

        /** Share of delivered messages that get a {@code read} status (0..1). */
        @WithDefault("0.5")
        double readRatio();
    }

    /** What every business number starts with, until {@code PUT /sim/numbers/{id}/quality} changes it. */
    interface Quality {

        /** {@code quality_rating} of a number nobody rated (GREEN, YELLOW or RED). */
        @WithDefault("GREEN")
        QualityRating initialRating();

        /** Messaging limit of a number nobody set (TIER_250, TIER_2K, TIER_10K, TIER_100K or TIER_UNLIMITED). */
        @WithDefault("TIER_UNLIMITED")
        MessagingLimit initialMessagingLimit();
    }

    /** Meta's pair rate limit (131056) per (phone-number-id, recipient). */
    interface PairLimit {

        /** One message per interval... */
        @WithDefault("6s")
        Duration interval();

        /** ...with bursts of this many (1 = strict; Meta tolerates bursts of up to ~45). */
        @WithDefault("1")
        int burst();
    }

    /** The webhook emitter. */
    interface Webhook {

        /** Emit webhooks at all (false for send-path-only benchmarks). */
        @WithDefault("true")
        boolean enabled();

        /** Most statuses batched into one POST (Meta batches up to 1000 updates). */
        @WithDefault("100")
        int maxBatch();

        /** How often due webhooks are collected and posted; everything due in one tick is batched. */
        @WithDefault("10ms")
        Duration flushInterval();

        /** Most POSTs in flight at once; the rest wait in order (see application.properties for why 128). */
        @WithDefault("128")
        int maxInFlight();

        /** Attempts per POST (first try included) before it is counted as failed. */
        @WithDefault("5")
        int maxAttempts();

        /** Wait before the first retry; doubles with each attempt. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Upper bound of the wait between retries. */
        @WithDefault("30s")
        Duration maxBackoff();

        /** Time allowed for the receiver to answer one POST. */
        @WithDefault("5s")
        Duration requestTimeout();
    }
}
