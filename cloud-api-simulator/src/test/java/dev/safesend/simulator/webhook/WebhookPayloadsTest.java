package dev.safesend.simulator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.InboundMessage;
import dev.safesend.simulator.domain.MessageStatus;
import dev.safesend.simulator.domain.MetaError;
import dev.safesend.simulator.domain.Rejection;
import dev.safesend.simulator.domain.StatusUpdate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookPayloadsTest {

    private static final Instant AT = Instant.ofEpochSecond(1750263773);

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
        JsonNode entry = parse(payloads.envelope(List.of(new WebhookUpdate.AccountChange("account_update",
                json.readTree("{\"event\":\"ACCOUNT_VIOLATION\"}"), AT)))).path("entry").get(0);

        assertThat(entry.path("time").isIntegralNumber()).isTrue();
        assertThat(entry.path("changes").get(0).path("field").asText()).isEqualTo("account_update");
        assertThat(entry.path("changes").get(0).path("value").path("event").asText()).isEqualTo("ACCOUNT_VIOLATION");
    }

    private JsonNode parse(byte[] body) throws IOException {
        return json.readTree(body);
    }
}
