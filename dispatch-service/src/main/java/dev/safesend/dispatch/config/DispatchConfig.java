package dev.safesend.dispatch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** dispatch's knobs. Unprofiled defaults are for the local run; %prod reads them from the environment. */
@ConfigMapping(prefix = "safesend.dispatch")
public interface DispatchConfig {

    CloudApi cloudApi();


    Pacing pacing();

    Retry retry();

    Gate gate();

    Budget budget();

    Deferral deferral();

    Reconcile reconcile();

    OptOutPath optOutPath();

    Lanes lanes();

    interface Lanes {
        /**
         * The lanes consumer's static group membership (HOSTNAME in prod, "local" on the local platform): a restarted
         * instance gets its senders back at once. None: dynamic membership.
         */
        java.util.Optional<String> instanceId();
    }

    interface Pacing {
        /**
         * On a graceful stop (SIGTERM), how long dispatch waits for the calls in flight to be answered and settled before
         * it commits what is done and exits; well inside the pod's termination grace period (60 s). Messages queued but
         * not yet called are not committed: the next instance takes them.
         */
        @WithDefault("20s")
        java.time.Duration drainTimeout();

        /** Threads that run the senders' pacing loops (gate reads, ledger writes); calls themselves are non-blocking. */
        @WithDefault("4")
        int threads();

        /** Cloud API calls one sender may have in flight (at 1,000 msg/s and 100 ms latency it needs 100). */
        @WithDefault("160")
        int maxInFlight();

        /** Token-bucket capacity in seconds of rate: the most a sender may send at once after idling. */
        @WithDefault("0.1")
        double burstSeconds();

        /** Most messages gated in one batch. */
        @WithDefault("200")
        int maxBatch();

        /** A sender's partition is paused once this many seconds of its rate are queued in memory (at least 200 messages). */
        @WithDefault("2")
        double queueSeconds();

        /** How often a sender's registry entry and health are re-read. */
        @WithDefault("1s")
        Duration senderRefresh();

        /** How often a portfolio's rolling unique-recipient count (budget.window) is re-read from the store. */
        @WithDefault("5s")
        Duration budgetRefresh();
    }

    interface Retry {
        /** Calls per message, the first one included, before it fails into the DLQ. */
        @WithDefault("6")
        int maxAttempts();

        @WithDefault("500ms")
        Duration initialBackoff();

        @WithDefault("60s")
        Duration maxBackoff();

        /** First pause of a whole sender after 130429; doubles while it repeats, up to {@code max-sender-backoff}. */
        @WithDefault("1s")
        Duration senderBackoff();

        @WithDefault("30s")
        Duration maxSenderBackoff();
    }

    interface Gate {
        /** Meta's pair limit: one message per sender+recipient per this interval. */
        @WithDefault("6s")
        Duration pairInterval();

        @WithDefault("2")
        int marketingPerDay();

        @WithDefault("P30D")
        Duration identicalContentWindow();

        /** A recipient without any consent record is held this long after the message was accepted, then suppressed. */
        @WithDefault("60s")
        Duration consentGrace();
    }

    /** The portfolio's unique-recipient budget (gate rule 8; the limit itself is the registry's or the health decision's tier). */
    interface Budget {
        /**
         * The rolling window the portfolio's business-initiated unique recipients are counted over: Meta's 24 hours.
         * Only tests and benchmarks set it shorter, to see the budget roll in minutes instead of a day. Neither the
         * 24 h customer-service window nor the warm-up's count per UTC day follows it.
         */
        @WithDefault("PT24H")
        Duration window();
    }

    /**
     * Fail closed while the opt-out path is behind (OptOutPathProgress): a person who just wrote is held until their
     * message's consent effect has reached dispatch's projection; marketing and campaigns are held for everyone while
     * dispatch has not read the inbound messages or cannot read Kafka's offsets.
     */
    interface OptOutPath {
        /** How often Kafka's committed and end offsets are read (two admin requests). */
        @WithDefault("50ms")
        Duration checkEvery();

        /** consent-service's consumer group on wa.inbound-messages.v1. */
        @WithDefault("consent-inbound")
        String consentGroup();

        /**
         * How long dispatch may take to read every inbound message that exists before business messages are held for
         * everyone (it cannot know whom the unread ones concern).
         */
        @WithDefault("1s")
        Duration maxInboundDelay();

        /** With no reading of the offsets for this long (Kafka unreachable), the path counts as behind. */
        @WithDefault("2s")
        Duration staleAfter();

        /** A held message is looked at again after this long. */
        @WithDefault("1s")
        Duration recheck();

        /** How often the record of who wrote is cleaned of what no longer holds anyone. */
        @WithDefault("10s")
        Duration cleanEvery();

        /** The path's first hop: whether Meta's webhooks reach ingest (wa.intake-beats.v1, domain.WebhookIntake). */
        Intake intake();

        interface Intake {
            /** Off only where no ingest runs (dispatch's own tests and benchmarks): business messages would be held forever. */
            @WithDefault("true")
            boolean enabled();

            /** An ingest instance whose last beat (every 100 ms) is older than this is not taking webhooks. */
            @WithDefault("400ms")
            Duration staleAfter();

            /**
             * How long a delivery carrying user messages may wait in ingest (arrived, not yet answered) before business
             * messages are held for everyone: a STOP in it is not on Kafka yet. With the beat interval and the read,
             * dispatch knows about 100–200 ms later.
             */
            @WithDefault("250ms")
            Duration maxPending();

            /**
             * How long after a disruption (a refusal, a lost instance, a time without any) Meta may still retry a delivery
             * that failed in it: business messages stay held that long. At least the webhook sender's longest retry
             * interval (the simulator's default 30 s; the local platform's tests set 1 s and this to 3 s).
             */
            @WithDefault("30s")
            Duration retryWindow();

            /** How far back a starting dispatch reads the beats, to see a gap that began before it. */
            @WithDefault("10m")
            Duration lookBack();
        }
    }

    interface Deferral {
        /** How often due messages are looked for (the scheduler's granularity is one second). */
        @WithDefault("1s")
        Duration pollInterval();

        @WithDefault("500")
        int batch();
    }

    interface Reconcile {
        /** A send still INFLIGHT after this long (a crash between call and answer) becomes UNKNOWN. */
        @WithDefault("10m")
        Duration unknownAfter();

        /** How often INFLIGHT rows are swept for {@code unknown-after} (read by ReconcileService's schedule). */
        @WithDefault("30s")
        Duration sweepEvery();

        /** INFLIGHT rows older than this are watched for a status webhook carrying their messageId. */
        @WithDefault("30s")
        Duration watchAfter();
    }

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
