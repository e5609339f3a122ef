package dev.safesend.consent.service;

/** Every metric name consent emits (Micrometer, lowercase dot-separated; no ids or phones as tags). */
public final class ConsentMetrics {
    /** Per consumed record: tags {@code event.type}, {@code outcome} (success, duplicate, skipped, dead_lettered). */
    public static final String MESSAGES_PROCESSED = "consent.messages.processed";
    /** Timer around each consumed record. */
    public static final String MESSAGE_PROCESSING = "consent.message.processing";
    /** Applied consent changes per category: tags {@code source}, {@code state}. */
    public static final String CHANGES_RECORDED = "consent.changes.recorded";
    /** Requested changes that were refused: tag {@code reason}. */
    public static final String CHANGES_REJECTED = "consent.changes.rejected";
    /** Keywords recognised in inbound messages: tag {@code intent}. */
    public static final String KEYWORDS_MATCHED = "consent.keywords.matched";
    /** Rows of import files turned into contacts, and rows refused. */
    public static final String ROWS_IMPORTED = "consent.rows.imported";
    public static final String ROWS_REJECTED = "consent.rows.rejected";
    /** Import jobs finished: tag {@code status}. */
    public static final String IMPORTS_FINISHED = "consent.imports.finished";
    /** GDPR erasures. */
    public static final String CONTACTS_ERASED = "consent.contacts.erased";
    /** Outbox entries published and acknowledged by Kafka: tag {@code kind} (consent, reply). */
    public static final String EVENTS_PUBLISHED = "consent.events.published";
    /** Gauge: outbox entries not yet published. */
    public static final String OUTBOX_PENDING = "consent.outbox.pending";

    private ConsentMetrics() {
    }
    /** Two contacts found to be one person (a webhook named a phone and a BSUID that were separate contacts). */
    public static final String IDENTITIES_MERGED = "consent.identities.merged";
}
