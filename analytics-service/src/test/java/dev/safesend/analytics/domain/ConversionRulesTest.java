package dev.safesend.analytics.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ConversionRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private static ConversionRules.Request request(String contact, String type, BigDecimal value, String currency, Instant at,
                                                   String reference, String key) {
        return new ConversionRules.Request("shop", contact, type, value, currency, at, "crm", reference, key);
    }

    @Test
    void everyUnusableFieldIsNamed() {
        assertThat(ConversionRules.check(request("0771234567", " ", new BigDecimal("-1"), "XYZ", NOW.plusSeconds(3600), "", ""), NOW))
                .extracting(Violation::field, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("contact", "invalid_contact"),
                        org.assertj.core.groups.Tuple.tuple("type", "required"),
                        org.assertj.core.groups.Tuple.tuple("value", "out_of_range"),
                        org.assertj.core.groups.Tuple.tuple("currency", "invalid_currency"),
                        org.assertj.core.groups.Tuple.tuple("occurredAt", "in_future"),
                        org.assertj.core.groups.Tuple.tuple("reference", "blank"),
                        org.assertj.core.groups.Tuple.tuple("Idempotency-Key", "invalid"));
    }

    @Test
    void aPhoneIsNormalisedABsuidKeptAndTheTimeDefaultsToNow() {
        ConversionRules.Request phone = request(" +263 77 123 4567 ", "purchase", new BigDecimal("12.50"), "usd", null, null, null);
        assertThat(ConversionRules.check(phone, NOW)).isEmpty();
        Conversion c = ConversionRules.toConversion(phone, NOW);
        assertThat(c.address()).isEqualTo("+263771234567");
        assertThat(c.currency()).isEqualTo("USD");
        assertThat(c.convertedAt()).isEqualTo(NOW);
        assertThat(ConversionRules.toConversion(request("ZW.1234567890", "purchase", null, null, NOW, null, null), NOW).address())
                .isEqualTo("ZW.1234567890");
    }

    @Test
    void theSameKeyOrReferenceIsTheSameConversionAndNeitherIsANewOneEachTime() {
        ConversionRules.Request keyed = request("+263771234567", "purchase", null, null, NOW, "order-1", "k-1");
        assertThat(ConversionRules.id(keyed)).isEqualTo(ConversionRules.id(request("+263771234567", "demo", null, null, NOW, "other", "k-1")));
        ConversionRules.Request referenced = request("+263771234567", "purchase", null, null, NOW, "order-1", null);
        assertThat(ConversionRules.id(referenced)).isEqualTo(ConversionRules.id(referenced)).isNotEqualTo(ConversionRules.id(keyed));
        ConversionRules.Request neither = request("+263771234567", "purchase", null, null, NOW, null, null);
        assertThat(ConversionRules.id(neither)).isNotEqualTo(ConversionRules.id(neither));
    }
}
