package dev.safesend.healthmonitor.domain;

/**
 * What health-monitor counts per scope (sender, portfolio, template, campaign) and time bucket. Each message counts
 * at most once per signal, whatever Kafka redelivers and in whatever order Meta's statuses arrive (a READ first also
 * counts its SENT and DELIVERED). Failures are also counted per Meta error code under {@link #failedCode(int)}.
 */
public enum Signal {
    SUBMITTED, SENT, DELIVERED, READ, REPLIED, FAILED,
    /** a Cloud API call dispatch saw refused (a FAILED event from dispatch rather than from a status webhook) */
    API_ERROR,
    /** 131026: undeliverable, which is what a user who blocked the number causes (the block proxy) */
    UNDELIVERABLE,
    /** 131048: spam rate limit */
    SPAM_LIMITED,
    /** 131049: Meta's per-user marketing limit ("ecosystem engagement") */
    ECOSYSTEM_LIMITED,
    OPT_OUT_KEYWORD, OPT_OUT_PREFERENCES, OPT_OUT_131050, OPT_OUT_OTHER;

    /** The metric name of failures with one Meta error code, e.g. {@code FAILED_131026}. */
    public static String failedCode(int code) {
        return "FAILED_" + code;
    }

    /** The opt-out signal for a consent change's source. */
    public static Signal optOut(String consentSource) {
        if (consentSource == null) {
            return OPT_OUT_OTHER;
        }
        return switch (consentSource) {
            case "KEYWORD" -> OPT_OUT_KEYWORD;
            case "USER_PREFERENCES" -> OPT_OUT_PREFERENCES;
            case "META_131050" -> OPT_OUT_131050;
            default -> OPT_OUT_OTHER;
        };
    }
}
