package dev.safesend.simulator.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignerTest {

    @Test
    void signatureIsHexHmacSha256OfTheRawBytesPrefixedWithSha256() {
        // RFC 4231 test case 2
        WebhookSigner signer = new WebhookSigner("Jefe");

        String signature = signer.sign("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void reformattingTheSameJsonChangesTheSignature() {
        WebhookSigner signer = new WebhookSigner("dev-app-secret");

        String compact = signer.sign("{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8));
        String spaced = signer.sign("{\"object\": \"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(compact).isNotEqualTo(spaced).matches("sha256=[0-9a-f]{64}");
    }

    @Test
    void anotherSecretGivesAnotherSignature() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(new WebhookSigner("a").sign(body)).isNotEqualTo(new WebhookSigner("b").sign(body));
    }

    @Test
    void emptySecretIsRefused() {
        assertThatThrownBy(() -> new WebhookSigner("")).isInstanceOf(IllegalArgumentException.class);
    }
}
