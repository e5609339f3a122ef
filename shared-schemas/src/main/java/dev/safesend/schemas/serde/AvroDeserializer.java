package dev.safesend.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;

/**
 * Kafka deserializer for any platform record: the record type is found from the single-object
 * fingerprint, so one class serves every channel and nothing needs configuring.
 */
public class AvroDeserializer implements Deserializer<SpecificRecord> {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public SpecificRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        Class type = AvroSchemas.typeOf(data);
        try {
            return (SpecificRecord) AvroSchemas.decoder(type).decode(data);
        } catch (IOException | RuntimeException e) {
            throw new AvroSerdeException("cannot decode " + type.getSimpleName() + " from " + topic + ": " + e.getMessage(), e);
        }
    }
}
