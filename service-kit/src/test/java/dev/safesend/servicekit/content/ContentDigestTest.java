package dev.safesend.servicekit.content;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContentDigestTest {

    @Test
    void theDigestsAreTheOnesTheSendLedgerAlreadyHolds() {
        // computed with dispatch's OutboundSend.contentHash before the digest moved here: rows written before the move
        // must still match what is digested after it
        assertThat(ContentDigest.template("seasonal_promo", "en_US", List.of("winter"), null))
                .isEqualTo("aa60180974f260ea2531ae70a3b23729");
        assertThat(ContentDigest.template("spring_sale", "en_US", List.of("Tariro", "A-1"), "Sale"))
                .isEqualTo("222db1e453491d14cd8bb7d04bbf2d39");
        assertThat(ContentDigest.text("Hello")).isEqualTo("53f58b223632619a39caafb2f42c03c3");
    }

    @Test
    void everyPartOfATemplateMessageChangesTheDigest() {
        String base = ContentDigest.template("spring_sale", "en_US", List.of("Tariro", "A-1"), "Sale");
        assertThat(ContentDigest.template("autumn_sale", "en_US", List.of("Tariro", "A-1"), "Sale")).isNotEqualTo(base);
        assertThat(ContentDigest.template("spring_sale", "pt_BR", List.of("Tariro", "A-1"), "Sale")).isNotEqualTo(base);
        assertThat(ContentDigest.template("spring_sale", "en_US", List.of("Tariro", "A-2"), "Sale")).isNotEqualTo(base);
        assertThat(ContentDigest.template("spring_sale", "en_US", List.of("A-1", "Tariro"), "Sale")).isNotEqualTo(base);
        assertThat(ContentDigest.template("spring_sale", "en_US", List.of("Tariro", "A-1"), null)).isNotEqualTo(base);
        assertThat(ContentDigest.template("spring_sale", "en_US", List.of("Tariro", "A-1"), "Sale")).isEqualTo(base);
    }

    @Test
    void parametersAreSeparatedSoTheirBoundariesCount() {
        assertThat(ContentDigest.template("t", "en", List.of("ab", "c"), null))
                .isNotEqualTo(ContentDigest.template("t", "en", List.of("a", "bc"), null));
    }

    @Test
    void noParametersAndNullParametersAreTheSameAndATextIsNeverATemplate() {
        assertThat(ContentDigest.template("t", "en", null, null)).isEqualTo(ContentDigest.template("t", "en", List.of(), null))
                .hasSize(32).matches("[0-9a-f]{32}");
        assertThat(ContentDigest.text("tpl|t|en||null")).isNotEqualTo(ContentDigest.template("t", "en", List.of(), null));
    }
}
