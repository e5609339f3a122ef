package dev.safesend.simulator.domain;

import java.util.List;

/** Templates shaped like the built-in set, for domain tests. */
final class TemplateFixtures {

    static final Template ORDER_UPDATE = new Template("1", "order_update", "en_US", TemplateStatus.APPROVED,
            TemplateCategory.UTILITY, Template.ParameterFormat.POSITIONAL,
            List.of(body("Hi {{1}}, your order {{2}} has shipped. {{1}}, thanks!")), "GREEN");
    static final Template PROMO_OFFER = new Template("2", "promo_offer", "en_US", TemplateStatus.APPROVED,
            TemplateCategory.MARKETING, Template.ParameterFormat.POSITIONAL,
            List.of(new TemplateComponent("HEADER", "TEXT", "A treat for you", null, null), body("Use code {{1}}."),
                    new TemplateComponent("BUTTONS", null, null,
                            List.of(new TemplateButton("QUICK_REPLY", "Stop promotions", null, null)), null)),
            "GREEN");
    static final Template RECEIPT = new Template("3", "shipping_receipt", "en_US", TemplateStatus.APPROVED,
            TemplateCategory.UTILITY, Template.ParameterFormat.POSITIONAL,
            List.of(new TemplateComponent("HEADER", "IMAGE", null, null, null), body("Receipt for {{1}}.")), "GREEN");
    static final Template WELCOME_NAMED = new Template("4", "welcome_named", "en_US", TemplateStatus.APPROVED,
            TemplateCategory.MARKETING, Template.ParameterFormat.NAMED,
            List.of(body("Welcome {{first_name}}, member {{member_id}}.")), "GREEN");
    static final Template OLD_PROMO = new Template("5", "old_promo", "en_US", TemplateStatus.PAUSED,
            TemplateCategory.MARKETING, Template.ParameterFormat.POSITIONAL, List.of(body("Last chance: {{1}}")), "RED");
    static final Template HELLO_WORLD = new Template("6", "hello_world", "en_US", TemplateStatus.APPROVED,
            TemplateCategory.UTILITY, Template.ParameterFormat.POSITIONAL, List.of(body("Welcome!")), "GREEN");

    static final List<Template> ALL = List.of(ORDER_UPDATE, PROMO_OFFER, RECEIPT, WELCOME_NAMED, OLD_PROMO, HELLO_WORLD);

    static TemplateComponent body(String text) {
        return new TemplateComponent("BODY", null, text, null, null);
    }

    static TemplateSend.SentParameter text(String value) {
        return new TemplateSend.SentParameter("text", null, value);
    }

    static TemplateSend.SentParameter named(String name, String value) {
        return new TemplateSend.SentParameter("text", name, value);
    }

    static TemplateSend send(String name, List<TemplateSend.SentParameter> body) {
        return new TemplateSend(name, "en_US", List.of(), body, List.of());
    }

    private TemplateFixtures() {
    }
}
