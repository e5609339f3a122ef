package dev.safesend.ingest.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessageRequestRulesTest {

    private static MessageRequest template(String recipient) {
        return new MessageRequest(recipient, "school", Category.UTILITY, null,
                new TemplateRef("order_update", "en_US", List.of("Tariro", "A-1001"), null, List.of()),
                null, null, null, null, null);
    }

    private static List<String> codes(MessageRequest r) {
        return MessageRequestRules.check(r).stream().map(v -> v.field() + ":" + v.code()).toList();
    }

    @Test
    void aValidTemplateRequestBreaksNoRule() {
        assertThat(MessageRequestRules.check(template("+263771234567"))).isEmpty();
    }

    @Test
    void aRecipientWithoutCountryCodeIsRefused() {
        assertThat(codes(template("0771234567"))).containsExactly("recipient:invalid_e164");
    }

    @Test
    void aRecipientThatIsNotARealNumberIsRefused() {
        assertThat(codes(template("+26312"))).containsExactly("recipient:invalid_e164");
    }

    @Test
    void aMissingRecipientProjectAndCategoryAreAllReported() {
        MessageRequest r = new MessageRequest(null, " ", null, "hi", null, null, null, null, null, null);
        assertThat(codes(r)).containsExactly("recipient:required", "project:required", "category:required");
    }

    @Test
    void textAndTemplateTogetherAreRefused() {
        MessageRequest r = new MessageRequest("+263771234567", "p", Category.SERVICE, "hi",
                new TemplateRef("t", "en_US", List.of(), null, List.of()), null, null, null, null, null);
        assertThat(codes(r)).containsExactly("text:content_exclusive");
    }

    @Test
    void neitherTextNorTemplateIsRefused() {
        MessageRequest r = new MessageRequest("+263771234567", "p", Category.SERVICE, null, null, null, null, null, null, null);
        assertThat(codes(r)).containsExactly("template:content_exclusive");
    }

    @Test
    void emptyTextIsRefused() {
        MessageRequest r = new MessageRequest("+263771234567", "p", Category.SERVICE, "  ", null, null, null, null, null, null);
        assertThat(codes(r)).containsExactly("text.body:required");
    }

    @Test
    void textLongerThanMetasLimitIsRefused() {
        MessageRequest r = new MessageRequest("+263771234567", "p", Category.SERVICE, "x".repeat(4097), null, null, null, null, null, null);
        assertThat(codes(r)).containsExactly("text.body:too_long");
        MessageRequest atLimit = new MessageRequest("+263771234567", "p", Category.SERVICE, "x".repeat(4096), null, null, null, null, null, null);
        assertThat(codes(atLimit)).isEmpty();
    }

    @Test
    void aTemplateWithoutNameOrLanguageOrWithAnEmptyParameterIsRefused() {
        MessageRequest r = new MessageRequest("+263771234567", "p", Category.UTILITY, null,
                new TemplateRef("", null, List.of("ok", ""), null, List.of()), null, null, null, null, null);
        assertThat(codes(r)).containsExactly("template.name:required", "template.language:required", "template.bodyParameters[1]:required");
    }

    @Test
    void anExpiryBeforeTheSendAfterTimeIsRefused() {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        MessageRequest r = new MessageRequest("+263771234567", "p", Category.UTILITY, "hi", null, null, t, t.minusSeconds(1), null, null);
        assertThat(codes(r)).containsExactly("expiresAt:before_send_after");
    }
}
