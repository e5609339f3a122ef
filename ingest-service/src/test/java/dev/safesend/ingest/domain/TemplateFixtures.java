package dev.safesend.ingest.domain;

import java.time.Instant;
import java.util.List;

/** Templates shaped like the cloud-api-simulator's built-in set, for domain tests. */
final class TemplateFixtures {

    static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    static final Template ORDER_UPDATE = template("order_update", "UTILITY", "APPROVED", null, null,
            "Hi {{1}}, your order {{2}} has shipped and is on its way.", null, List.of());
    static final Template OTP_CODE = template("otp_code", "AUTHENTICATION", "APPROVED", null, null,
            "*{{1}}* is your verification code. For your security, do not share this code.", "This code expires in 10 minutes.", List.of());
    static final Template PROMO_OFFER = template("promo_offer", "MARKETING", "APPROVED", "TEXT", "A treat for you",
            "Use code {{1}} for 20% off everything this week.", "Not interested? Tap Stop promotions",
            List.of(new Template.Button("QUICK_REPLY", "Stop promotions", null)));
    static final Template FLASH_SALE = template("flash_sale", "MARKETING", "APPROVED", null, null,
            "Flash sale today only: {{1}}", null, List.of());
    static final Template OLD_PROMO = template("old_promo", "MARKETING", "PAUSED", null, null, "Last chance: {{1}} ends tonight!", null, List.of());
    static final Template SHIPPING_RECEIPT = template("shipping_receipt", "UTILITY", "APPROVED", "IMAGE", null,
            "Your receipt for order {{1}} is attached.", null, List.of());
    static final Template TRACKING = template("tracking_link", "UTILITY", "APPROVED", "TEXT", "Order {{1}}",
            "Track your parcel {{1}}.", null, List.of(new Template.Button("URL", "Track", "https://ex.com/t/{{1}}"),
                    new Template.Button("QUICK_REPLY", "Talk to us", null)));
    static final Template WELCOME_NAMED = new Template("10", "welcome_named", "en_US", "MARKETING", "APPROVED", "GREEN",
            Template.ParameterFormat.NAMED, null, null, "Welcome {{first_name}}! Your member number is {{member_id}}.", null,
            List.of(), AT);

    static Template template(String name, String category, String status, String headerFormat, String headerText, String body,
                             String footer, List<Template.Button> buttons) {
        return new Template("1", name, "en_US", category, status, "GREEN", Template.ParameterFormat.POSITIONAL, headerFormat,
                headerText, body, footer, buttons, AT);
    }

    private TemplateFixtures() {
    }
}
