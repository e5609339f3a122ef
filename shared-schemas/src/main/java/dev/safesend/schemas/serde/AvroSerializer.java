package dev.safesend.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/** Kafka serializer for any platform record, in Avro single-object encoding. */
public class AvroSerializer implements Serializer<SpecificRecord> {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public byte[] serialize(String topic, SpecificRecord data) {
        if (data == null) {
            return null; // a tombstone on compacted topics
        }
        try {
            return AvroSchemas.encoder((Class) data.getClass()).encode(data).array();
        } catch (IOException | RuntimeException e) {
            throw new AvroSerdeException("cannot encode " + data.getClass().getSimpleName() + " for " + topic + ": " + e.getMessage(), e);
        }
    }
}
