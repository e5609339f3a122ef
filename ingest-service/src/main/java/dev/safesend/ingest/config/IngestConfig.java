package dev.safesend.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ingest's knobs. Unprofiled defaults are for the local run; %prod reads them from the environment. */
@ConfigMapping(prefix = "safesend.ingest")
public interface IngestConfig {

    Webhook webhook();

    Routing routing();

    Idempotency idempotency();

    Marketing marketing();

    Templates templates();

    SenderHealth senderHealth();

    Campaigns campaigns();

    Intake intake();

    /** The beats that tell dispatch this instance takes Meta's webhooks (wa.intake-beats.v1, docs/opt-out-path.md). */
    interface Intake {
        /** How often a beat is sent; dispatch counts an instance gone after a few missed ones. */
        @WithDefault("100ms")
        Duration beatEvery();

        /** The instance's name on the beats (the pod's HOSTNAME in prod); a random id per process when unset. */
        Optional<String> instance();
    }

    /** How long a request waits for Kafka to acknowledge its events before it fails (and nothing is confirmed). */
    @WithDefault("10s")
    Duration publishTimeout();

    /**
     * What a 503 answers in Retry-After when Kafka did not acknowledge (nothing was confirmed; retry with the same
     * Idempotency-Key, or Meta retries the webhook delivery on its own schedule).
     */
    @WithDefault("5s")
    Duration publishRetryAfter();

    /** The most messages one {@code POST /v1/messages:batch} may carry. */
    @WithDefault("1000")
    int maxBatchSize();

    /** How often expired idempotency keys, webhook receipts and closed customer windows are purged. */
    @WithDefault("1h")
    Duration purgeInterval();

    interface Webhook {
        /** Meta's app secret: the HMAC key of X-Hub-Signature-256. */
        @WithDefault("dev-app-secret")
        String appSecret();

        /** The token Meta echoes in the GET verification handshake. */
        @WithDefault("dev-verify-token")
        String verifyToken();

        /** How long a delivered update is remembered to drop Meta's retries (Meta retries for up to 7 days). */
        @WithDefault("7d")
        Duration dedupeRetention();

        /**
         * Threads that store and publish deliveries: the deliveries that arrive while one is busy are stored and
         * published together in its next round (one transaction, one wait for Kafka), so a burst costs a round per
         * batch of deliveries instead of a commit and an acknowledgement wait each.
         */
        @WithDefault("2")
        int writers();

        /** At most this many deliveries in one round. */
        @WithDefault("200")
        int maxRound();
    }

    interface Routing {
        /** Sender pool (phone-number-ids) for projects without their own pool. */
        @WithDefault("110000000000001")
        List<String> defaultPool();

        /** Per-project sender pools: {@code safesend.ingest.routing.pools.school=1100…1,1100…2}. */
        Map<String, List<String>> pools();

        /**
         * The senders' display numbers, {@code safesend.ingest.routing.display-numbers."110000000000001"=15550000001}:
         * Meta's phone_number_quality_update (and account_update's {@code phone_number}) names a number only by its
         * display number, and this map turns it into the senderId. A display number not listed keeps the WABA id as
         * the event's key and the display number in its attributes.
         */
        Map<String, String> displayNumbers();
    }

    interface Idempotency {
        /** How long an Idempotency-Key (or Kafka request id) returns the first result. */
        @WithDefault("24h")
        Duration ttl();
    }

    interface Marketing {
        /** Refuse MARKETING messages carrying http:// links (code insecure_link). */
        @WithDefault("true")
        boolean requireHttps();

        /** The opt-out hint appended to MARKETING messages of {@link #optOutHintProjects()} when there is room. */
        @WithDefault("Reply STOP to unsubscribe")
        String optOutHint();

        /** Projects whose marketing messages get the opt-out hint. */
        Optional<List<String>> optOutHintProjects();
    }

    interface Templates {
        /** The WhatsApp Business Account whose templates are synced. */
        @WithDefault("100000000000001")
        String wabaId();

        /** Graph API version of the Cloud API calls. */
        @WithDefault("v23.0")
        String apiVersion();

        /** Bearer token for the Cloud API (the simulator's by default). */
        @WithDefault("sim-access-token")
        String accessToken();

        /** Page size of GET message_templates. */
        @WithDefault("100")
        int pageSize();

        /** Sync the registry from the Cloud API when the service starts (in the background; failures are logged). */
        @WithDefault("true")
        boolean syncAtStart();

        /** How many times the start sync is tried before readiness gives up waiting for it. */
        @WithDefault("30")
        int startSyncAttempts();

        /** Pause between start-sync attempts. */
        @WithDefault("2s")
        java.time.Duration startSyncRetryInterval();

        /** How long an instance trusts its in-memory copy of the registry before re-reading PostgreSQL. */
        @WithDefault("5s")
        Duration cacheTtl();
    }

    interface SenderHealth {
        /**
         * How long readiness waits for the sender-health projection to read wa.sender-health.v1 up to the end offsets
         * seen at start; after that the instance is ready anyway (dispatch's gate still holds paused numbers).
         */
        @WithDefault("2m")
        Duration catchUpTimeout();

        /** Pause between attempts to read the end offsets at start while Kafka cannot be reached. */
        @WithDefault("1s")
        Duration endOffsetsRetryInterval();
    }

    /** Campaigns: fan-out from consent-service's audience, release into the senders' lanes, progress. */
    interface Campaigns {
        /**
         * The bearer token ingest presents to consent-service (audiences) and dispatch-service (sender quotas, marketing
         * history for forecasts): a token with role viewer. Empty: none (a local run with security off).
         */
        Optional<String> serviceToken();

        /** Audience rows read and copied per fan-out step (one transaction and one checkpoint each). */
        @WithDefault("10000")
        int fanOutPage();

        /** How often the releaser looks at running campaigns. */
        @WithDefault("200ms")
        Duration releaseInterval();

        /**
         * How many seconds of the senders' rate a campaign may keep in the lanes (released, not yet answered by
         * dispatch): enough to keep the senders busy, little enough that a pause, a cancel or a higher-priority
         * campaign takes effect within seconds.
         */
        @WithDefault("5")
        int laneSeconds();

        /** The fewest messages a campaign may keep in the lanes, whatever the rate. */
        @WithDefault("200")
        int minInLanes();

        /** The most released in one turn (one transaction and one wait for Kafka). */
        @WithDefault("2000")
        int maxReleasePerTurn();

        /** The senders' rate assumed when dispatch cannot say (Meta's default throughput per number). */
        @WithDefault("80")
        int defaultSenderRate();

        /** How long a sender's rate and budget read from dispatch are reused. */
        @WithDefault("10s")
        Duration senderInfoTtl();

        /**
         * Recipients per request when a marketing campaign's forecast asks dispatch what its per-person marketing rules
         * (identical content, frequency cap) will do to the recipients not yet released (dispatch takes at most 5,000).
         */
        @WithDefault("5000")
        int forecastHistoryPage();
    }
}
