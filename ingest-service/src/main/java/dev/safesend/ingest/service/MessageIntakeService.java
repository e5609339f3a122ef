package dev.safesend.ingest.service;

import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.domain.AcceptedMessage;
import dev.safesend.ingest.domain.Lane;
import dev.safesend.ingest.domain.MessageRequest;
import dev.safesend.ingest.domain.MessageRequestRules;
import dev.safesend.ingest.domain.MessageTtl;
import dev.safesend.ingest.domain.PhoneNumbers;
import dev.safesend.ingest.domain.RequestRejectedException;
import dev.safesend.ingest.domain.SenderRouting;
import dev.safesend.ingest.domain.Violation;
import dev.safesend.ingest.messaging.OutboundProducer;
import dev.safesend.ingest.repository.AcceptedMessageRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Accepts a send request: rules, routing, record, and publication awaited inside the same transaction. */
@ApplicationScoped
public class MessageIntakeService {

    private final IngestConfig config;
    private final AcceptedMessageRepository repository;
    private final OutboundProducer producer;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    public MessageIntakeService(IngestConfig config, AcceptedMessageRepository repository, OutboundProducer producer,
                                MeterRegistry metrics) {
        this.config = config;
        this.repository = repository;
        this.producer = producer;
        this.metrics = metrics;
    }

    /**
     * @throws RequestRejectedException when a rule is broken; nothing is stored or published then
     */
    @Transactional
    public AcceptedMessage accept(MessageRequest request) {
        List<Violation> violations = MessageRequestRules.check(request);
        if (!violations.isEmpty()) {
            metrics.counter(IngestMetrics.MESSAGES_REJECTED, "reason", violations.get(0).code()).increment();
            throw new RequestRejectedException(violations);
        }
        MessageRequest normalised = request.withRecipient(PhoneNumbers.toE164(request.recipient()).orElseThrow());
        List<String> pool = config.routing().pools().getOrDefault(normalised.project(), config.routing().defaultPool());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AcceptedMessage accepted = new AcceptedMessage(UUID.randomUUID().toString(), normalised,
                SenderRouting.senderFor(normalised.recipient(), pool), Lane.forCategory(normalised.category()),
                now, MessageTtl.expiresAt(normalised, now));

        repository.record(accepted);
        // Awaited inside the transaction: if Kafka does not acknowledge, the row rolls back and the caller gets an error.
        producer.publish(accepted).await().atMost(config.publishTimeout());

        metrics.counter(IngestMetrics.MESSAGES_ACCEPTED, "lane", accepted.lane().name().toLowerCase()).increment();
        Log.infof("accepted messageId=%s senderId=%s lane=%s recipient=%s", accepted.messageId(), accepted.senderId(),
                accepted.lane(), Masking.phone(normalised.recipient()));
        return accepted;
    }
}
