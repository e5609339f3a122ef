package dev.safesend.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Attribution's windows (docs/analytics.md, "Attribution"). */
@ConfigMapping(prefix = "safesend.analytics")
public interface AttributionConfig {

    /**
     * How long after a campaign message is delivered a reply that quotes nothing, or an opt-out, is still credited to
     * it. Seven days: most replies to a campaign come within hours, a weekly campaign's next message takes over the
     * credit anyway, and Meta's own 24 h customer window is too short for people who read a message days later.
     */
    @WithDefault("P7D")
    Duration replyWindow();

    /** How long before a conversion a campaign touch still earns it (last touch), and how long a campaign's uplift is measured. */
    @WithDefault("P30D")
    Duration conversionWindow();
}
