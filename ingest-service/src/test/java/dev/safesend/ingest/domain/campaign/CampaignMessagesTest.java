package dev.safesend.ingest.domain.campaign;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignMessagesTest {

    private static final CampaignDefinition.TemplateChoice TEMPLATE =
            new CampaignDefinition.TemplateChoice("course_news", "en_US", List.of("en_US", "pt_BR", "sn"));

    @Test
    void aContactAlwaysGetsTheSameMessageIdInACampaignAndAnotherInAnotherCampaign() {
        String a = CampaignMessages.messageId("cmp_1", "+263771234567");
        assertThat(CampaignMessages.messageId("cmp_1", "+263771234567")).isEqualTo(a);
        assertThat(CampaignMessages.messageId("cmp_2", "+263771234567")).isNotEqualTo(a);
        assertThat(CampaignMessages.isCampaignMessageId(a)).isTrue();
        assertThat(CampaignMessages.isCampaignMessageId(UUID.randomUUID().toString())).as("a random id is not").isFalse();
        assertThat(CampaignMessages.isCampaignMessageId("not-an-id")).isFalse();
    }

    @Test
    void theHoldoutIsStableAndItsSizeIsWithinThreeStandardDeviationsOfTheShare() {
        int n = 100_000;
        double share = 0.05;
        int held = 0;
        for (int i = 0; i < n; i++) {
            String address = String.format("+2637710%05d", i);
            boolean in = CampaignMessages.inHoldout("cmp_h", address, share * 100);
            assertThat(CampaignMessages.inHoldout("cmp_h", address, share * 100)).isEqualTo(in);
            held += in ? 1 : 0;
        }
        double sigma = Math.sqrt(n * share * (1 - share));
        assertThat((double) held).isBetween(n * share - 3 * sigma, n * share + 3 * sigma);
        assertThat(CampaignMessages.inHoldout("cmp_h", "+263771000001", 0)).isFalse();
    }

    @Test
    void eachContactGetsTheirLanguageOrItsBaseVariantOrTheFallback() {
        assertThat(CampaignMessages.languageFor(contact("pt_BR", Map.of()), TEMPLATE)).isEqualTo("pt_BR");
        assertThat(CampaignMessages.languageFor(contact("pt", Map.of()), TEMPLATE)).isEqualTo("pt_BR");
        assertThat(CampaignMessages.languageFor(contact("sn-ZW", Map.of()), TEMPLATE)).isEqualTo("sn");
        assertThat(CampaignMessages.languageFor(contact("fr", Map.of()), TEMPLATE)).isEqualTo("en_US");
        assertThat(CampaignMessages.languageFor(contact(null, Map.of()), TEMPLATE)).isEqualTo("en_US");
    }

    @Test
    void parametersComeFromTheContactElseTheFallbackElseTheContactCannotBePersonalised() {
        Map<String, ParameterSource> mapping = new LinkedHashMap<>();
        mapping.put("1", new ParameterSource("name", "there", null));
        mapping.put("2", new ParameterSource("attributes.course", null, null));
        mapping.put("3", new ParameterSource(null, null, "Monday"));
        assertThat(CampaignMessages.parametersFor(contact("en", Map.of("course", "Maths")), mapping))
                .containsExactly(Map.entry("1", "Tariro"), Map.entry("2", "Maths"), Map.entry("3", "Monday"));
        CampaignContact nameless = new CampaignContact("+263771234567", " ", "en", "ZW", Map.of("course", "Art"));
        assertThat(CampaignMessages.parametersFor(nameless, mapping)).containsEntry("1", "there");
        assertThat(CampaignMessages.parametersFor(contact("en", Map.of()), mapping)).as("no course and no fallback").isNull();
    }

    @Test
    void positionalKeysAreOrderedNumericallyWhateverOrderTheyWereGivenIn() {
        Map<String, ParameterSource> given = new LinkedHashMap<>();
        given.put("10", new ParameterSource(null, null, "j"));
        given.put("2", new ParameterSource(null, null, "b"));
        given.put("1", new ParameterSource(null, null, "a"));
        CampaignDefinition d = new CampaignDefinition("n", "p", dev.safesend.ingest.domain.Category.UTILITY, TEMPLATE, given,
                "seg", null, null, 2, 0, null, false);
        assertThat(d.parameters().keySet()).containsExactly("1", "2", "10");
    }

    private static CampaignContact contact(String language, Map<String, String> attributes) {
        return new CampaignContact("+263771234567", "Tariro", language, "ZW", attributes);
    }
}
