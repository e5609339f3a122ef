package dev.safesend.ingest.service;

import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.domain.AcceptedMessage;
import dev.safesend.ingest.domain.BatchOutcome;
import dev.safesend.ingest.domain.BatchRejectedException;
import dev.safesend.ingest.domain.IdempotencyConflictException;
import dev.safesend.ingest.domain.IntakeReceipt;
import dev.safesend.ingest.domain.Lane;
import dev.safesend.ingest.domain.MarketingRules;
import dev.safesend.ingest.domain.MessageIds;
import dev.safesend.ingest.domain.MessageRequest;
import dev.safesend.ingest.domain.MessageRequestRules;
import dev.safesend.ingest.domain.MessageTtl;
import dev.safesend.ingest.domain.Recipients;
import dev.safesend.ingest.domain.Replayable;
import dev.safesend.ingest.domain.RequestFingerprint;
import dev.safesend.ingest.domain.RequestRejectedException;
import dev.safesend.ingest.domain.SenderRouting;
import dev.safesend.ingest.domain.Template;
import dev.safesend.ingest.domain.TemplateRules;
import dev.safesend.ingest.domain.Violation;
import dev.safesend.ingest.repository.AcceptedMessageRepository;
import dev.safesend.ingest.repository.IdempotencyStore;
import dev.safesend.servicekit.identity.Addresses;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Accepts send requests (REST single and batch, Kafka): rules, template checks, marketing rules, routing, the
 * record, and publication of the lane record and the ACCEPTED event, all in one transaction whose commit waits
 * for Kafka's acknowledgement. An idempotency key is claimed in the same transaction, so a retried or concurrent
 * request with the same key gets the stored result and never a second message.
 *
 * <p>A keyed message's id follows from its key ({@link MessageIds#forKey}). That covers the one window the
 * transaction cannot: Kafka acknowledged the records, then the process died before the commit, so the key and the
 * record are gone while the message is on its lane. The retry is accepted afresh but under the same id, so dispatch's
 * send ledger (claimed by message id) sends it once, and the caller is answered the id that is on its way.
 */
@ApplicationScoped
public class MessageIntakeService {

    static final String SCOPE_REST = "rest";
    static final String SCOPE_BATCH = "batch";
    static final String SCOPE_KAFKA = "kafka";

    private final IngestConfig config;
    private final AcceptedMessageRepository repository;
    private final IdempotencyStore idempotency;
    private final TemplateRegistryService templates;
    private final SenderHealthProjection senderHealth;
    private final OutboundPublisher producer;
    private final MeterRegistry metrics;
    private final SenderPools pools;
    private final Clock clock = Clock.systemUTC();

    public MessageIntakeService(IngestConfig config, AcceptedMessageRepository repository, IdempotencyStore idempotency,
                                TemplateRegistryService templates, SenderHealthProjection senderHealth,
                                OutboundPublisher producer, MeterRegistry metrics, SenderPools pools) {
        this.config = config;
        this.repository = repository;
        this.idempotency = idempotency;
        this.templates = templates;
        this.senderHealth = senderHealth;
        this.producer = producer;
        this.metrics = metrics;
        this.pools = pools;
    }

    /**
     * One message. {@code idempotencyKey} may be null (no replay protection).
     *
     * @throws RequestRejectedException     when a rule is broken; nothing is stored or published
     * @throws IdempotencyConflictException when the key was used for a different request within its TTL
     */
    @Transactional
    public Replayable<IntakeReceipt> accept(MessageRequest request, String idempotencyKey) {
        return acceptIn(SCOPE_REST, request, idempotencyKey);
    }

    /** A request from wa.send-requests.v1; its requestId is the idempotency key. */
    @Transactional
    public Replayable<IntakeReceipt> acceptFromKafka(MessageRequest request, String requestId) {
        return acceptIn(SCOPE_KAFKA, request, requestId);
    }

    /**
     * A refused Kafka request becomes one REJECTED event with the reasons; a redelivery of the same request id is
     * dropped (the rejection is stored under the request id like an acceptance). Returns false for a redelivery.
     */
    @Transactional
    public boolean rejectFromKafka(MessageRequest request, String requestId, List<Violation> violations) {
        return reject(request, requestId, violations, true);
    }

    /** A Kafka request id reused for a different request: REJECTED (idempotency_key_reused), the first result kept. */
    @Transactional
    public void rejectReusedRequestId(MessageRequest request, String requestId) {
        reject(request, requestId, List.of(new Violation("requestId", "idempotency_key_reused",
                "request id '" + requestId + "' was already used for a different request")), false);
    }

