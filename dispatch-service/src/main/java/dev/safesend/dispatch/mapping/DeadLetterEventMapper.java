package dev.safesend.dispatch.mapping;

import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.serde.AvroDeserializer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.util.Optional;

/** What a dead-lettered value is, as far as an operator needs to know: its record type and, when it has one, its messageId. */
@ApplicationScoped
public class DeadLetterEventMapper {

    private final AvroDeserializer avro = new AvroDeserializer();

    /**
     * @param messageId null for records that carry none
     * @param project   the project the record belongs to, null for records that name none (a sender's health, an
     *                  inbound message): those are every project's and only a token for every project sees them
     */
    public record Described(String recordType, String messageId, String project) {
    }

    /** Empty when the bytes are not a platform record (the poison that put it in the DLQ, often). */
    public Optional<Described> describe(String topic, byte[] value) {
        SpecificRecord record;
        try {
            record = avro.deserialize(topic, value);
        } catch (RuntimeException undecodable) {
            return Optional.empty();
        }
        if (record == null) {
            return Optional.empty();
        }
        String messageId = null;
        if (record instanceof OutboundMessage m) {
            messageId = m.getMessageId();
        } else if (record instanceof MessageStatusChanged e) {
            messageId = e.getMessageId();
        }
        Schema.Field project = record.getSchema().getField("project");
        Object owner = project == null ? null : record.get(project.pos());
        return Optional.of(new Described(record.getSchema().getName(), messageId, owner == null ? null : owner.toString()));
    }

    /** Whether records of this type carry a messageId (so a re-drive may select them by it). */
    public boolean carriesMessageId(Class<? extends SpecificRecord> type) {
        return type == OutboundMessage.class || type == MessageStatusChanged.class;
    }
}
