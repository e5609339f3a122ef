package dev.safesend.ingest.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.safesend.ingest.domain.TemplateFixtures.OLD_PROMO;
import static dev.safesend.ingest.domain.TemplateFixtures.ORDER_UPDATE;
import static dev.safesend.ingest.domain.TemplateFixtures.OTP_CODE;
import static dev.safesend.ingest.domain.TemplateFixtures.PROMO_OFFER;
import static dev.safesend.ingest.domain.TemplateFixtures.SHIPPING_RECEIPT;
import static dev.safesend.ingest.domain.TemplateFixtures.TRACKING;
import static dev.safesend.ingest.domain.TemplateFixtures.WELCOME_NAMED;
import static org.assertj.core.api.Assertions.assertThat;

class TemplateRulesTest {

    private static MessageRequest request(Category category, TemplateRef ref) {
        return new MessageRequest("+263771234567", "p", category, null, ref, null, null, null, null, null);
    }

    private static List<String> codes(Category category, TemplateRef ref, Template template) {
        return TemplateRules.check(request(category, ref), template, Set.of()).stream().map(v -> v.field() + ":" + v.code()).toList();
    }

    @Test
    void anApprovedTemplateWithItsParametersBreaksNoRule() {
        assertThat(codes(Category.UTILITY, TemplateRef.positional("order_update", "en_US", List.of("Tariro", "A-1")), ORDER_UPDATE)).isEmpty();
    }

    @Test
    void anUnknownTemplateIsNotFoundAndAKnownNameInAnotherLanguageIsALanguageProblem() {
        MessageRequest r = request(Category.UTILITY, TemplateRef.positional("nope", "en_US", List.of()));
        assertThat(TemplateRules.check(r, null, Set.of())).extracting(Violation::code).containsExactly("template_not_found");
        MessageRequest fr = request(Category.UTILITY, TemplateRef.positional("appointment_reminder", "fr_FR", List.of()));
        assertThat(TemplateRules.check(fr, null, Set.of("en_US", "pt_BR"))).extracting(Violation::code)
                .containsExactly("template_language_not_found");
    }

    @Test
    void aPausedTemplateIsNotApproved() {
        assertThat(codes(Category.MARKETING, TemplateRef.positional("old_promo", "en_US", List.of("x")), OLD_PROMO))
                .containsExactly("template.name:template_not_approved");
    }

    @Test
    void anAuthenticationMessageNeedsAnAuthenticationTemplate() {
        assertThat(codes(Category.AUTHENTICATION, TemplateRef.positional("order_update", "en_US", List.of("a", "b")), ORDER_UPDATE))
                .containsExactly("template.name:authentication_template_required");
        assertThat(codes(Category.AUTHENTICATION, TemplateRef.positional("otp_code", "en_US", List.of("123456")), OTP_CODE)).isEmpty();
    }

    @Test
    void aMessageWhoseCategoryDiffersFromItsTemplatesIsRefused() {
        assertThat(codes(Category.UTILITY, TemplateRef.positional("promo_offer", "en_US", List.of("X")), PROMO_OFFER))
                .containsExactly("category:category_mismatch");
    }

    @Test
    void theNumberOfBodyParametersMustMatchTheTemplate() {
        assertThat(codes(Category.UTILITY, TemplateRef.positional("order_update", "en_US", List.of("only one")), ORDER_UPDATE))
                .containsExactly("template.bodyParameters:parameter_count_mismatch");
    }

    @Test
    void aNamedTemplateNeedsEveryNamedParameterAndNoUnknownOne() {
        TemplateRef missing = new TemplateRef("welcome_named", "en_US", List.of(), Map.of("first_name", "Jo", "nick", "J"),
                null, null, List.of());
        assertThat(codes(Category.MARKETING, missing, WELCOME_NAMED)).containsExactly(
                "template.namedParameters.member_id:parameter_missing", "template.namedParameters.nick:parameter_unknown");
        TemplateRef positional = TemplateRef.positional("welcome_named", "en_US", List.of("Jo", "A-1"));
        assertThat(codes(Category.MARKETING, positional, WELCOME_NAMED)).containsExactly("template.bodyParameters:parameter_count_mismatch");
        TemplateRef ok = new TemplateRef("welcome_named", "en_US", List.of(), Map.of("first_name", "Jo", "member_id", "A-1"),
                null, null, List.of());
        assertThat(codes(Category.MARKETING, ok, WELCOME_NAMED)).isEmpty();
    }

    @Test
    void namedParametersForAPositionalTemplateAreACountMismatch() {
        TemplateRef ref = new TemplateRef("order_update", "en_US", List.of(), Map.of("name", "x"), null, null, List.of());
        assertThat(codes(Category.UTILITY, ref, ORDER_UPDATE)).containsExactly("template.namedParameters:parameter_count_mismatch");
    }

