package dev.safesend.schemas.serde;

import dev.safesend.schemas.topic.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encoders and decoders for the platform's records in Avro single-object encoding
 * (marker C3 01, 8-byte little-endian CRC-64-AVRO fingerprint, binary body). No registry:
 * the writer schema is recognised by its fingerprint among the current schemas and every released
 * version ({@link ReleasedSchemas}). A record written with a schema newer than the reader's is
 * refused (no registry to fetch it from), so consumers are upgraded before producers.
 */
public final class AvroSchemas {

    private static final Map<Long, Class<? extends SpecificRecord>> TYPES_BY_FINGERPRINT = new ConcurrentHashMap<>();
    private static final Map<Class<?>, BinaryMessageEncoder<? extends SpecificRecord>> ENCODERS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, BinaryMessageDecoder<? extends SpecificRecord>> DECODERS = new ConcurrentHashMap<>();

    private static final Map<Class<?>, List<Schema>> OLDER_WRITERS = new ConcurrentHashMap<>();

    static {
        for (Class<? extends SpecificRecord> type : Topics.recordTypes()) {
            Schema current = schemaOf(type);
            TYPES_BY_FINGERPRINT.put(SchemaNormalization.parsingFingerprint64(current), type);
            // records written with a released older version stay readable (they live on in topics, compacted ones for ever)
            List<Schema> older = ReleasedSchemas.of(current.getFullName()).stream()
                    .filter(s -> SchemaNormalization.parsingFingerprint64(s) != SchemaNormalization.parsingFingerprint64(current))
                    .toList();
            older.forEach(s -> TYPES_BY_FINGERPRINT.put(SchemaNormalization.parsingFingerprint64(s), type));
            OLDER_WRITERS.put(type, older);
        }
    }

    private AvroSchemas() {
    }

    public static Schema schemaOf(Class<? extends SpecificRecord> type) {
        // Always the record class's own loader: Kafka threads run with the system class loader, and a decoder built with
        // SpecificData.getForClass or the thread's loader fails there with 'X cannot be cast to IndexedRecord'.
        return new SpecificData(type.getClassLoader()).getSchema(type);
    }

    /**
     * The data model for a record class, with the logical-type conversions: the generated classes convert plain
     * timestamp fields themselves, but a timestamp inside a union (an optional {@code Instant}) is converted by the
     * model, so without these an optional timestamp that is set cannot be written or read.
     */
    private static SpecificData model(Class<?> type) {
        SpecificData data = new SpecificData(type.getClassLoader());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        return data;
    }

    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> BinaryMessageEncoder<T> encoder(Class<T> type) {
        return (BinaryMessageEncoder<T>) ENCODERS.computeIfAbsent(type,
                t -> new BinaryMessageEncoder<T>(model(t), schemaOf(type)));
    }

    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> BinaryMessageDecoder<T> decoder(Class<T> type) {
        return (BinaryMessageDecoder<T>) DECODERS.computeIfAbsent(type, t -> {
            BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<T>(model(t), schemaOf(type));
            OLDER_WRITERS.getOrDefault(t, List.of()).forEach(decoder::addSchema);
            return decoder;
        });
    }

    /**
     * The record type whose schema wrote these single-object-encoded bytes.
     *
     * @throws AvroSerdeException when the bytes are not single-object encoded or the schema is unknown
     */
    public static Class<? extends SpecificRecord> typeOf(byte[] bytes) {
        if (bytes == null || bytes.length < 10 || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            throw new AvroSerdeException("not Avro single-object encoded (missing C3 01 marker)");
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Class<? extends SpecificRecord> type = TYPES_BY_FINGERPRINT.get(fingerprint);
        if (type == null) {
            throw new AvroSerdeException("unknown writer schema fingerprint " + Long.toHexString(fingerprint));
        }
        return type;
    }
}
