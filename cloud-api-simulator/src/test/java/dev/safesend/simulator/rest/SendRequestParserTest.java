package dev.safesend.simulator.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.simulator.domain.OutboundMessage;
import dev.safesend.simulator.domain.RejectedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SendRequestParserTest {

    private static final String NUMBER = "106540352242922";

    private final SendRequestParser parser = new SendRequestParser(new ObjectMapper());

    @Test
    void templateWithHeaderBodyAndButtonParametersIsRead() {
        OutboundMessage message = parser.parse(NUMBER, """
                { "messaging_product":"whatsapp", "to":"+16505551234", "type":"template",
                  "biz_opaque_callback_data":"order-123",
                  "template": { "name":"order_update", "language": { "code":"en_US" },
                    "components": [
                      { "type":"header", "parameters":[ { "type":"image", "image": { "link":"https://cdn.ex.com/p.jpg" } } ] },
                      { "type":"body", "parameters":[ { "type":"text", "text":"Jessica" }, { "type":"text", "text":"SKBUP2" } ] },
                      { "type":"button", "sub_type":"quick_reply", "index":"0",
                        "parameters":[ { "type":"payload", "payload":"STOP_PROMO" } ] } ] } }
                """);

        assertThat(message.recipient().waId()).isEqualTo("16505551234");
        assertThat(message.callbackData()).isEqualTo("order-123");
        assertThat(message.template().headerParameters()).singleElement().satisfies(p -> assertThat(p.type()).isEqualTo("image"));
        assertThat(message.template().bodyParameters()).hasSize(2);
        assertThat(message.template().buttons()).singleElement().satisfies(b -> assertThat(b.index()).isZero());
    }

    @Test
    void typeDefaultsToText() {
        OutboundMessage message = parser.parse(NUMBER, "{\"messaging_product\":\"whatsapp\",\"to\":\"+16505551234\",\"text\":{\"body\":\"hi\"}}");

        assertThat(message.type()).isEqualTo("text");
        assertThat(message.textBody()).isEqualTo("hi");
    }

    @Test
    void malformedJsonAndWrongMessagingProductAre100() {
        assertThat(code("{not json")).isEqualTo(100);
        assertThat(code("[]")).isEqualTo(100);
        assertThat(code("{\"to\":\"+16505551234\",\"text\":{\"body\":\"hi\"}}")).isEqualTo(100);
        assertThat(code("{\"messaging_product\":\"sms\",\"to\":\"+16505551234\",\"text\":{\"body\":\"hi\"}}")).isEqualTo(100);
        assertThat(code("{\"messaging_product\":\"whatsapp\",\"to\":\"+16505551234\",\"type\":\"fax\"}")).isEqualTo(100);
    }

    @Test
    void missingRecipientTextBodyOrTemplateLanguageIs131008() {
        assertThat(code("{\"messaging_product\":\"whatsapp\",\"text\":{\"body\":\"hi\"}}")).isEqualTo(131008);
        assertThat(code("{\"messaging_product\":\"whatsapp\",\"to\":\"+16505551234\",\"text\":{}}")).isEqualTo(131008);
        assertThat(code("{\"messaging_product\":\"whatsapp\",\"to\":\"+16505551234\",\"type\":\"template\","
                + "\"template\":{\"name\":\"hello_world\"}}")).isEqualTo(131008);
        assertThat(code("{\"messaging_product\":\"whatsapp\",\"to\":\"+16505551234\",\"type\":\"template\","
                + "\"template\":{\"name\":\"order_update\",\"language\":{\"code\":\"en_US\"},"
                + "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\"}]}]}}")).isEqualTo(131008);
    }

    @Test
    void overlongTextBadNumberAndOverlongCallbackDataAre131009() {
        String longBody = "x".repeat(4097);
        assertThat(code("{\"messaging_product\":\"whatsapp\",\"to\":\"+16505551234\",\"text\":{\"body\":\"" + longBody + "\"}}"))
                .isEqualTo(131009);
        assertThat(code("{\"messaging_product\":\"whatsapp\",\"to\":\"call me\",\"text\":{\"body\":\"hi\"}}")).isEqualTo(131009);
        assertThat(code("{\"messaging_product\":\"whatsapp\",\"to\":\"+16505551234\",\"text\":{\"body\":\"hi\"},"
                + "\"biz_opaque_callback_data\":\"" + "c".repeat(513) + "\"}")).isEqualTo(131009);
    }

    @Test
    void textOfExactly4096CharactersIsAccepted() {
        String body = "x".repeat(4096);

        assertThat(parser.parse(NUMBER, "{\"messaging_product\":\"whatsapp\",\"to\":\"+16505551234\",\"text\":{\"body\":\""
                + body + "\"}}").textBody()).hasSize(4096);
    }

    @Test
    void recipientAddressesTheMessageToABsuid() {
        OutboundMessage message = parser.parse(NUMBER,
                "{\"messaging_product\":\"whatsapp\",\"recipient\":\"BR.8812093371\",\"text\":{\"body\":\"hi\"}}");

        assertThat(message.recipient().isUserId()).isTrue();
        assertThat(message.recipient().userId()).isEqualTo("BR.8812093371");
        assertThat(message.recipient().waId()).isNull();
    }

    @Test
    void toWinsWhenBothToAndRecipientAreSet() {
        OutboundMessage message = parser.parse(NUMBER, "{\"messaging_product\":\"whatsapp\",\"to\":\"+16505551234\","
                + "\"recipient\":\"BR.8812093371\",\"text\":{\"body\":\"hi\"}}");

        assertThat(message.recipient().isUserId()).isFalse();
        assertThat(message.recipient().waId()).isEqualTo("16505551234");
    }

    @Test
    void recipientThatIsNotABsuidIs131009() {
        assertThat(code("{\"messaging_product\":\"whatsapp\",\"recipient\":\"+16505551234\",\"text\":{\"body\":\"hi\"}}"))
                .isEqualTo(131009);
        assertThat(code("{\"messaging_product\":\"whatsapp\",\"recipient\":\"\",\"text\":{\"body\":\"hi\"}}"))
                .isEqualTo(131008);
    }

    private int code(String body) {
        RejectedException refused = catchThrowableOfType(RejectedException.class, () -> parser.parse(NUMBER, body));
        assertThat(refused).as("refused: %s", body).isNotNull();
        return refused.rejection().error().code();
    }
}
