package dev.safesend.dispatch.it;

import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.serde.AvroDeserializer;
import dev.safesend.schemas.topic.Topics;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The dead letters of both lanes ({@code wa.outbound.*.v1.dlq}) from the moment it is opened: by messageId, with their headers. */
final class DeadLetterLog implements AutoCloseable {

    /** One dead-lettered lane record. */
    record DeadLetter(String topic, String messageId, Map<String, String> headers) {
    }

    private final Map<String, List<DeadLetter>> byMessageId = new ConcurrentHashMap<>();
    private final TopicTail tail;

    DeadLetterLog(String bootstrapServers) {
        AvroDeserializer avro = new AvroDeserializer();
        tail = new TopicTail(bootstrapServers, List.of(Topics.OUTBOUND_URGENT.dlqName(), Topics.OUTBOUND_BULK.dlqName()), r -> {
            if (avro.deserialize(r.topic(), r.value()) instanceof OutboundMessage m) {
                Map<String, String> headers = new HashMap<>();
                for (Header h : r.headers()) {
                    headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                }
                byMessageId.computeIfAbsent(m.getMessageId(), k -> new CopyOnWriteArrayList<>())
                        .add(new DeadLetter(r.topic(), m.getMessageId(), headers));
            }
        });
    }

    List<DeadLetter> of(String messageId) {
        return List.copyOf(byMessageId.getOrDefault(messageId, List.of()));
    }

    @Override
    public void close() {
        tail.close();
    }
}
