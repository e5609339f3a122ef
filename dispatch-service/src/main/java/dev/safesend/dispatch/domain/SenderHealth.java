package dev.safesend.dispatch.domain;

import dev.safesend.servicekit.health.PausedCategories;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * health-monitor's current decision on a sender (wa.sender-health.v1), as dispatch applies it. The decision holds until
 * health-monitor publishes the next one: {@code until} says when the restriction may be lifted at the earliest and is
 * only shown, never acted on (health-monitor owns recovery and publishes the lift).
 *
 * @param state          HEALTHY, WARNING, THROTTLED (WARNING's older name), CRITICAL or PAUSED
 * @param throttleFactor the share of the registered rate the sender may use, in every state ({@link #rateFactor()})
 * @param changedAt      when health-monitor took the decision (the record's occurredAt); an older record is ignored
 * @param healthScore    0–100, null when not computed
 * @param qualityRating  Meta's quality rating of the number (GREEN, YELLOW, RED, FLAGGED, UNKNOWN), null when not known
 * @param portfolioId    the business portfolio health-monitor counts the number in, null when not known
 * @param messagingTier  the portfolio's Meta messaging limit (TIER_250 … TIER_UNLIMITED); null: the registry's limit applies
 * @param heldTemplates  templates of the number that must not be sent now
 */
public record SenderHealth(String senderId, String state, double throttleFactor, List<String> reasons, Instant until,
                           Instant changedAt, Double healthScore, String qualityRating, String portfolioId, String messagingTier,
                           List<HeldTemplate> heldTemplates) {

    /** The slowest a health decision can make a sender: 1 % of its registered rate. */
    public static final double MIN_RATE_FACTOR = 0.01;

    /**
     * A template that must not be sent now.
     *
     * @param language null: every language of the name
     * @param reason   e.g. TEMPLATE_PAUSED, TEMPLATE_DISABLED, TEMPLATE_QUALITY_RED
     */
    public record HeldTemplate(String name, String language, String reason) {

        /** Whether a send of template {@code templateName} in {@code templateLanguage} is held by this entry. */
        public boolean holds(String templateName, String templateLanguage) {
            return name.equals(templateName) && (language == null || language.equalsIgnoreCase(templateLanguage));
        }
    }

    public SenderHealth {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        heldTemplates = heldTemplates == null ? List.of() : List.copyOf(heldTemplates);
    }

    /** A decision with no score, quality, portfolio, tier or held template (what older records carry). */
    public SenderHealth(String senderId, String state, double throttleFactor, List<String> reasons, Instant until, Instant changedAt) {
        this(senderId, state, throttleFactor, reasons, until, changedAt, null, null, null, null, List.of());
    }

    /** Whether a message of {@code category} is held under this decision (service-kit's rule, the same as ingest's). */
    /**
     * Whether this decision knows of dispatch's own pause taken with {@code pauseReason} ({@code META_<code>: title}):
     * it names the same cause (131048 as ERROR_131048, 368 and 131031 as META_368 and META_131031). Only such a decision
     * lifts the pause, so one computed before health-monitor counted the failure cannot let marketing out again.
     */
    public boolean acknowledges(String pauseReason) {
        if (pauseReason == null || !pauseReason.startsWith("META_")) {
            return false;
        }
        String code = pauseReason.substring("META_".length()).split("\\D", 2)[0];
        return reasons.contains("ERROR_" + code) || reasons.contains("META_" + code);
    }

    public boolean holds(String category) {
        return PausedCategories.pauses(state, reasons, category);
    }

    /** The held-template entry that stops a send of this template, if any; a free-form message (no name) is never held. */
    public Optional<HeldTemplate> heldTemplate(String templateName, String templateLanguage) {
        if (templateName == null) {
            return Optional.empty();
        }
        return heldTemplates.stream().filter(h -> h.holds(templateName, templateLanguage)).findFirst();
    }

    /**
     * The factor the sender's registered rate is multiplied by, whatever the state: the throttle factor clamped to
     * [0.01, 1]. A factor that is not a number slows the sender to the minimum.
     */
    public double rateFactor() {
        if (Double.isNaN(throttleFactor)) {
            return MIN_RATE_FACTOR;
        }
        if (throttleFactor <= 0 && holds("MARKETING")) {
            return 1.0; // marketing is held, not slowed: what may still go (utility, authentication) goes at the full rate
        }
        return Math.max(MIN_RATE_FACTOR, Math.min(1.0, throttleFactor));
    }

    /**
     * The portfolio's daily unique-recipient limit the gate applies for this sender: the messaging tier's when the
     * decision carries a tier dispatch knows, otherwise {@code registryLimit} (the sender registry's). Null: unlimited.
     */
    public Long portfolioLimit(Long registryLimit) {
        Optional<MessagingTier> tier = MessagingTier.of(messagingTier);
        return tier.isPresent() ? tier.get().dailyUniqueLimit() : registryLimit; // TIER_UNLIMITED's limit is null
    }

    /** Meta's messaging tiers and the unique recipients per rolling 24 h each allows (null: unlimited). */
    public enum MessagingTier {
        TIER_250(250L), TIER_2K(2_000L), TIER_10K(10_000L), TIER_100K(100_000L), TIER_UNLIMITED(null);

        private final Long dailyUniqueLimit;

        MessagingTier(Long dailyUniqueLimit) {
            this.dailyUniqueLimit = dailyUniqueLimit;
        }

        /** Null: unlimited. */
        public Long dailyUniqueLimit() {
            return dailyUniqueLimit;
        }

        /** The tier named {@code name}; empty for none or a name dispatch does not know (the registry's limit then applies). */
        public static Optional<MessagingTier> of(String name) {
            if (name == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
