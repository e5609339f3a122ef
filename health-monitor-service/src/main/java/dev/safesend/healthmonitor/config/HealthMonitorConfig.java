package dev.safesend.healthmonitor.config;

import dev.safesend.healthmonitor.domain.HealthRules;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** health-monitor's knobs. The rules' defaults are the ones docs/health.md explains. */
@ConfigMapping(prefix = "safesend.health-monitor")
public interface HealthMonitorConfig {

    /** Whether numbers are judged on a schedule (off only in tests that drive the pieces themselves). */
    @WithDefault("true")
    boolean evaluate();

    /** How often every number is judged again (the reaction time is this plus Kafka's latency). */
    @WithDefault("1s")
    Duration evaluateEvery();

    /** How often dispatch's sender registry is read (portfolio, WABA and display number of each number). */
    @WithDefault("30s")
    Duration registryEvery();

    /** How often each number's quality rating is read from Meta's Graph API (0 = never: webhooks only). */
    @WithDefault("5m")
    Duration qualityEvery();

    /** The Graph API version of the quality read. */
    @WithDefault("v23.0")
    String graphVersion();

    /** The bearer token of Meta's Graph API (the simulator's by default). */
    @WithDefault("sim-access-token")
    String metaAccessToken();

    /** The token health-monitor presents to dispatch (role viewer); empty when security is off. */
    Optional<String> serviceToken();

    /** Rows and buckets older than this are swept (the longest window is 7 days). */
    @WithDefault("8d")
    Duration retention();

    Rules rules();

    Engagement engagement();

    interface Rules {
        /** Opt-outs per delivered message over which marketing is throttled (0.05%). */
        @WithDefault("0.0005")
        double warnOptOutRate();

        /** Opt-outs per delivered message over which marketing is paused (0.1%). */
        @WithDefault("0.001")
        double pauseOptOutRate();

        /** A cause clears only below this share of its threshold (against flapping). */
        @WithDefault("0.8")
        double hysteresis();

        /** Delivered messages in the window before opt-out rates are judged. */
        @WithDefault("1000")
        long minDelivered();

        /** The window the opt-out rules look at. */
        @WithDefault("24h")
        Duration optOutWindow();

        /** How long an opt-out pause lasts at least, from the last time the rate was over the line. */
        @WithDefault("2h")
        Duration optOutPause();

        /** How long a 131048 (spam rate limit) holds marketing. */
        @WithDefault("24h")
        Duration spamPause();

        /** How long a 368 (policy) or 131031 (account locked) stops the number. */
        @WithDefault("24h")
        Duration accountBlockPause();

        /** How long the causes must stay clear before each recovery step. */
        @WithDefault("30m")
        Duration clearFor();

        /** The throttle of WARNING. */
        @WithDefault("0.7")
        double warnFactor();

        /** The recovery steps, ending with 1.0. */
        @WithDefault("0.5,0.7,1.0")
        List<Double> steps();

        /** The score is republished when it moves by this much, even if the decision stays. */
        @WithDefault("5")
        double scoreStep();

        default HealthRules toRules() {
            return new HealthRules(warnOptOutRate(), pauseOptOutRate(), hysteresis(), minDelivered(), optOutWindow(),
                    optOutPause(), spamPause(), accountBlockPause(), clearFor(), warnFactor(), steps());
        }
    }

    interface Engagement {
        /** Delivered marketing messages without a read in a row that make a contact dormant. */
        @WithDefault("5")
        int unreadLimit();

        /** How long a dormant contact gets no marketing. */
        @WithDefault("30d")
        Duration dormancy();
    }
}
