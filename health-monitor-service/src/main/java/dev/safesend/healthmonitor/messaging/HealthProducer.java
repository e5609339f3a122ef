package dev.safesend.healthmonitor.messaging;

import dev.safesend.healthmonitor.domain.ContactEngagement;
import dev.safesend.healthmonitor.domain.TemplateOnHold;
import dev.safesend.healthmonitor.mapping.HealthEventMapper;
import dev.safesend.healthmonitor.repository.SenderHealthEntity;
import dev.safesend.healthmonitor.service.EngagementPublisher;
import dev.safesend.healthmonitor.service.PublishFailedException;
import dev.safesend.healthmonitor.service.SenderHealthPublisher;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes health-monitor's decisions on the compacted topics and waits for the broker's ack (idempotent producer,
 * acks=all): the caller's transaction commits only after the record is durable.
 */
@ApplicationScoped
public class HealthProducer implements SenderHealthPublisher, EngagementPublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final HealthEventMapper mapper;
    private final AvroSerializer avro = new AvroSerializer();

    public HealthProducer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, HealthEventMapper mapper) {
        this.mapper = mapper;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.CLIENT_ID_CONFIG, "health-monitor",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(SenderHealthEntity sender, List<TemplateOnHold> heldTemplates, Instant at) {
        send(Topics.SENDER_HEALTH.topicName(), sender.senderId, mapper.senderHealth(sender, heldTemplates, at));
        Log.infof("published sender health senderId=%s state=%s throttle=%.2f reasons=%s held=%d tier=%s", sender.senderId,
                sender.state, sender.factor, sender.reasons, heldTemplates.size(), sender.tier);
    }

    @Override
    public void publish(ContactEngagement engagement, Instant at) {
        send(Topics.CONTACT_ENGAGEMENT.topicName(), HealthEventMapper.engagementKey(engagement), mapper.engagement(engagement, at));
    }

    private void send(String topic, String key, SpecificRecord value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, avro.serialize(topic, value))).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailedException("could not publish to " + topic + ": " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
