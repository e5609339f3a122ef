package dev.safesend.simulator.config;

/** Micrometer meter names of the simulator (lowercase, dot-separated, no ids as tags). */
public final class SimulatorMetrics {

    /** Messages accepted on the send endpoint; tag {@code type} (text, template, ...). */
    public static final String MESSAGES_ACCEPTED = "simulator.messages.accepted";
    /** Meta errors answered or reported; tag {@code code}. */
    public static final String MESSAGES_REJECTED = "simulator.messages.rejected";
    /** Webhook updates (statuses, inbound messages, account events) the receiver acknowledged. */
    public static final String WEBHOOKS_DELIVERED = "simulator.webhooks.delivered";
    /** Webhook updates given up on after the last retry. */
    public static final String WEBHOOKS_FAILED = "simulator.webhooks.failed";
    /** Webhook POSTs retried after an error answer or a connection failure. */
    public static final String WEBHOOKS_RETRIED = "simulator.webhooks.retried";
    /** Webhook updates scheduled, in flight or waiting for a retry. */
    public static final String WEBHOOKS_PENDING = "simulator.webhooks.pending";

    public static final String TAG_TYPE = "type";
    public static final String TAG_CODE = "code";

    private SimulatorMetrics() {
    }
}
