package dev.safesend.ingest.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessageRequestRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static MessageRequest template(String recipient) {
        return withTemplate(TemplateRef.positional("order_update", "en_US", List.of("Tariro", "A-1001")));
    }

    private static MessageRequest withTemplate(TemplateRef ref) {
        return new MessageRequest("+263771234567", "school", Category.UTILITY, null, ref, null, null, null, null, null);
    }

    private static MessageRequest text(Category category, String body) {
        return new MessageRequest("+263771234567", "p", category, body, null, null, null, null, null, null);
    }

    private static List<String> codes(MessageRequest r) {
        return MessageRequestRules.check(r, NOW).stream().map(v -> v.field() + ":" + v.code()).toList();
    }

    @Test
    void aValidTemplateRequestBreaksNoRule() {
        assertThat(MessageRequestRules.check(template("+263771234567"), NOW)).isEmpty();
    }

    @Test
    void aRecipientWithoutCountryCodeIsRefused() {
        MessageRequest r = new MessageRequest("0771234567", "p", Category.SERVICE, "hi", null, null, null, null, null, null);
        assertThat(codes(r)).containsExactly("recipient:invalid_recipient");
    }

    @Test
    void aRecipientThatIsNotARealNumberIsRefused() {
        MessageRequest r = new MessageRequest("+26312", "p", Category.SERVICE, "hi", null, null, null, null, null, null);
        assertThat(codes(r)).containsExactly("recipient:invalid_recipient");
    }

    @Test
    void aBsuidIsAValidRecipient() {
        MessageRequest r = new MessageRequest("BR.8812093371", "p", Category.SERVICE, "hi", null, null, null, null, null, null);
        assertThat(codes(r)).isEmpty();
    }

    @Test
    void somethingThatLooksLikeNeitherAPhoneNorABsuidIsRefused() {
        MessageRequest r = new MessageRequest("br.8812093371", "p", Category.SERVICE, "hi", null, null, null, null, null, null);
        assertThat(codes(r)).containsExactly("recipient:invalid_recipient");
    }

    @Test
    void anAuthenticationMessageToABsuidIsRefusedBecauseMetaWouldAnswer131062() {
        MessageRequest r = new MessageRequest("BR.8812093371", "p", Category.AUTHENTICATION, "123456", null, null, null, null, null, null);
        assertThat(codes(r)).contains("recipient:bsuid_not_supported");
    }

    @Test
    void aMissingRecipientProjectAndCategoryAreAllReported() {
        MessageRequest r = new MessageRequest(null, " ", null, "hi", null, null, null, null, null, null);
        assertThat(codes(r)).containsExactly("recipient:required", "project:required", "category:required");
    }

    @Test
    void textAndTemplateTogetherAreRefused() {
        MessageRequest r = new MessageRequest("+263771234567", "p", Category.SERVICE, "hi",
                TemplateRef.positional("t", "en_US", List.of()), null, null, null, null, null);
        assertThat(codes(r)).containsExactly("text:content_exclusive");
    }

    @Test
    void neitherTextNorTemplateIsRefused() {
        assertThat(codes(text(Category.SERVICE, null))).containsExactly("template:content_exclusive");
    }

    @Test
    void emptyTextIsRefused() {
        assertThat(codes(text(Category.SERVICE, "  "))).containsExactly("text.body:required");
    }

    @Test
    void textLongerThanMetasLimitIsRefusedAndTextAtTheLimitIsNot() {
        assertThat(codes(text(Category.SERVICE, "x".repeat(4097)))).containsExactly("text.body:too_long");
        assertThat(codes(text(Category.SERVICE, "x".repeat(4096)))).isEmpty();
    }

    @Test
    void anAuthenticationMessageCannotBeFreeFormText() {
        assertThat(codes(text(Category.AUTHENTICATION, "your code is 123456"))).containsExactly("text:authentication_template_required");
    }

    @Test
    void aTemplateWithoutNameOrLanguageOrWithAnEmptyParameterIsRefused() {
        MessageRequest r = withTemplate(TemplateRef.positional("", null, List.of("ok", "")));
        assertThat(codes(r)).containsExactly("template.name:required", "template.language:required", "template.bodyParameters[1]:required");
    }

    @Test
    void aLanguageThatIsNotAMetaLanguageCodeIsRefused() {
        assertThat(codes(withTemplate(TemplateRef.positional("t", "english please", List.of()))))
                .containsExactly("template.language:invalid_language");
    }

    @Test
    void bodyParametersWithNewLinesTabsOrFiveSpacesAreRefused() {
        MessageRequest r = withTemplate(TemplateRef.positional("t", "en_US", List.of("a\nb", "a\tb", "a     b", "fine  text")));
        assertThat(codes(r)).containsExactly("template.bodyParameters[0]:invalid_parameter_text",
                "template.bodyParameters[1]:invalid_parameter_text", "template.bodyParameters[2]:invalid_parameter_text");
    }

    @Test
    void aBodyParameterLongerThanMetasLimitIsRefused() {
        assertThat(codes(withTemplate(TemplateRef.positional("t", "en_US", List.of("x".repeat(1025))))))
                .containsExactly("template.bodyParameters[0]:too_long");
    }

    @Test
    void positionalAndNamedParametersTogetherAreRefused() {
        TemplateRef ref = new TemplateRef("t", "en_US", List.of("a"), Map.of("first_name", "b"), null, null, List.of());
        assertThat(codes(withTemplate(ref))).containsExactly("template.namedParameters:parameters_exclusive");
    }

    @Test
    void aHeaderTextOverSixtyCharactersIsRefused() {
        TemplateRef ref = new TemplateRef("t", "en_US", List.of(), Map.of(), "h".repeat(61), null, List.of());
        assertThat(codes(withTemplate(ref))).containsExactly("template.headerText:too_long");
    }

    @Test
    void headerMediaNeedsAKnownTypeAndExactlyOneOfLinkAndId() {
        TemplateRef both = new TemplateRef("t", "en_US", List.of(), Map.of(), null,
                new HeaderMedia("GIF", "https://cdn.example.com/a.gif", "12345"), List.of());
        assertThat(codes(withTemplate(both))).containsExactly("template.headerMedia.type:invalid_media_type",
                "template.headerMedia:media_source_exclusive");
        TemplateRef neither = new TemplateRef("t", "en_US", List.of(), Map.of(), null, new HeaderMedia("IMAGE", null, " "), List.of());
        assertThat(codes(withTemplate(neither))).containsExactly("template.headerMedia:media_source_exclusive");
        TemplateRef badLink = new TemplateRef("t", "en_US", List.of(), Map.of(), null, new HeaderMedia("IMAGE", "ftp://x/y", null), List.of());
        assertThat(codes(withTemplate(badLink))).containsExactly("template.headerMedia.link:invalid_link");
    }

    @Test
    void headerTextAndHeaderMediaTogetherAreRefused() {
        TemplateRef ref = new TemplateRef("t", "en_US", List.of(), Map.of(), "Hi", new HeaderMedia("IMAGE", null, "123"), List.of());
        assertThat(codes(withTemplate(ref))).containsExactly("template.headerMedia:header_exclusive");
    }

    @Test
    void buttonParametersNeedAnIndexFromZeroToNineOnceAKnownSubTypeAndAValue() {
        TemplateRef ref = new TemplateRef("t", "en_US", List.of(), Map.of(), null, null, List.of(
                new TemplateRef.ButtonParameter(10, "quick_reply", "STOP"),
                new TemplateRef.ButtonParameter(0, "call", "x"),
                new TemplateRef.ButtonParameter(0, "url", " ")));
        assertThat(codes(withTemplate(ref))).containsExactly("template.buttons[0].index:invalid_button_index",
                "template.buttons[1].subType:invalid_button_type", "template.buttons[2].index:duplicate_button_index",
                "template.buttons[2].value:required");
    }

    @Test
    void freeFieldsAreBoundedSoNothingOversizedReachesTheStore() {
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < 33; i++) {
            metadata.put("k" + i, "v");
        }
        MessageRequest r = new MessageRequest("+263771234567", "p".repeat(129), Category.SERVICE, "hi", null,
                "c".repeat(129), null, null, "r".repeat(257), metadata);
        assertThat(codes(r)).containsExactly("project:too_long", "campaignId:too_long", "clientReference:too_long",
                "metadata:too_many_entries");
    }

    @Test
    void anExpiryBeforeTheSendAfterTimeIsRefused() {
        MessageRequest r = new MessageRequest("+263771234567", "p", Category.UTILITY, "hi", null, null, NOW, NOW.minusSeconds(1), null, null);
        assertThat(codes(r)).containsExactly("expiresAt:before_send_after");
    }

    @Test
    void anExpiryThatHasAlreadyPassedIsRefused() {
        MessageRequest r = new MessageRequest("+263771234567", "p", Category.UTILITY, "hi", null, null, null, NOW.minusSeconds(1), null, null);
        assertThat(codes(r)).containsExactly("expiresAt:in_the_past");
    }
}