    @Test
    void aMediaHeaderTemplateNeedsMediaOfItsType() {
        TemplateRef none = TemplateRef.positional("shipping_receipt", "en_US", List.of("A-1"));
        assertThat(codes(Category.UTILITY, none, SHIPPING_RECEIPT)).containsExactly("template.headerMedia:header_media_required");
        TemplateRef video = new TemplateRef("shipping_receipt", "en_US", List.of("A-1"), Map.of(), null,
                new HeaderMedia("VIDEO", "https://cdn.example.com/r.mp4", null), List.of());
        assertThat(codes(Category.UTILITY, video, SHIPPING_RECEIPT)).containsExactly("template.headerMedia.type:header_media_type_mismatch");
        TemplateRef image = new TemplateRef("shipping_receipt", "en_US", List.of("A-1"), Map.of(), null,
                new HeaderMedia("IMAGE", null, "1234567890"), List.of());
        assertThat(codes(Category.UTILITY, image, SHIPPING_RECEIPT)).isEmpty();
    }

    @Test
    void mediaForATemplateWithoutAMediaHeaderIsRefused() {
        TemplateRef ref = new TemplateRef("order_update", "en_US", List.of("a", "b"), Map.of(), null,
                new HeaderMedia("IMAGE", "https://cdn.example.com/p.jpg", null), List.of());
        assertThat(codes(Category.UTILITY, ref, ORDER_UPDATE)).containsExactly("template.headerMedia:header_media_unexpected");
    }

    @Test
    void aHeaderParameterIsRequiredExactlyWhenTheHeaderHasAPlaceholder() {
        TemplateRef without = TemplateRef.positional("tracking_link", "en_US", List.of("A-1"));
        assertThat(codes(Category.UTILITY, without, TRACKING)).containsExactly("template.headerText:header_parameter_required");
        TemplateRef unexpected = new TemplateRef("order_update", "en_US", List.of("a", "b"), Map.of(), "Hello", null, List.of());
        assertThat(codes(Category.UTILITY, unexpected, ORDER_UPDATE)).containsExactly("template.headerText:header_parameter_unexpected");
    }

    @Test
    void buttonParametersMustPointAtAButtonOfTheRightType() {
        TemplateRef ref = new TemplateRef("tracking_link", "en_US", List.of("A-1"), Map.of(), "A-1", null, List.of(
                new TemplateRef.ButtonParameter(0, "url", "A-1"),
                new TemplateRef.ButtonParameter(1, "url", "x"),
                new TemplateRef.ButtonParameter(5, "quick_reply", "y")));
        assertThat(codes(Category.UTILITY, ref, TRACKING)).containsExactly("template.buttons[1].subType:button_type_mismatch",
                "template.buttons[2].index:button_not_found");
    }

    @Test
    void aRenderedBodyOverMetasLimitIsRefused() {
        TemplateRef ref = TemplateRef.positional("promo_offer", "en_US", List.of("x".repeat(1000)));
        assertThat(codes(Category.MARKETING, ref, PROMO_OFFER)).containsExactly("template.bodyParameters:body_too_long");
    }

    @Test
    void aTemplateStatusEventChangesTheStatusExceptFlaggedAndNonStatuses() {
        assertThat(TemplateEvents.statusAfter("APPROVED", "PAUSED")).isEqualTo("PAUSED");
        assertThat(TemplateEvents.statusAfter("PAUSED", "REINSTATED")).isEqualTo("APPROVED");
        assertThat(TemplateEvents.statusAfter("APPROVED", "FLAGGED")).isEqualTo("APPROVED");
        assertThat(TemplateEvents.statusAfter("APPROVED", "CATEGORY_UPDATE")).isEqualTo("APPROVED");
        assertThat(TemplateEvents.stopsSending("DISABLED")).isTrue();
        assertThat(TemplateEvents.stopsSending("APPROVED")).isFalse();
    }

    @Test
    void aCompletedCategoryChangeSetsTheNewTemplateCategoryAndAPendingOneOrAnUnknownCategoryDoesNot() {
        assertThat(TemplateEvents.categoryAfter("UTILITY", "CATEGORY_UPDATE", "MARKETING")).isEqualTo("MARKETING");
        assertThat(TemplateEvents.categoryAfter("MARKETING", "CATEGORY_UPDATE", "utility")).isEqualTo("UTILITY");
        assertThat(TemplateEvents.categoryAfter("UTILITY", "CATEGORY_UPDATE_PENDING", "MARKETING")).isEqualTo("UTILITY");
        assertThat(TemplateEvents.categoryAfter("UTILITY", "CATEGORY_UPDATE", "SERVICE")).isEqualTo("UTILITY");
        assertThat(TemplateEvents.categoryAfter("UTILITY", "CATEGORY_UPDATE", null)).isEqualTo("UTILITY");
        assertThat(TemplateEvents.categoryAfter("UTILITY", "PAUSED", "MARKETING")).isEqualTo("UTILITY");
        assertThat(TemplateEvents.isCategoryEvent("CATEGORY_UPDATE_PENDING")).isTrue();
        assertThat(TemplateEvents.isCategoryEvent("PAUSED")).isFalse();
        assertThat(TemplateEvents.statusAfter("APPROVED", "CATEGORY_UPDATE_PENDING")).isEqualTo("APPROVED");
    }
}
