package dev.safesend.cloudapi.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudApiJsonTest {

    private static final ObjectMapper TREES = new ObjectMapper();

    /** dispatch's template send, as CloudApiMapperTest pins it. */
    private static final String TEMPLATE_SEND = "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"+14155550123\","
            + "\"type\":\"template\",\"template\":{\"name\":\"promo_offer\",\"language\":{\"code\":\"en_US\"},\"components\":["
            + "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"20%\"}]},"
            + "{\"type\":\"button\",\"sub_type\":\"quick_reply\",\"index\":\"0\",\"parameters\":[{\"type\":\"payload\",\"payload\":\"STOP_PROMO\"}]}]},"
            + "\"biz_opaque_callback_data\":\"m-1\"}";

    /** An error answer as Meta (and dispatch's fake Cloud API) writes it. */
    private static final String ERROR = "{\"error\":{\"message\":\"(#131026) Message undeliverable\",\"type\":\"OAuthException\","
            + "\"code\":131026,\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"Message Undeliverable.\"},"
            + "\"fbtrace_id\":\"Az8\"}}";

    @Test
    void aTemplateSendRequestRoundTripsByteForByte() {
        SendRequest request = CloudApiJson.readSendRequest(bytes(TEMPLATE_SEND));

        assertThat(request.to()).isEqualTo("+14155550123");
        assertThat(request.template().components()).extracting(SendRequest.Component::type).containsExactly("body", "button");
        assertThat(request.template().components().get(1).parameters().get(0).payload()).isEqualTo("STOP_PROMO");
        assertThat(string(CloudApiJson.write(request))).isEqualTo(TEMPLATE_SEND);
    }

    @Test
    void aTextSendByBsuidIsWrittenWithRecipientAndNoTo() {
        SendRequest request = SendRequest.text(null, "US.13491208655302741918", new SendRequest.Text(false, "Hi"), "m-3");

        assertThat(string(CloudApiJson.write(request))).isEqualTo("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                + "\"recipient\":\"US.13491208655302741918\",\"type\":\"text\",\"text\":{\"preview_url\":false,\"body\":\"Hi\"},"
                + "\"biz_opaque_callback_data\":\"m-3\"}");
    }

    @Test
    void aSuccessAndAnErrorAnswerRoundTripByteForByte() {
        String success = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+14155550123\",\"wa_id\":\"14155550123\"}],"
                + "\"messages\":[{\"id\":\"wamid.HBgL\",\"message_status\":\"accepted\"}]}";

        SendResponse answer = CloudApiJson.readSendResponse(bytes(success));
        ErrorResponse error = CloudApiJson.readErrorResponse(bytes(ERROR));

        assertThat(answer.wamid()).isEqualTo("wamid.HBgL");
        assertThat(string(CloudApiJson.write(answer))).isEqualTo(success);
        assertThat(error.error().code()).isEqualTo(131026);
        assertThat(error.error().details()).isEqualTo("Message Undeliverable.");
        assertThat(string(CloudApiJson.write(error))).isEqualTo(ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status-failed.json", "inbound-text.json", "inbound-button.json",
            "inbound-interactive.json", "account-update.json", "account-alerts.json", "account-alerts-phone.json",
            "phone-quality.json", "phone-quality-flagged.json", "phone-quality-downgrade.json", "business-capability.json",
            "template-status-paused.json", "template-quality.json", "template-category-update.json", "user-preferences.json",
            "unknown-field.json"})
    void ingestsWebhookFixturesRoundTripToTheSameJson(String name) throws IOException {
        byte[] body = read(resource("/webhooks/" + name));

        WebhookEnvelope envelope = CloudApiJson.readWebhook(body);

        // a scalar a record holds as text (a template id Meta sends as a number) is written back as text
        assertThat(textScalars(TREES.readTree(CloudApiJson.write(envelope)))).isEqualTo(textScalars(TREES.readTree(body)));
    }

    private static JsonNode textScalars(JsonNode node) {
        if (node.isObject()) {
            var copy = TREES.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), textScalars(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = TREES.createArrayNode();
            node.forEach(n -> copy.add(textScalars(n)));
            return copy;
        }
        return node.isNumber() ? TREES.getNodeFactory().textNode(node.asText()) : node;
    }

    static Stream<Path> recordedPayloads() throws IOException {
        try (Stream<Path> files = Files.list(resource("/meta-payloads/pywa"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("recordedPayloads")
    void everyRecordedMetaWebhookIsReadAndReadsTheSameAfterWriting(Path file) {
        WebhookEnvelope once = CloudApiJson.readWebhook(read(file));

        WebhookEnvelope twice = CloudApiJson.readWebhook(CloudApiJson.write(once));

        assertThat(twice).isEqualTo(once);
        assertThat(once.entry()).isNotEmpty();
    }

    @Test
    void aStatusWebhookIsReadIntoTypedFields() {
        WebhookEnvelope envelope = CloudApiJson.readWebhook(read(resource("/webhooks/status-failed.json")));

        ChangeValue.Status status = envelope.entry().get(0).changes().get(0).value().statuses().get(0);
        assertThat(status.id()).isEqualTo("wamid.FAILED0001");
        assertThat(status.status()).isEqualTo("failed");
        assertThat(status.timestamp()).isEqualTo("1750263800");
        assertThat(status.bizOpaqueCallbackData()).isEqualTo("msg-failed-1");
        assertThat(status.firstError().code()).isEqualTo(131049);
        assertThat(status.firstError().details()).startsWith("In order to maintain");
    }

    @Test
    void unknownFieldsAreIgnoredOnTypedRecordsAndKeptOnAnAccountChangeValue() {
        WebhookEnvelope fixture = CloudApiJson.readWebhook(read(resource("/webhooks/status-sent.json")));
        assertThat(fixture.entry().get(0).changes().get(0).value().statuses().get(0).id())
                .isEqualTo("wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI1RjQy");
        assertThat(string(CloudApiJson.write(fixture))).doesNotContain("some_future_field");

        String body = "{\"object\":\"whatsapp_business_account\",\"novel\":1,\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"statuses\":[{\"id\":\"wamid.1\",\"status\":\"sent\",\"timestamp\":1750263773,"
                + "\"brand_new\":{\"deep\":[1,2]}}]}},{\"field\":\"account_update\",\"value\":{\"event\":\"X\",\"future_field\":\"kept\"}}]}]}";

        WebhookEnvelope envelope = CloudApiJson.readWebhook(bytes(body));

        ChangeValue.Status status = envelope.entry().get(0).changes().get(0).value().statuses().get(0);
        assertThat(status.timestamp()).as("a number is read as its text").isEqualTo("1750263773");
        assertThat(string(CloudApiJson.write(envelope))).doesNotContain("novel").doesNotContain("brand_new")
                .contains("\"event\":\"X\",\"future_field\":\"kept\"");
        assertThat(envelope.entry().get(0).changes().get(1).value().other()).containsOnlyKeys("future_field");
    }

    @Test
    void nullsAreLeftOutWhenWriting() {
        SendResponse answer = new SendResponse("whatsapp", List.of(new SendResponse.Contact("US.1", null, "US.1")),
                List.of(new SendResponse.Message("wamid.1", null)));

        assertThat(string(CloudApiJson.write(answer))).isEqualTo("{\"messaging_product\":\"whatsapp\",\"contacts\":"
                + "[{\"input\":\"US.1\",\"user_id\":\"US.1\"}],\"messages\":[{\"id\":\"wamid.1\"}]}");
    }

    @Test
    void aMalformedWebhookIsAWirePayloadExceptionNamingWhere() {
        String body = "{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":{\"id\":\"x\"}}}]}]}";

        assertThatThrownBy(() -> CloudApiJson.readWebhook(bytes(body)))
                .isInstanceOf(WirePayloadException.class)
                .hasMessage("entry[0].changes[0].value.statuses: expected an array")
                .satisfies(e -> assertThat(((WirePayloadException) e).path()).isEqualTo("entry[0].changes[0].value.statuses"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[]", "{\"entry\":{}}", "{\"entry\":[1]}", "{\"entry\":[]} trailing", "",
            "{\"error\":\"x\"}"})
    void bodiesThatAreNotTheWireTypeAreRefusedWithAClearMessage(String body) {
        assertThatThrownBy(() -> {
            CloudApiJson.readWebhook(bytes(body));
            CloudApiJson.readErrorResponse(bytes(body));
        }).isInstanceOf(WirePayloadException.class).hasMessageNotContaining("\n").message().isNotBlank();
    }

    @Test
    void aWrongScalarAndTrailingDataAreNamedInJsonTermsNotJavaTypes() {
        assertThatThrownBy(() -> CloudApiJson.readErrorResponse(bytes("{\"error\":{\"code\":\"abc\"}}")))
                .isInstanceOf(WirePayloadException.class).hasMessage("error.code: expected a number");
        assertThatThrownBy(() -> CloudApiJson.readWebhook(bytes("{\"entry\":[]} {}")))
                .isInstanceOf(WirePayloadException.class).hasMessageStartingWith("Trailing token");
    }

    @Test
    void aSendRequestWithAnObjectWhereTextBelongsIsRefused() {
        assertThatThrownBy(() -> CloudApiJson.readSendRequest(bytes("{\"to\":{\"phone\":1},\"type\":\"text\"}")))
                .isInstanceOf(WirePayloadException.class).hasMessage("to: expected a string");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Path resource(String name) {
        try {
            return Path.of(CloudApiJsonTest.class.getResource(name).toURI());
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
