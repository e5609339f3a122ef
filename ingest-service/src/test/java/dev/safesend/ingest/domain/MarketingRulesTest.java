package dev.safesend.ingest.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.safesend.ingest.domain.TemplateFixtures.FLASH_SALE;
import static dev.safesend.ingest.domain.TemplateFixtures.PROMO_OFFER;
import static dev.safesend.ingest.domain.TemplateFixtures.WELCOME_NAMED;
import static org.assertj.core.api.Assertions.assertThat;

class MarketingRulesTest {

    private static final String HINT = "Reply STOP to unsubscribe";

    private static MessageRequest text(Category category, String body) {
        return new MessageRequest("+263771234567", "shop", category, body, null, null, null, null, null, null);
    }

    private static MessageRequest template(TemplateRef ref) {
        return new MessageRequest("+263771234567", "shop", Category.MARKETING, null, ref, null, null, null, null, null);
    }

    @Test
    void aMarketingMessageWithAPlainHttpLinkIsRefusedWhereverTheLinkIs() {
        assertThat(MarketingRules.checkLinks(text(Category.MARKETING, "see http://ex.com/sale")))
                .extracting(v -> v.field() + ":" + v.code()).containsExactly("text.body:insecure_link");
        TemplateRef ref = new TemplateRef("t", "en_US", List.of("HTTP://ex.com"), Map.of(), null,
                new HeaderMedia("IMAGE", "http://cdn.ex.com/p.jpg", null), List.of());
        assertThat(MarketingRules.checkLinks(template(ref))).extracting(Violation::field)
                .containsExactly("template.bodyParameters[0]", "template.headerMedia.link");
    }

    @Test
    void httpsLinksAndNonMarketingMessagesPass() {
        assertThat(MarketingRules.checkLinks(text(Category.MARKETING, "see https://ex.com/sale"))).isEmpty();
        assertThat(MarketingRules.checkLinks(text(Category.UTILITY, "see http://ex.com/t/1"))).isEmpty();
    }

    @Test
    void theOptOutHintIsAppendedToMarketingTextOnANewParagraph() {
        var outcome = MarketingRules.appendOptOutHint(text(Category.MARKETING, "Big sale this week!"), null, HINT);
        assertThat(outcome.appended()).isTrue();
        assertThat(outcome.request().text()).isEqualTo("Big sale this week!\n\nReply STOP to unsubscribe");
    }

    @Test
    void textWithoutRoomOrAlreadyMentioningStopOrNotMarketingIsLeftAlone() {
        assertThat(MarketingRules.appendOptOutHint(text(Category.MARKETING, "x".repeat(4080)), null, HINT).appended()).isFalse();
        assertThat(MarketingRules.appendOptOutHint(text(Category.MARKETING, "Sale! Text STOP to opt out"), null, HINT).appended()).isFalse();
        assertThat(MarketingRules.appendOptOutHint(text(Category.UTILITY, "Your order shipped"), null, HINT).appended()).isFalse();
    }

    @Test
    void aTemplateEndingWithAParameterGetsTheHintAfterThatParameter() {
        var outcome = MarketingRules.appendOptOutHint(template(TemplateRef.positional("flash_sale", "en_US", List.of("shoes -50%"))),
                FLASH_SALE, HINT);
        assertThat(outcome.appended()).isTrue();
        assertThat(outcome.request().template().bodyParameters()).containsExactly("shoes -50%. Reply STOP to unsubscribe");
    }

    @Test
    void aNamedTemplateEndingWithAParameterGetsTheHintInThatNamedParameter() {
        TemplateRef ref = new TemplateRef("welcome_named", "en_US", List.of(), Map.of("first_name", "Jo", "member_id", "A-1"),
                null, null, List.of());
        // the body ends with "{{member_id}}." — a full stop after the placeholder: no room without changing fixed text
        assertThat(MarketingRules.appendOptOutHint(template(ref), WELCOME_NAMED, HINT).appended()).isFalse();
    }

    @Test
    void aTemplateWithItsOwnStopButtonOrWithoutATrailingParameterIsLeftAlone() {
        var withButton = MarketingRules.appendOptOutHint(template(TemplateRef.positional("promo_offer", "en_US", List.of("SPRING20"))),
                PROMO_OFFER, HINT);
        assertThat(withButton.appended()).isFalse();
        assertThat(withButton.request().template().bodyParameters()).containsExactly("SPRING20");
    }

    @Test
    void aTemplateWhoseBodyWouldExceedMetasLimitIsLeftAlone() {
        var outcome = MarketingRules.appendOptOutHint(template(TemplateRef.positional("flash_sale", "en_US", List.of("x".repeat(1000)))),
                FLASH_SALE, HINT);
        assertThat(outcome.appended()).isFalse();
    }
}
