package dev.safesend.dispatch.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.dispatch.domain.OutboundSend;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CloudApiMapperTest {

    private final CloudApiMapper mapper = new CloudApiMapper(new ObjectMapper());

    @Test
    void aTemplateBecomesMetasTemplateEnvelopeWithBodyParametersAndAQuickReplyPayload() {
        OutboundSend send = new OutboundSend("m-1", "shop", "110000000000001", "+14155550123", "MARKETING", null, null, null, false,
                new OutboundSend.Template("promo_offer", "en_US", List.of("20%"), null,
                        List.of(new OutboundSend.Button(0, "quick_reply", "STOP_PROMO"))),
                null, Instant.now(), Instant.now());

        String json = mapper.toSendRequest(send).toString();

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

        assertThat(mapper.toSendRequest(byBsuid).path("recipient").asText()).isEqualTo("US.13491208655302741918");
        assertThat(mapper.toSendRequest(byBsuid).has("to")).isFalse();
        assertThat(mapper.toSendRequest(byPhone).path("to").asText()).isEqualTo("+14155550123");
        assertThat(mapper.toSendRequest(byPhone).has("recipient")).isFalse();
    }

    @Test
    void freeFormTextBecomesATextMessage() {
        OutboundSend send = new OutboundSend("m-2", "shop", "110000000000001", "+14155550123", "SERVICE", null, null, "Your order shipped",
                true, null, null, Instant.now(), Instant.now());

        assertThat(mapper.toSendRequest(send).toString()).contains("\"type\":\"text\"")
                .contains("\"text\":{\"preview_url\":true,\"body\":\"Your order shipped\"}")
                .contains("\"biz_opaque_callback_data\":\"m-2\"");
    }
}
