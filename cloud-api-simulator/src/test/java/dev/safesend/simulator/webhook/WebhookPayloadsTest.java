package dev.safesend.simulator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.InboundMessage;
import dev.safesend.simulator.domain.MessageStatus;
import dev.safesend.simulator.domain.MetaError;
import dev.safesend.simulator.domain.NumberChangeNotice;
import dev.safesend.simulator.domain.Rejection;
import dev.safesend.simulator.domain.StatusUpdate;
import dev.safesend.simulator.domain.UserPreferenceChange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookPayloadsTest {

    private static final Instant AT = Instant.ofEpochSecond(1750263773);
    private static final String NUMBER = "106540352242922";

    private final ObjectMapper json = new ObjectMapper();
    private final WebhookPayloads payloads = new WebhookPayloads(json, "100000000000001",
            new BusinessNumbers(Map.of("106540352242922", "+15550783881"), Map.of(), 80));

    @Test
    void statusesOfOneNumberShareOneChangeWithStringTimestamps() throws IOException {
        StatusUpdate.Pricing pricing = new StatusUpdate.Pricing(true, "regular", "marketing");
        JsonNode root = parse(payloads.envelope(List.of(
                new WebhookUpdate.Status(new StatusUpdate("106540352242922", "wamid.A", MessageStatus.SENT, AT,
                        "16505551234", "order-123", pricing, "conv-1", AT.plusSeconds(86_400), null)),
                new WebhookUpdate.Status(new StatusUpdate("106540352242922", "wamid.B", MessageStatus.READ, AT,
                        "16505551234", null, null, null, null, null)))));

        assertThat(root.path("object").asText()).isEqualTo("whatsapp_business_account");
        JsonNode entry = root.path("entry").get(0);
        assertThat(entry.path("id").asText()).isEqualTo("100000000000001");
        JsonNode change = entry.path("changes").get(0);
        assertThat(change.path("field").asText()).isEqualTo("messages");
        JsonNode value = change.path("value");
        assertThat(value.path("metadata").path("display_phone_number").asText()).isEqualTo("15550783881");
        assertThat(value.path("metadata").path("phone_number_id").asText()).isEqualTo("106540352242922");
        JsonNode sent = value.path("statuses").get(0);
        assertThat(sent.path("timestamp").isTextual()).isTrue();
        assertThat(sent.path("timestamp").asText()).isEqualTo("1750263773");
        assertThat(sent.path("biz_opaque_callback_data").asText()).isEqualTo("order-123");
        assertThat(sent.path("conversation").path("expiration_timestamp").asText()).isEqualTo("1750350173");
        assertThat(sent.path("conversation").path("origin").path("type").asText()).isEqualTo("marketing");
        assertThat(sent.path("pricing").path("pricing_model").asText()).isEqualTo("PMP");
        JsonNode read = value.path("statuses").get(1);
        assertThat(read.has("biz_opaque_callback_data")).isFalse();
        assertThat(read.has("pricing")).isFalse();
    }

    @Test
    void failedStatusCarriesMetaErrorObject() throws IOException {
        Rejection error = new Rejection(MetaError.RE_ENGAGEMENT, "window closed");
        JsonNode status = parse(payloads.envelope(List.of(new WebhookUpdate.Status(new StatusUpdate("1", "wamid.C",
                MessageStatus.FAILED, AT, "16505551234", "cb", null, null, null, error)))))
                .path("entry").get(0).path("changes").get(0).path("value").path("statuses").get(0);

        assertThat(status.path("status").asText()).isEqualTo("failed");
        JsonNode first = status.path("errors").get(0);
        assertThat(first.path("code").asInt()).isEqualTo(131047);
        assertThat(first.path("title").asText()).isEqualTo("Re-engagement message");
        assertThat(first.path("error_data").path("details").asText()).isEqualTo("window closed");
        assertThat(first.path("href").asText()).startsWith("https://developers.facebook.com/");
    }

    @Test
    void buttonTapHasContextAndPayload() throws IOException {
        InboundMessage tap = new InboundMessage("106540352242922", "16505551234", "Sheena", "wamid.IN", AT, null,
                "STOP_PROMO", "Stop promotions", "wamid.TEMPLATE");
        JsonNode value = parse(payloads.envelope(List.of(new WebhookUpdate.Inbound(tap))))
                .path("entry").get(0).path("changes").get(0).path("value");

        assertThat(value.path("contacts").get(0).path("profile").path("name").asText()).isEqualTo("Sheena");
        assertThat(value.path("contacts").get(0).path("wa_id").asText()).isEqualTo("16505551234");
        JsonNode message = value.path("messages").get(0);
        assertThat(message.path("type").asText()).isEqualTo("button");
        assertThat(message.path("button").path("payload").asText()).isEqualTo("STOP_PROMO");
        assertThat(message.path("context").path("id").asText()).isEqualTo("wamid.TEMPLATE");
        assertThat(message.path("context").path("from").asText()).isEqualTo("15550783881");
        assertThat(message.path("timestamp").asText()).isEqualTo("1750263773");
    }

    @Test
    void accountChangePassesTheValueThroughWithIntegerTime() throws IOException {
        JsonNode entry = parse(payloads.envelope(List.of(new WebhookUpdate.AccountChange(null, "account_update",
                json.readTree("{\"event\":\"ACCOUNT_VIOLATION\"}"), AT)))).path("entry").get(0);

        assertThat(entry.path("time").isIntegralNumber()).isTrue();
        assertThat(entry.path("changes").get(0).path("field").asText()).isEqualTo("account_update");
        assertThat(entry.path("changes").get(0).path("value").path("event").asText()).isEqualTo("ACCOUNT_VIOLATION");
    }

    @Test
    void accountChangeOfANamedWabaCarriesThatWabaAsEntryId() throws IOException {
        JsonNode entry = parse(payloads.envelope(List.of(new WebhookUpdate.AccountChange("200000000000002",
                "phone_number_quality_update", json.readTree("{\"event\":\"FLAGGED\"}"), AT)))).path("entry").get(0);

        assertThat(entry.path("id").asText()).isEqualTo("200000000000002");
    }

    @Test
    void statusOfABsuidSendCarriesTheUserIdButNoPhone() throws IOException {
        JsonNode value = value(new WebhookUpdate.Status(new StatusUpdate(NUMBER, "wamid.D", MessageStatus.DELIVERED, AT,
                null, "BR.8812093371", "ana.k", null, null, null, null, null)));

        JsonNode status = value.path("statuses").get(0);
        assertThat(status.has("recipient_id")).isFalse();
        assertThat(status.path("recipient_user_id").asText()).isEqualTo("BR.8812093371");
        JsonNode contact = value.path("contacts").get(0);
        assertThat(contact.path("user_id").asText()).isEqualTo("BR.8812093371");
        assertThat(contact.path("profile").path("username").asText()).isEqualTo("ana.k");
        assertThat(contact.has("wa_id")).isFalse();
    }

    @Test
    void statusOfAPhoneSendCarriesPhoneAndUserIdAndNoUsernameWhileOnlySent() throws IOException {
        JsonNode value = value(new WebhookUpdate.Status(new StatusUpdate(NUMBER, "wamid.E", MessageStatus.SENT, AT,
                "5511987654321", "BR.8812093371", "ana.k", null, null, null, null, null)));

        JsonNode status = value.path("statuses").get(0);
        assertThat(status.path("recipient_id").asText()).isEqualTo("5511987654321");
        assertThat(status.path("recipient_user_id").asText()).isEqualTo("BR.8812093371");
        JsonNode contact = value.path("contacts").get(0);
        assertThat(contact.has("profile")).isFalse();
        assertThat(contact.path("wa_id").asText()).isEqualTo("5511987654321");
    }

    @Test
    void failedStatusOfAPhoneSendHasNoUserIdAndNoContacts() throws IOException {
        Rejection error = new Rejection(MetaError.USER_STOPPED_MARKETING, "stopped");
        JsonNode value = value(new WebhookUpdate.Status(new StatusUpdate(NUMBER, "wamid.F", MessageStatus.FAILED, AT,
                "5511987654321", null, "ana.k", null, null, null, null, error)));

        assertThat(value.path("statuses").get(0).has("recipient_user_id")).isFalse();
        assertThat(value.has("contacts")).isFalse();
    }

    @Test
    void inboundFromAUserWhosePhoneIsWithheldHasOnlyTheUserId() throws IOException {
        InboundMessage text = new InboundMessage(NUMBER, null, "BR.8812093371", "ana.k", "Ana", "wamid.IN2", AT, "hi",
                null, null, null);

        JsonNode value = value(new WebhookUpdate.Inbound(text));

        JsonNode contact = value.path("contacts").get(0);
        assertThat(contact.path("profile").path("name").asText()).isEqualTo("Ana");
        assertThat(contact.path("profile").path("username").asText()).isEqualTo("ana.k");
        assertThat(contact.path("user_id").asText()).isEqualTo("BR.8812093371");
        assertThat(contact.has("wa_id")).isFalse();
        JsonNode message = value.path("messages").get(0);
        assertThat(message.has("from")).isFalse();
        assertThat(message.path("from_user_id").asText()).isEqualTo("BR.8812093371");
    }

    @Test
    void numberChangeIsASystemMessageWithoutContacts() throws IOException {
        JsonNode value = value(new WebhookUpdate.NumberChange(new NumberChangeNotice(NUMBER, "wamid.SYS", AT, "Ana",
                "5511987654321", "BR.1", "5511987650000", "BR.2")));

        assertThat(value.has("contacts")).isFalse();
        JsonNode message = value.path("messages").get(0);
        assertThat(message.path("from").asText()).isEqualTo("5511987654321");
        assertThat(message.path("from_user_id").asText()).isEqualTo("BR.1");
        assertThat(message.path("type").asText()).isEqualTo("system");
        assertThat(message.path("system").path("type").asText()).isEqualTo("user_changed_number");
        assertThat(message.path("system").path("wa_id").asText()).isEqualTo("5511987650000");
        assertThat(message.path("system").path("user_id").asText()).isEqualTo("BR.2");
        assertThat(message.path("system").path("body").asText())
                .isEqualTo("User Ana changed from 5511987654321 to 5511987650000");
    }

    @Test
    void numberChangeOfAUserWhosePhoneIsWithheldReportsOnlyTheNewUserId() throws IOException {
        JsonNode message = value(new WebhookUpdate.NumberChange(new NumberChangeNotice(NUMBER, "wamid.SYS2", AT, "Ana",
                null, "BR.1", null, "BR.2"))).path("messages").get(0);

        assertThat(message.has("from")).isFalse();
        assertThat(message.path("system").path("type").asText()).isEqualTo("user_changed_user_id");
        assertThat(message.path("system").has("wa_id")).isFalse();
        assertThat(message.path("system").path("user_id").asText()).isEqualTo("BR.2");
    }

    @Test
    void userPreferencesChangeHasContactsAndAnIntegerTimestamp() throws IOException {
        JsonNode change = parse(payloads.envelope(List.of(new WebhookUpdate.Preference(new UserPreferenceChange(NUMBER,
                null, "BR.1", "Ana", UserPreferenceChange.Value.STOP, AT))))).path("entry").get(0).path("changes").get(0);

        assertThat(change.path("field").asText()).isEqualTo("user_preferences");
        JsonNode value = change.path("value");
        assertThat(value.path("metadata").path("phone_number_id").asText()).isEqualTo(NUMBER);
        assertThat(value.path("contacts").get(0).path("user_id").asText()).isEqualTo("BR.1");
        assertThat(value.path("contacts").get(0).has("wa_id")).isFalse();
        JsonNode preference = value.path("user_preferences").get(0);
        assertThat(preference.path("category").asText()).isEqualTo("marketing_messages");
        assertThat(preference.path("value").asText()).isEqualTo("stop");
        assertThat(preference.path("detail").asText()).isEqualTo("User requested to stop marketing messages");
        assertThat(preference.path("timestamp").isIntegralNumber()).isTrue();
        assertThat(preference.has("wa_id")).isFalse();
    }

    @Test
    void entryIdIsTheWabaOfTheBusinessNumber() throws IOException {
        WebhookPayloads twoWabas = new WebhookPayloads(json, "100000000000001", new BusinessNumbers("100000000000001",
                Map.of("900000000000002", "200000000000002"), Map.of(), Map.of(), 80));

        JsonNode entry = parse(twoWabas.envelope(List.of(new WebhookUpdate.Status(new StatusUpdate("900000000000002",
                "wamid.G", MessageStatus.SENT, AT, "16505551234", null, null, null, null, null))))).path("entry").get(0);

        assertThat(entry.path("id").asText()).isEqualTo("200000000000002");
    }

    private JsonNode value(WebhookUpdate update) throws IOException {
        return parse(payloads.envelope(List.of(update))).path("entry").get(0).path("changes").get(0).path("value");
    }

    private JsonNode parse(byte[] body) throws IOException {
        return json.readTree(body);
    }
}
