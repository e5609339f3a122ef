package dev.safesend.ingest.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    private static final byte[] BODY = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSignatureOfTheExactBodyWithTheAppSecretMatches() {
        assertThat(WebhookSignature.matches(BODY, WebhookSignature.sign(BODY, "secret"), "secret")).isTrue();
    }

    @Test
    void aKnownHmacVectorIsComputedAsMetaDoes() {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog") from RFC-style published vectors
        byte[] body = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.sign(body, "key"))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void aSignatureWithAnotherSecretDoesNotMatch() {
        assertThat(WebhookSignature.matches(BODY, WebhookSignature.sign(BODY, "other"), "secret")).isFalse();
    }

    @Test
    void aBodyChangedByOneByteDoesNotMatch() {
        String signature = WebhookSignature.sign(BODY, "secret");
        byte[] changed = BODY.clone();
        changed[5] ^= 1;
        assertThat(WebhookSignature.matches(changed, signature, "secret")).isFalse();
    }

    @Test
    void aMissingOrMalformedHeaderDoesNotMatch() {
        assertThat(WebhookSignature.matches(BODY, null, "secret")).isFalse();
        assertThat(WebhookSignature.matches(BODY, "sha1=abc", "secret")).isFalse();
        assertThat(WebhookSignature.matches(BODY, "sha256=", "secret")).isFalse();
    }

    @Test
    void upperCaseHexMatchesAndHexThatIsNotHexOrTooShortDoesNot() {
        String signature = WebhookSignature.sign(BODY, "secret");
        assertThat(WebhookSignature.matches(BODY, "sha256=" + signature.substring(7).toUpperCase(java.util.Locale.ROOT), "secret")).isTrue();
        assertThat(WebhookSignature.matches(BODY, signature + " ", "secret")).isTrue();
        assertThat(WebhookSignature.matches(BODY, "sha256=" + "zz".repeat(32), "secret")).isFalse();
        assertThat(WebhookSignature.matches(BODY, signature.substring(0, signature.length() - 2), "secret")).isFalse();
    }

    @Test
    void oneThreadVerifyingWithTwoSecretsInTurnUsesTheRightOneEachTime() {
        String withA = WebhookSignature.sign(BODY, "a");
        String withB = WebhookSignature.sign(BODY, "b");
        for (int i = 0; i < 3; i++) {
            assertThat(WebhookSignature.matches(BODY, withA, "a")).isTrue();
            assertThat(WebhookSignature.matches(BODY, withB, "a")).isFalse();
            assertThat(WebhookSignature.matches(BODY, withB, "b")).isTrue();
        }
    }
}
