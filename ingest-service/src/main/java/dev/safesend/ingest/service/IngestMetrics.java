package dev.safesend.ingest.service;

/** Every metric name ingest emits (Micrometer, lowercase dot-separated; no ids as tags). */
public final class IngestMetrics {
    /** Accepted messages, tag lane. */
    public static final String MESSAGES_ACCEPTED = "ingest.messages.accepted";
    /** Refused messages, tag reason (the first problem code). */
    public static final String MESSAGES_REJECTED = "ingest.messages.rejected";
    /** Requests answered from their idempotency key, tag scope (rest, batch, kafka). */
    public static final String REQUESTS_REPLAYED = "ingest.requests.replayed";
    /** Idempotency keys reused with a different body (409), tag scope. */
    public static final String REQUESTS_CONFLICTED = "ingest.requests.conflicted";
    /** Every consumer: tags event.type and outcome (success, duplicate, dead_lettered, rejected). */
    public static final String MESSAGES_PROCESSED = "ingest.messages.processed";
    /** Every consumer: time to process one record. */
    public static final String MESSAGE_PROCESSING = "ingest.message.processing";
    public static final String WEBHOOKS_RECEIVED = "ingest.webhooks.received";
    /** Webhooks refused, tag reason (missing_signature, bad_signature, malformed). */
    public static final String WEBHOOKS_REJECTED = "ingest.webhooks.rejected";
    public static final String WEBHOOK_UPDATES_PUBLISHED = "ingest.webhook.updates.published";
    /** Updates dropped because an earlier delivery already published them (Meta retries). */
    public static final String WEBHOOK_UPDATES_DEDUPLICATED = "ingest.webhook.updates.deduplicated";
    /** Change fields ingest does not know, tag field (Meta's field name; signed payloads only). */
    public static final String WEBHOOK_FIELDS_UNRECOGNIZED = "ingest.webhook.fields.unrecognized";
    /** Webhook updates naming no valid phone and no BSUID: stored for operators, not published (tag field). */
    public static final String WEBHOOK_UPDATES_UNIDENTIFIED = "ingest.webhook.updates.unidentified";
    /** Time from a verified webhook body to its 200 (events acknowledged by Kafka). */
    public static final String WEBHOOK_PROCESSING = "ingest.webhook.processing";
    /** One round of webhook deliveries stored and published together (timer), and how many deliveries it held (summary). */
    public static final String WEBHOOK_ROUND = "ingest.webhook.round";
    public static final String WEBHOOK_ROUND_SIZE = "ingest.webhook.round.size";
    /** Requests and webhook deliveries answered 503 because Kafka did not acknowledge, tag scope (rest, webhook). */
    public static final String PUBLICATIONS_FAILED = "ingest.publications.failed";
    public static final String TEMPLATES_SYNCED = "ingest.templates.synced";
    public static final String ROWS_PURGED = "ingest.rows.purged";
    /** Audience members copied into campaigns (tag outcome: queued, holdout, skipped). */
    public static final String CAMPAIGN_RECIPIENTS_COPIED = "ingest.campaign.recipients.copied";
    /** Campaign messages handed to the senders' lanes. */
    public static final String CAMPAIGN_MESSAGES_RELEASED = "ingest.campaign.messages.released";
    /** Lifecycle changes (tag state: the state entered). */
    public static final String CAMPAIGNS_TRANSITIONED = "ingest.campaigns.transitioned";

    private IngestMetrics() {
    }
}
