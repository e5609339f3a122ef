package dev.safesend.consent;

import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.schemas.account.AccountEventType;
import dev.safesend.schemas.message.EventSource;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.InboundType;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.testsupport.SafesendInfraResource;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** What the component tests publish and the numbers and tokens they use. */
public final class TestEvents {

    private static KafkaProducer<String, SpecificRecord> producer;

    private TestEvents() {
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static String token(String role) {
        return SafesendInfraResource.testKeys().token(role);
    }

    /** A fresh valid Zimbabwean mobile number. */
    public static String newPhone() {
        return "+26377" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    public static synchronized void publish(String topic, String key, SpecificRecord value) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                    new StringSerializer(), new AvroSerializer()::serialize);
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void publishRaw(String topic, String key, String value) {
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh BSUID (region ZW, like the phones above). */
    public static String newBsuid() {
        return "ZW." + (1_000_000_000L + ThreadLocalRandom.current().nextLong(8_999_999_999L));
    }

    /**
     * A text from a user as ingest publishes it: with a phone and a BSUID, or (phone null) a username user whose phone
     * Meta withheld, whose record carries the BSUID in waId and phone.
     */
    public static InboundMessageReceived textFrom(String phone, String bsuid, String body, Instant at) {
        String address = phone != null ? phone : bsuid;
        return InboundMessageReceived.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                .setWamid("wamid." + UUID.randomUUID()).setWaId(phone != null ? phone.substring(1) : bsuid).setPhone(address)
                .setUserId(bsuid).setSenderId("110000000000001").setType(InboundType.TEXT).setText(body).setReceivedAt(at).build();
    }

    /** Meta's user_changed_number system message: the user of {@code oldPhone}/{@code oldBsuid} moved to new ones. */
    public static InboundMessageReceived numberChange(String oldPhone, String oldBsuid, String newPhone, String newBsuid) {
        Instant at = Instant.now();
        return InboundMessageReceived.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                .setWamid("wamid." + UUID.randomUUID()).setWaId(oldPhone.substring(1)).setPhone(oldPhone).setUserId(oldBsuid)
                .setSenderId("110000000000001").setType(InboundType.OTHER).setSystemType("user_changed_number")
                .setNewPhone(newPhone).setNewUserId(newBsuid).setReceivedAt(at).build();
    }

    public static InboundMessageReceived text(String phone, String body, Instant at) {
        return InboundMessageReceived.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                .setWamid("wamid." + UUID.randomUUID()).setWaId(phone.substring(1)).setPhone(phone).setSenderId("110000000000001")
                .setType(InboundType.TEXT).setText(body).setReceivedAt(at).build();
    }

    public static AccountEventReceived userPreference(String phone, String value) {
        return AccountEventReceived.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setType(AccountEventType.USER_PREFERENCES).setField("user_preferences").setWabaId("waba-1")
                .setWaId(phone.substring(1)).setPreferenceCategory("marketing_messages").setPreferenceValue(value).build();
    }

    /** user_preferences of a user Meta names only by BSUID. */
    public static AccountEventReceived userPreferenceOfBsuid(String bsuid, String value) {
        return AccountEventReceived.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setType(AccountEventType.USER_PREFERENCES).setField("user_preferences").setWabaId("waba-1")
                .setUserId(bsuid).setPreferenceCategory("marketing_messages").setPreferenceValue(value).build();
    }

    public static MessageStatusChanged failed(String phone, int code) {
        return status(phone, MessageStatus.FAILED, code, Instant.now());
    }

    public static MessageStatusChanged status(String phone, MessageStatus status, Integer code, Instant at) {
        return MessageStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at).setStatusAt(at)
                .setMessageId(UUID.randomUUID().toString()).setStatus(status).setSource(EventSource.WEBHOOK).setRecipient(phone)
                .setProject("default").setErrorCode(code).build();
    }
}
