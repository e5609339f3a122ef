package dev.safesend.dispatch.service;

/**
 * Every metric name dispatch emits (Micrometer, lowercase dot-separated). Sender ids are tags: they come from
 * the registry, so their number is bounded; message ids and phone numbers never are.
 */
public final class DispatchMetrics {
    /** Gate and call outcomes: tags outcome (submitted, suppressed, rejected, expired, deferred, failed, retried, skipped), reason, sender. */
    public static final String MESSAGES = "dispatch.messages";
    public static final String MESSAGES_PROCESSED = "dispatch.messages.processed";
    /** Records not yet consumed on each hop of the opt-out path ({@code hop} = consent, projection, windows). */
    public static final String OPTOUT_LAG = "dispatch.optout.lag";
    /** 1 while the opt-out path is behind and business messages (all but authentication) are held for everyone. */
    public static final String OPTOUT_BEHIND = "dispatch.optout.behind";
    /** 1 while business messages are held because Meta's webhooks may not be reaching ingest (no live instance, or a retry window). */
    public static final String OPTOUT_INTAKE_HELD = "dispatch.optout.intake.held";
    /** ingest instances beating now. */
    public static final String OPTOUT_INTAKE_INSTANCES = "dispatch.optout.intake.instances";
    /** Cloud API call latency per sender (histogram). */
    public static final String CLOUD_API_LATENCY = "dispatch.cloudapi.latency";
    /** Time from a message reaching its lane on this instance to its Cloud API call (the token-bucket wait), per lane. */
    public static final String TOKEN_WAIT = "dispatch.token.wait";
    /** Messages waiting in memory per sender and lane. */
    public static final String LANE_DEPTH = "dispatch.lane.depth";
    /** Cloud API calls in flight per sender. */
    public static final String IN_FLIGHT = "dispatch.inflight";
    /** A sender paused by dispatch after 131048, 368 or 131031 (an alert). */
    public static final String SENDER_PAUSED = "dispatch.sender.paused";

    private DispatchMetrics() {
    }
}
