package dev.safesend.ingest.mapping;

import dev.safesend.ingest.domain.AccountSignal;
import dev.safesend.ingest.domain.InboundMessage;
import dev.safesend.ingest.domain.StatusUpdate;
import dev.safesend.ingest.domain.WebhookBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meta webhook payloads recorded by a third-party client library (src/test/resources/meta-payloads/pywa, see its
 * NOTICE.md), phone-era and BSUID-era alike: every one parses, and every update it carries is either an event with a
 * user safesend can address or a stored unidentified update; none is lost.
 */
class RecordedPayloadsTest {

    private final WebhookPayloadMapper mapper = new WebhookPayloadMapper();

    static Stream<Path> payloads() throws URISyntaxException, IOException {
        Path dir = Path.of(RecordedPayloadsTest.class.getResource("/meta-payloads/pywa").toURI());
        return Files.list(dir).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void everyRecordedPayloadParsesAndEveryInboundMessageNamesAnAddressableUser(Path payload) {
        WebhookBatch batch = mapper.parse(read(payload));
        assertThat(batch.inbound()).allSatisfy(m -> {
            assertThat(m.address()).as("address of %s", m.wamid()).isNotNull();
            assertThat(m.partitionKey()).isNotNull();
        });
        assertThat(batch.statuses()).allSatisfy(s -> assertThat(s.wamid()).isNotNull());
    }

    @Test
    void aUsernameUsersMessageWithThePhoneWithheldIsAddressedByItsBsuid() {
        InboundMessage m = mapper.parse(read("message__text_bsuid.json")).inbound().get(0);
        assertThat(m.waId()).isNull();
        assertThat(m.phone()).isNull();
        assertThat(m.bsuid()).isEqualTo(m.userId()).startsWith("US.");
        assertThat(m.address()).isEqualTo(m.bsuid());
        assertThat(m.partitionKey()).isEqualTo(m.bsuid());
        assertThat(m.parentUserId()).isNotNull();
        assertThat(m.username()).isNotNull();
    }

    @Test
    void aMessageWithPhoneAndBsuidIsAddressedByThePhoneAndKeyedByTheBsuid() {
        // the recorded number (+972 98…) is not a valid one; a real number in its place
        InboundMessage m = mapper.parse(withValidNumbers("message__image.json")).inbound().get(0);
        assertThat(m.phone()).isEqualTo("+263771234567");
        assertThat(m.bsuid()).isNotNull();
        assertThat(m.address()).isEqualTo(m.phone());
        assertThat(m.partitionKey()).isEqualTo(m.bsuid());
        assertThat(m.identifiers()).containsExactly(m.phone(), m.bsuid());
    }

    @Test
    void aStatusOfABsuidSendHasNoPhoneButTheBsuid() {
        StatusUpdate s = mapper.parse(read("message_status__delivered_bsuid.json")).statuses().get(0);
        assertThat(s.recipientE164()).isNull();
        assertThat(s.recipientUserId()).isNotNull();
        assertThat(s.recipient()).isEqualTo(s.recipientUserId());
    }

    @Test
    void aNumberChangeSystemMessageCarriesTheNewPhoneAndBsuid() {
        InboundMessage m = mapper.parse(withValidNumbers("system__phone_number_change.json")).inbound().get(0);
        assertThat(m.systemType()).isEqualTo("user_changed_number");
        assertThat(m.phone()).isEqualTo("+263771234567");
        assertThat(m.newWaId()).isEqualTo("263772345678");
    }

    @Test
    void aRecordedMessageWhoseSenderIsNotAValidNumberAndHasNoBsuidIsStoredNotPublished() {
        WebhookBatch batch = mapper.parse(read("system__phone_number_change.json")); // from: +972 98… is not a valid number
        assertThat(batch.inbound()).isEmpty();
        assertThat(batch.unidentified()).hasSize(1);
    }

    @Test
    void aBsuidChangeSystemMessageNamesTheUserByTheirPreviousBsuid() {
        InboundMessage m = mapper.parse(read("system__user_id_change.json")).inbound().get(0);
        assertThat(m.systemType()).isEqualTo("user_changed_user_id");
        assertThat(m.bsuid()).isEqualTo("CO.1234567890");
        assertThat(m.newUserId()).isEqualTo("MX.0987654321");
    }

    @Test
    void aUserPreferencesStopWithOnlyABsuidIsASignalAndWithNeitherIdIsStoredAsUnidentified() {
        String onlyBsuid = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"user_preferences","value":{
                 "messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},
                 "contacts":[{"profile":{"name":"Ana"},"user_id":"BR.8812093371"}],
                 "user_preferences":[{"category":"marketing_messages","value":"stop","timestamp":1731705721}]}}]}]}""";
        AccountSignal a = mapper.parse(onlyBsuid.getBytes()).accountSignals().get(0);
        assertThat(a.waId()).isNull();
        assertThat(a.userId()).isEqualTo("BR.8812093371");

        WebhookBatch neither = mapper.parse(onlyBsuid.replace("\"user_id\":\"BR.8812093371\"", "\"user_id\":\"not a bsuid\"").getBytes());
        assertThat(neither.accountSignals()).isEmpty();
        assertThat(neither.unidentified()).singleElement().satisfies(u -> assertThat(u.field()).isEqualTo("user_preferences"));
    }

    @Test
    void anInboundMessageWithNeitherAPhoneNorABsuidIsStoredAsUnidentifiedNotDropped() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},
                 "messages":[{"from":"not-a-number","id":"wamid.X","timestamp":"1780000000","type":"text","text":{"body":"STOP"}}]}}]}]}""";
        WebhookBatch batch = mapper.parse(body.getBytes());
        assertThat(batch.inbound()).isEmpty();
        assertThat(batch.unidentified()).singleElement().satisfies(u -> {
            assertThat(u.kind()).isEqualTo("inbound");
            assertThat(u.payload()).contains("STOP");
            assertThat(u.dedupeKey()).isEqualTo("inbound:wamid.X");
        });
        assertThat(batch.size()).isEqualTo(1);
    }

    @Test
    void aRecordedAccountRestrictionListsEveryRestrictionTypeAndTheLatestExpiration() {
        AccountSignal a = mapper.parse(read("account_update__account_restriction.json")).accountSignals().get(0);
        assertThat(a.event()).isEqualTo("ACCOUNT_RESTRICTION");
        assertThat(a.wabaId()).isEqualTo("102290129340398");
        assertThat(a.senderId()).as("the payload names no number").isNull();
        assertThat(a.attributes())
                .containsEntry("restriction_type", "RESTRICTED_BIZ_INITIATED_MESSAGING,RESTRICTED_ADD_PHONE_NUMBER_ACTION")
                .containsEntry("expiration", "1641330498")
                .containsEntry("restriction_info[1].restriction_type", "RESTRICTED_ADD_PHONE_NUMBER_ACTION");
    }

    @Test
    void aRecordedDisabledUpdateCarriesTheBanStateAndDate() {
        AccountSignal a = mapper.parse(read("account_update__account_disabled.json")).accountSignals().get(0);
        assertThat(a.event()).isEqualTo("DISABLED_UPDATE");
        assertThat(a.attributes()).containsEntry("waba_ban_state", "REINSTATE").containsEntry("waba_ban_date", "April 17, 2025");
    }

    @Test
    void aRecordedAccountViolationCarriesTheViolationType() {
        AccountSignal a = mapper.parse(read("account_update__account_violation.json")).accountSignals().get(0);
        assertThat(a.event()).isEqualTo("ACCOUNT_VIOLATION");
        assertThat(a.attributes()).containsEntry("violation_type", "ADULT");
    }

    private static byte[] withValidNumbers(String name) {
        return new String(read(name)).replace("972987654321", "263771234567").replace("972912345678", "263772345678").getBytes();
    }

    private static byte[] read(String name) {
        try {
            return read(Path.of(RecordedPayloadsTest.class.getResource("/meta-payloads/pywa/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
