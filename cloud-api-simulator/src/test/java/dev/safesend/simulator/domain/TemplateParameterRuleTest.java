package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.safesend.simulator.domain.TemplateFixtures.named;
import static dev.safesend.simulator.domain.TemplateFixtures.send;
import static dev.safesend.simulator.domain.TemplateFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

class TemplateParameterRuleTest {

    private final TemplateParameterRule rule = new TemplateParameterRule();

    @Test
    void repeatedPlaceholderCountsOnceSoTwoBodyParametersMatch() {
        assertThat(rule.check(TemplateFixtures.ORDER_UPDATE, send("order_update", List.of(text("Jess"), text("X1")))))
                .isEmpty();
    }

    @Test
    void oneBodyParameterForATwoParameterTemplateIs132000() {
        assertThat(rule.check(TemplateFixtures.ORDER_UPDATE, send("order_update", List.of(text("Jess")))))
                .hasValueSatisfying(rejection -> {
                    assertThat(rejection.error().code()).isEqualTo(132000);
                    assertThat(rejection.details()).contains("body").contains("(1)").contains("(2)");
                });
    }

    @Test
    void parametersForATemplateWithoutPlaceholdersAre132000() {
        assertThat(rule.check(TemplateFixtures.HELLO_WORLD, send("hello_world", List.of(text("extra")))))
                .hasValueSatisfying(rejection -> assertThat(rejection.error().code()).isEqualTo(132000));
    }

    @Test
    void textHeaderWithoutPlaceholdersTakesNoParameters() {
        TemplateSend withHeaderParameter = new TemplateSend("promo_offer", "en_US", List.of(text("x")),
                List.of(text("SPRING20")), List.of());

        assertThat(rule.check(TemplateFixtures.PROMO_OFFER, withHeaderParameter))
                .hasValueSatisfying(rejection -> assertThat(rejection.details()).startsWith("header"));
    }

    @Test
    void imageHeaderNeedsExactlyOneImageParameter() {
        TemplateSend missing = new TemplateSend("shipping_receipt", "en_US", List.of(), List.of(text("A1")), List.of());
        TemplateSend wrongFormat = new TemplateSend("shipping_receipt", "en_US", List.of(text("not an image")),
                List.of(text("A1")), List.of());
        TemplateSend right = new TemplateSend("shipping_receipt", "en_US",
                List.of(new TemplateSend.SentParameter("image", null, null)), List.of(text("A1")), List.of());

        assertThat(rule.check(TemplateFixtures.RECEIPT, missing))
                .hasValueSatisfying(rejection -> assertThat(rejection.error().code()).isEqualTo(132000));
        assertThat(rule.check(TemplateFixtures.RECEIPT, wrongFormat))
                .hasValueSatisfying(rejection -> assertThat(rejection.error().code()).isEqualTo(132012));
        assertThat(rule.check(TemplateFixtures.RECEIPT, right)).isEmpty();
    }

    @Test
    void namedTemplateNeedsTheTemplatesParameterNamesInAnyOrder() {
        assertThat(rule.check(TemplateFixtures.WELCOME_NAMED,
                send("welcome_named", List.of(named("member_id", "A-1"), named("first_name", "Jess"))))).isEmpty();
        assertThat(rule.check(TemplateFixtures.WELCOME_NAMED,
                send("welcome_named", List.of(named("member_id", "A-1"), named("last_name", "Jess")))))
                .hasValueSatisfying(rejection -> assertThat(rejection.error().code()).isEqualTo(132000));
    }

    @Test
    void quickReplyPayloadForAButtonTheTemplateLacksIs131009() {
        TemplateSend.SentParameter payload = new TemplateSend.SentParameter("payload", null, "STOP_PROMO");
        TemplateSend existing = new TemplateSend("promo_offer", "en_US", List.of(), List.of(text("SPRING20")),
                List.of(new TemplateSend.SentButton("quick_reply", 0, List.of(payload))));
        TemplateSend missing = new TemplateSend("promo_offer", "en_US", List.of(), List.of(text("SPRING20")),
                List.of(new TemplateSend.SentButton("quick_reply", 1, List.of(payload))));

        assertThat(rule.check(TemplateFixtures.PROMO_OFFER, existing)).isEmpty();
        assertThat(rule.check(TemplateFixtures.PROMO_OFFER, missing))
                .hasValueSatisfying(rejection -> assertThat(rejection.error().code()).isEqualTo(131009));
    }
}
