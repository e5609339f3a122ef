package dev.safesend.consent.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentKeywordsTest {

    static final ConsentKeywords KEYWORDS = new ConsentKeywords(List.of(
            new ConsentKeywords.Language("en", List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT"),
                    List.of("START", "UNSTOP", "SUBSCRIBE"), "bye", "welcome back"),
            new ConsentKeywords.Language("pt", List.of("PARAR", "SAIR", "DESCADASTRAR"), List.of("INICIAR", "VOLTAR"), "tchau", "bem-vindo"),
            new ConsentKeywords.Language("es", List.of("BAJA", "DETENER", "PARAR"), List.of("ALTA"), "adiós", "bienvenido"),
            new ConsentKeywords.Language("fr", List.of("ARRÊT", "DÉSABONNER"), List.of("DÉMARRER"), "au revoir", "rebonjour")),
            Map.of("school", new ConsentKeywords.ProjectWords(List.of("SAKA"), List.of("TANGA"), List.of("STOP_PROMO"), List.of("RESUME_PROMO"))));

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", "Stop", " stop ", "STOP!", "s t o p", "stop.", "Unsubscribe", "opt out", "OptOut",
            "stopall", "STOP ALL", "cancel", "End", "quit", "\tQUIT\n"})
    void englishOptOutWordsMatchWhateverTheCaseSpacingOrTrailingPunctuation(String text) {
        assertThat(KEYWORDS.match(null, text, null)).get().extracting(KeywordMatch::intent).isEqualTo(KeywordIntent.OPT_OUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"parar", "Sair", "DESCADASTRAR", "baja", "Detener", "arrêt", "ARRET", "arret", "désabonner", "DESABONNER"})
    void portugueseSpanishAndFrenchOptOutWordsMatchWithOrWithoutAccents(String text) {
        assertThat(KEYWORDS.match(null, text, null)).get().extracting(KeywordMatch::intent).isEqualTo(KeywordIntent.OPT_OUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "start", "Unstop", "SUBSCRIBE", "iniciar", "Voltar", "alta", "démarrer", "DEMARRER"})
    void optInWordsInEveryLanguageMatch(String text) {
        assertThat(KEYWORDS.match(null, text, null)).get().extracting(KeywordMatch::intent).isEqualTo(KeywordIntent.OPT_IN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"please don't stop", "stopped", "start the course", "", "   ", "when does it end?", "STOPP"})
    void aMessageThatOnlyContainsAKeywordIsNotOne(String text) {
        assertThat(KEYWORDS.match(null, text, null)).isEmpty();
    }

    @Test
    void theMatchedLanguageChoosesTheConfirmation() {
        KeywordMatch match = KEYWORDS.match(null, "Desabonner", null).orElseThrow();
        assertThat(match.language()).isEqualTo("fr");
        assertThat(KEYWORDS.reply(match, "en")).isEqualTo("au revoir");
        assertThat(KEYWORDS.reply(KEYWORDS.match(null, "alta", null).orElseThrow(), null)).isEqualTo("bienvenido");
    }

    @Test
    void projectWordsAndButtonPayloadsCountOnlyForTheirProject() {
        assertThat(KEYWORDS.match("school", "saka", null)).get().extracting(KeywordMatch::intent).isEqualTo(KeywordIntent.OPT_OUT);
        assertThat(KEYWORDS.match("shop", "saka", null)).isEmpty();
        assertThat(KEYWORDS.match("school", "Stop promotions", "STOP_PROMO")).get().extracting(KeywordMatch::intent).isEqualTo(KeywordIntent.OPT_OUT);
        assertThat(KEYWORDS.match("school", "Resume", "RESUME_PROMO")).get().extracting(KeywordMatch::intent).isEqualTo(KeywordIntent.OPT_IN);
        assertThat(KEYWORDS.match("shop", "Stop promotions", "STOP_PROMO")).isEmpty();
    }

    @Test
    void aProjectWordWithoutALanguageIsConfirmedInTheContactsLanguage() {
        KeywordMatch match = KEYWORDS.match("school", "SAKA", null).orElseThrow();
        assertThat(KEYWORDS.reply(match, "pt-BR")).isEqualTo("tchau");
        assertThat(KEYWORDS.reply(match, null)).isEqualTo("bye");
    }

    @Test
    void aWordConfiguredBothWaysOptsOut() {
        ConsentKeywords both = new ConsentKeywords(List.of(new ConsentKeywords.Language("xx", List.of("ok"), List.of("OK"), "o", "i")), Map.of());
        assertThat(both.match(null, "ok", null)).get().extracting(KeywordMatch::intent).isEqualTo(KeywordIntent.OPT_OUT);
    }
}
