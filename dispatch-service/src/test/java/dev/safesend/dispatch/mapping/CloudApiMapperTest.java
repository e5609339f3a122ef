package dev.safesend.dispatch.mapping;

import dev.safesend.cloudapi.wire.CloudApiJson;
import dev.safesend.cloudapi.wire.SendRequest;
import dev.safesend.dispatch.domain.OutboundSend;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CloudApiMapperTest {

    private final CloudApiMapper mapper = new CloudApiMapper();

    /** What goes on the wire: the request as cloud-api-wire writes it. */
    private static String json(SendRequest request) {
        return new String(CloudApiJson.write(request), StandardCharsets.UTF_8);
    }

    @Test
    void aTemplateBecomesMetasTemplateEnvelopeWithBodyParametersAndAQuickReplyPayload() {
        OutboundSend send = new OutboundSend("m-1", "shop", "110000000000001", "+14155550123", "MARKETING", null, null, null, false,
                new OutboundSend.Template("promo_offer", "en_US", List.of("20%"), null,
                        List.of(new OutboundSend.Button(0, "quick_reply", "STOP_PROMO"))),
                null, Instant.now(), Instant.now());

        String json = json(mapper.toSendRequest(send));

        assertThat(json).isEqualTo("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"+14155550123\","
                + "\"type\":\"template\",\"template\":{\"name\":\"promo_offer\",\"language\":{\"code\":\"en_US\"},\"components\":["
                + "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"20%\"}]},"
                + "{\"type\":\"button\",\"sub_type\":\"quick_reply\",\"index\":\"0\",\"parameters\":[{\"type\":\"payload\",\"payload\":\"STOP_PROMO\"}]}]},"
                + "\"biz_opaque_callback_data\":\"m-1\"}");
    }

    @Test
    void aBsuidGoesInRecipientAndAPhoneInToNeverBoth() {
        OutboundSend byBsuid = new OutboundSend("m-3", "shop", "110000000000001", "US.13491208655302741918", "SERVICE", null, null, "Hi",
                true, null, null, Instant.now(), Instant.now());
        OutboundSend byPhone = new OutboundSend("m-4", "shop", "110000000000001", "+14155550123", "SERVICE", null, null, "Hi",
                true, null, null, Instant.now(), Instant.now());

        assertThat(mapper.toSendRequest(byBsuid).recipient()).isEqualTo("US.13491208655302741918");
        assertThat(json(mapper.toSendRequest(byBsuid))).doesNotContain("\"to\"");
        assertThat(mapper.toSendRequest(byPhone).to()).isEqualTo("+14155550123");
        assertThat(json(mapper.toSendRequest(byPhone))).doesNotContain("\"recipient\"");
    }

    @Test
    void freeFormTextBecomesATextMessage() {
        OutboundSend send = new OutboundSend("m-2", "shop", "110000000000001", "+14155550123", "SERVICE", null, null, "Your order shipped",
                true, null, null, Instant.now(), Instant.now());

        assertThat(json(mapper.toSendRequest(send))).contains("\"type\":\"text\"")
                .contains("\"text\":{\"preview_url\":true,\"body\":\"Your order shipped\"}")
                .contains("\"biz_opaque_callback_data\":\"m-2\"");
    }
}