    private boolean reject(MessageRequest request, String requestId, List<Violation> violations, boolean remember) {
        String fingerprint = requestId == null ? null : RequestFingerprint.of(SCOPE_KAFKA, List.of(request));
        Optional<IdempotencyStore.Stored> earlier = requestId == null || !remember ? Optional.empty()
                : idempotency.claim(SCOPE_KAFKA, requestId, fingerprint, config.idempotency().ttl());
        if (earlier.isPresent()) {
            return false;
        }
        // a redelivery after a crash that lost the stored rejection publishes the same id again; a request id reused
        // for another request has another fingerprint, so its REJECTED event never carries the first request's id
        String messageId = requestId == null ? MessageIds.random() : MessageIds.forKey(SCOPE_KAFKA, requestId, fingerprint, 0, 0);
        Publication.await(producer.publishRejected(messageId, requestId, request, violations), config.publishTimeout());
        if (requestId != null && remember) {
            idempotency.complete(SCOPE_KAFKA, requestId, "REJECTED", violations);
        }
        Log.infof("rejected Kafka request requestId=%s messageId=%s reasons=%s", requestId, messageId,
                violations.stream().map(Violation::code).distinct().toList());
        return true;
    }

    /**
     * Up to {@code max-batch-size} messages: every valid item is accepted, every invalid one is reported by index.
     *
     * @throws BatchRejectedException when no item is valid (nothing stored or published)
     */
    @Transactional
    public Replayable<BatchOutcome> acceptBatch(List<MessageRequest> requests, List<List<Violation>> unreadable,
                                                String idempotencyKey) {
        String fingerprint = idempotencyKey == null ? null : RequestFingerprint.of(SCOPE_BATCH + unreadable, requests);
        Optional<IdempotencyStore.Stored> earlier = claim(SCOPE_BATCH, idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            metrics.counter(IngestMetrics.REQUESTS_REPLAYED, "scope", SCOPE_BATCH).increment();
            return new Replayable<>(idempotency.decode(earlier.get().response(), BatchOutcome.class), true);
        }
        Instant now = now();
        IntFunction<String> ids = idsFor(SCOPE_BATCH, idempotencyKey, fingerprint,
                IntStream.range(0, requests.size()).filter(i -> unreadable.get(i) == null).boxed().toList());
        List<BatchOutcome.Item> items = new ArrayList<>(requests.size());
        List<Prepared> prepared = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            if (unreadable.get(i) != null) {
                items.add(new BatchOutcome.Item(i, null, unreadable.get(i)));
                continue;
            }
            try {
                Prepared p = prepare(requests.get(i), now, ids.apply(i));
                prepared.add(p);
                items.add(new BatchOutcome.Item(i, IntakeReceipt.of(p.accepted(), p.hintAppended()), List.of()));
            } catch (RequestRejectedException e) {
                items.add(new BatchOutcome.Item(i, null, e.violations()));
            }
        }
        BatchOutcome outcome = new BatchOutcome(items);
        if (prepared.isEmpty()) {
            throw new BatchRejectedException(outcome);
        }
        List<AcceptedMessage> accepted = prepared.stream().map(Prepared::accepted).toList();
        repository.record(accepted, idempotencyKey);
        Publication.await(producer.publishAll(accepted, idempotencyKey), config.publishTimeout());
        if (idempotencyKey != null) {
            idempotency.complete(SCOPE_BATCH, idempotencyKey, "ACCEPTED", outcome);
        }
        accepted.forEach(this::countAccepted);
        Log.infof("accepted batch: %d accepted, %d rejected, idempotencyKey=%s", outcome.acceptedCount(),
                outcome.rejectedCount(), idempotencyKey == null ? "-" : idempotencyKey);
        return new Replayable<>(outcome, false);
    }

    private Replayable<IntakeReceipt> acceptIn(String scope, MessageRequest request, String key) {
        String fingerprint = key == null ? null : RequestFingerprint.of(scope, List.of(request));
        Optional<IdempotencyStore.Stored> earlier = claim(scope, key, fingerprint);
        if (earlier.isPresent()) {
            if (!"ACCEPTED".equals(earlier.get().outcome())) {
                // a Kafka request rejected earlier: redelivered, nothing new to do
                throw new RequestRejectedException(List.of(new Violation("requestId", "already_rejected",
                        "request '" + key + "' was rejected earlier")), true);
            }
            metrics.counter(IngestMetrics.REQUESTS_REPLAYED, "scope", scope).increment();
            return new Replayable<>(idempotency.decode(earlier.get().response(), IntakeReceipt.class), true);
        }
        Prepared p = prepare(request, now(), idsFor(scope, key, fingerprint, List.of(0)).apply(0));
        repository.record(List.of(p.accepted()), key);
        // Awaited inside the transaction: if Kafka does not acknowledge, the row and the key roll back and the
        // caller gets an error; it may retry with the same key. If the process dies after the acknowledgement and
        // before the commit, the retry publishes the same message id again (see the class comment).
        Publication.await(producer.publishAll(List.of(p.accepted()), key), config.publishTimeout());
        IntakeReceipt receipt = IntakeReceipt.of(p.accepted(), p.hintAppended());
        if (key != null) {
            idempotency.complete(scope, key, "ACCEPTED", receipt);
        }
        countAccepted(p.accepted());
        Log.infof("accepted messageId=%s senderId=%s lane=%s recipient=%s template=%s", p.accepted().messageId(),
                p.accepted().senderId(), p.accepted().lane(), Addresses.mask(p.accepted().request().recipient()),
                request.template() == null ? "-" : request.template().name());
        return new Replayable<>(receipt, false);
    }

    /** The most messages one batch may carry. */
    public int maxBatchSize() {
        return config.maxBatchSize();
    }

    /** Empty for a request without a key or one whose key this transaction now holds; else the earlier result. */
    private Optional<IdempotencyStore.Stored> claim(String scope, String key, String hash) {
        if (key == null) {
            return Optional.empty();
        }
        Optional<IdempotencyStore.Stored> earlier = idempotency.claim(scope, key, hash, config.idempotency().ttl());
        if (earlier.isPresent() && !earlier.get().bodyHash().equals(hash)) {
            metrics.counter(IngestMetrics.REQUESTS_CONFLICTED, "scope", scope).increment();
            throw new IdempotencyConflictException(key);
        }
        return earlier;
    }

    /**
     * The ids of a request's messages by index: random without a key; else the key's first generation none of whose
     * ids (at {@code indices}) is recorded. A retry after a lost commit finds nothing recorded and gets the ids its
     * first attempt published; the same request under a key whose 24 h are over was recorded, so it is a new request
     * and gets new ids. Called while this transaction holds the key, so no other request with it runs meanwhile.
     */
    private IntFunction<String> idsFor(String scope, String key, String fingerprint, List<Integer> indices) {
        if (key == null) {
            return i -> MessageIds.random();
        }
        int generation = 0;
        while (repository.anyRecorded(idsAt(scope, key, fingerprint, generation, indices))) {
            generation++;
        }
        int chosen = generation;
        return i -> MessageIds.forKey(scope, key, fingerprint, chosen, i);
    }

    private static List<String> idsAt(String scope, String key, String fingerprint, int generation, List<Integer> indices) {
        return indices.stream().map(i -> MessageIds.forKey(scope, key, fingerprint, generation, i)).toList();
    }

    /** A request that passed every rule, routed, with its opt-out hint decision. */
    private record Prepared(AcceptedMessage accepted, boolean hintAppended) {
    }

    private Prepared prepare(MessageRequest request, Instant now, String messageId) {
        List<Violation> violations = new ArrayList<>(MessageRequestRules.check(request, now));
        Template template = null;
        // the template checks need a well-formed template reference: after a shape problem, that problem is the answer
        if (request.template() != null && violations.stream().noneMatch(v -> v.field().startsWith("template"))) {
            template = templates.find(request.template().name(), request.template().language()).orElse(null);
            violations.addAll(TemplateRules.check(request, template,
                    template == null ? templates.languagesOf(request.template().name()) : java.util.Set.of()));
        }
        if (config.marketing().requireHttps()) {
            violations.addAll(MarketingRules.checkLinks(request));
        }
        if (!violations.isEmpty()) {
            countRejected(violations);
            throw new RequestRejectedException(violations);
        }
        MessageRequest normalised = request.withRecipient(Recipients.normalise(request.recipient()).orElseThrow());
        boolean hintAppended = false;
        if (config.marketing().optOutHintProjects().orElse(List.of()).contains(normalised.project())) {
            MarketingRules.HintOutcome hint = MarketingRules.appendOptOutHint(normalised, template, config.marketing().optOutHint());
            normalised = hint.request();
            hintAppended = hint.appended();
        }
        List<String> pool = pools.of(normalised.project());
        MessageRequest routed = normalised;
        String sender = SenderRouting.senderFor(routed.recipient(), pool, s -> senderHealth.available(s, routed.category()));
        AcceptedMessage accepted = new AcceptedMessage(messageId, routed, sender,
                Lane.forCategory(routed.category()), now, MessageTtl.expiresAt(routed, now));
        return new Prepared(accepted, hintAppended);
    }

    private void countAccepted(AcceptedMessage accepted) {
        metrics.counter(IngestMetrics.MESSAGES_ACCEPTED, "lane", accepted.lane().name().toLowerCase(Locale.ROOT)).increment();
    }

    private void countRejected(List<Violation> violations) {
        metrics.counter(IngestMetrics.MESSAGES_REJECTED, "reason", violations.get(0).code()).increment();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
