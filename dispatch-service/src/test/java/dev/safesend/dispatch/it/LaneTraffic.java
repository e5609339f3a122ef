package dev.safesend.dispatch.it;

import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.common.TemplateContent;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.consent.ConsentState;
import dev.safesend.schemas.consent.ProjectConsent;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** What ingest and consent-service would publish: outbound messages on a sender's lane, and consent changes. */
final class LaneTraffic implements AutoCloseable {

    static final String PROJECT = "school";

    private final KafkaProducer<String, SpecificRecord> producer;

    LaneTraffic(String bootstrapServers) {
        AvroSerializer avro = new AvroSerializer();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(), avro::serialize);
    }

    /** A UTILITY template message (the simulator's built-in {@code order_update}) that may wait up to {@code ttlSeconds}. */
    static OutboundMessage utility(String senderId, String recipient, long ttlSeconds) {
        return message(senderId, recipient, Category.UTILITY, ttlSeconds);
    }

    static OutboundMessage message(String senderId, String recipient, Category category, long ttlSeconds) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return OutboundMessage.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setMessageId(UUID.randomUUID().toString())
                .setProject(PROJECT).setSenderId(senderId).setRecipient(recipient).setCategory(category)
                .setTemplate(TemplateContent.newBuilder().setName("order_update").setLanguage("en_US")
                        .setBodyParameters(List.of("Tariro", "A-1001")).build())
                .setExpiresAt(now.plusSeconds(ttlSeconds)).build();
    }

    /** Publishes one message on its sender's lane, waits for Kafka's ack and answers the record's timestamp (when it was produced). */
    Instant send(Topics lane, OutboundMessage m) {
        try {
            return Instant.ofEpochMilli(producer.send(new ProducerRecord<>(lane.topicName(), m.getSenderId(), m)).get().timestamp());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Hands one message to the producer without waiting (see {@link #flush}). */
    void publish(Topics lane, OutboundMessage m) {
        producer.send(new ProducerRecord<>(lane.topicName(), m.getSenderId(), m));
    }

    /** Publishes messages in order (one sender's records keep their order on its partition) and waits for all acks. */
    void sendAll(Topics lane, List<OutboundMessage> messages) {
        messages.forEach(m -> producer.send(new ProducerRecord<>(lane.topicName(), m.getSenderId(), m)));
        producer.flush();
    }

    /** consent-service's record for a phone: the whole current state, every category in {@link #PROJECT} set to {@code state}. */
    void consent(String phone, long version, ConsentState state) {
        ConsentChanged change = ConsentChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setPhone(phone).setProject(PROJECT).setVersion(version)
                .setMarketing(state).setUtility(state).setAuthentication(state)
                .setSource(state == ConsentState.OPTED_OUT ? "KEYWORD" : "API").setErased(false)
                .setProjects(Map.of(PROJECT, ProjectConsent.newBuilder().setMarketing(state).setUtility(state)
                        .setAuthentication(state).build()))
                .build();
        producer.send(new ProducerRecord<>(Topics.CONSENT_CHANGES.topicName(), phone, change));
    }

    /**
     * consent-service's record for a contact identity: keyed by its contact key, with every address it is known by,
     * marketing set to {@code marketing} and the other categories to {@code others} in {@link #PROJECT}.
     */
    void consentOfContact(String key, List<String> addresses, long version, ConsentState marketing, ConsentState others) {
        ConsentChanged change = ConsentChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setPhone(key).setProject(PROJECT).setVersion(version)
                .setMarketing(marketing).setUtility(others).setAuthentication(others)
                .setSource("LINK").setErased(false).setAddresses(addresses)
                .setProjects(Map.of(PROJECT, ProjectConsent.newBuilder().setMarketing(marketing).setUtility(others)
                        .setAuthentication(others).build()))
                .build();
        producer.send(new ProducerRecord<>(Topics.CONSENT_CHANGES.topicName(), key, change));
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
