package dev.safesend.schemas;

import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.common.TemplateContent;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.consent.ConsentState;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.serde.AvroDeserializer;
import dev.safesend.schemas.serde.AvroSerdeException;
import dev.safesend.schemas.serde.AvroSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeTest {

    private final AvroSerializer serializer = new AvroSerializer();
    private final AvroDeserializer deserializer = new AvroDeserializer();

    @Test
    void aRecordSurvivesTheRoundTripAndIsRecognisedByItsFingerprint() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OutboundMessage message = OutboundMessage.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(now)
                .setMessageId("msg-1").setProject("school").setSenderId("106540352242922")
                .setRecipient("+263771234567").setCategory(Category.UTILITY)
                .setTemplate(TemplateContent.newBuilder().setName("fees_due").setLanguage("en_US")
                        .setBodyParameters(List.of("Tariro", "USD 40")).build())
                .setExpiresAt(now.plusSeconds(600)).setMetadata(Map.of("grade", "7"))
                .build();

        byte[] bytes = serializer.serialize("wa.outbound.urgent.v1", message);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(deserializer.deserialize("wa.outbound.urgent.v1", bytes)).isEqualTo(message);
    }

    @Test
    void anOptionalTimestampThatIsSetSurvivesTheRoundTrip() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OutboundMessage m = OutboundMessage.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setMessageId("m-optional-ts").setProject("school")
                .setSenderId("110000000000001").setRecipient("+263771234567").setCategory(Category.UTILITY)
                .setTemplate(TemplateContent.newBuilder().setName("order_update").setLanguage("en_US").setBodyParameters(List.of()).build())
                .setNotBefore(now.plusSeconds(60)).setExpiresAt(now.plusSeconds(600)).build();

        OutboundMessage back = (OutboundMessage) new AvroDeserializer().deserialize("t", new AvroSerializer().serialize("t", m));

        assertThat(back.getNotBefore()).isEqualTo(now.plusSeconds(60));
    }

    @Test
    void twoRecordTypesOnTheSameDeserializerAreToldApart() {
        ConsentChanged consent = ConsentChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.ofEpochMilli(1))
                .setPhone("+263771234567").setProject("school").setVersion(3)
                .setMarketing(ConsentState.OPTED_OUT).setUtility(ConsentState.OPTED_IN)
                .setAuthentication(ConsentState.OPTED_IN).setSource("KEYWORD").build();

        assertThat(deserializer.deserialize("t", serializer.serialize("t", consent))).isInstanceOf(ConsentChanged.class).isEqualTo(consent);
    }

    @Test
    void bytesThatAreNotSingleObjectEncodedAreRefusedWithAReason() {
        assertThatThrownBy(() -> deserializer.deserialize("t", "{\"json\":true}".getBytes()))
                .isInstanceOf(AvroSerdeException.class).hasMessageContaining("single-object");
    }

    @Test
    void anUnknownSchemaFingerprintIsRefusedWithAReason() {
        byte[] bytes = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0};
        assertThatThrownBy(() -> deserializer.deserialize("t", bytes))
                .isInstanceOf(AvroSerdeException.class).hasMessageContaining("unknown writer schema");
    }

    @Test
    void aTruncatedBodyIsRefusedWithAReason() {
        ConsentChanged consent = ConsentChanged.newBuilder()
                .setEventId("e").setOccurredAt(Instant.ofEpochMilli(1)).setPhone("+263771234567").setProject("p")
                .setVersion(1).setMarketing(ConsentState.OPTED_IN).setUtility(ConsentState.OPTED_IN)
                .setAuthentication(ConsentState.OPTED_IN).setSource("API").build();
        byte[] bytes = serializer.serialize("t", consent);
        byte[] truncated = java.util.Arrays.copyOf(bytes, 14);

        assertThatThrownBy(() -> deserializer.deserialize("t", truncated))
                .isInstanceOf(AvroSerdeException.class).hasMessageContaining("cannot decode ConsentChanged");
    }

    @Test
    void aNullValueIsATombstone() {
        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

    @Test
    void aRecordWrittenWithAnOlderReleasedSchemaIsStillRead() throws Exception {
        // encode with the released v1 writer schema, as a producer of that time did
        org.apache.avro.Schema v1 = dev.safesend.schemas.serde.ReleasedSchemas.of("dev.safesend.schemas.consent.ConsentChanged").get(0);
        org.apache.avro.generic.GenericRecord old = new org.apache.avro.generic.GenericData.Record(v1);
        old.put("eventId", "e-old");
        old.put("occurredAt", 5L);
        old.put("phone", "+263771234567");
        old.put("project", "school");
        old.put("version", 7L);
        org.apache.avro.Schema state = v1.getField("marketing").schema();
        old.put("marketing", new org.apache.avro.generic.GenericData.EnumSymbol(state, "OPTED_OUT"));
        old.put("utility", new org.apache.avro.generic.GenericData.EnumSymbol(state, "OPTED_IN"));
        old.put("authentication", new org.apache.avro.generic.GenericData.EnumSymbol(state, "OPTED_IN"));
        old.put("source", "KEYWORD");
        old.put("erased", false);
        byte[] bytes = new org.apache.avro.message.BinaryMessageEncoder<org.apache.avro.generic.GenericRecord>(
                org.apache.avro.generic.GenericData.get(), v1).encode(old).array();

        ConsentChanged read = (ConsentChanged) deserializer.deserialize("wa.consent-changes.v1", bytes);

        assertThat(read.getVersion()).isEqualTo(7L);
        assertThat(read.getMarketing()).isEqualTo(ConsentState.OPTED_OUT);
        assertThat(read.getPhone()).isEqualTo("+263771234567");
    }
}
