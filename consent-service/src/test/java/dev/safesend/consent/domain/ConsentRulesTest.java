package dev.safesend.consent.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import static dev.safesend.consent.domain.ConsentRules.Decision.APPLY;
import static dev.safesend.consent.domain.ConsentRules.Decision.REJECTED_NO_EVIDENCE;
import static dev.safesend.consent.domain.ConsentRules.Decision.REJECTED_SOURCE;
import static dev.safesend.consent.domain.ConsentRules.Decision.REJECTED_STALE_EVIDENCE;
import static dev.safesend.consent.domain.ConsentRules.Decision.UNCHANGED;
import static org.assertj.core.api.Assertions.assertThat;

class ConsentRulesTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final CategoryConsent UNKNOWN = CategoryConsent.unknown(Category.MARKETING);
    static final CategoryConsent OUT_AT_T0 = new CategoryConsent(Category.MARKETING, ConsentState.OPTED_OUT, ConsentSource.KEYWORD, T0);

    @Test
    void anOptInWithProofFromAGrantingSourceApplies() {
        assertThat(ConsentRules.decide(UNKNOWN, ConsentState.OPTED_IN, new Evidence(ConsentSource.WEB_FORM, T0, "form 17 from 10.0.0.1"))).isEqualTo(APPLY);
    }

    @Test
    void anOptInWithoutProofIsRejected() {
        assertThat(ConsentRules.decide(UNKNOWN, ConsentState.OPTED_IN, new Evidence(ConsentSource.API, T0, " "))).isEqualTo(REJECTED_NO_EVIDENCE);
    }

    @Test
    void a131050OrAnEraseCanNeverGrant() {
        assertThat(ConsentRules.decide(UNKNOWN, ConsentState.OPTED_IN, new Evidence(ConsentSource.META_131050, T0, "x"))).isEqualTo(REJECTED_NO_EVIDENCE);
        assertThat(ConsentRules.decide(UNKNOWN, ConsentState.OPTED_IN, new Evidence(ConsentSource.ERASE, T0, "x"))).isEqualTo(REJECTED_NO_EVIDENCE);
    }

    @Test
    void aWebFormCannotRevoke() {
        assertThat(ConsentRules.decide(UNKNOWN, ConsentState.OPTED_OUT, new Evidence(ConsentSource.WEB_FORM, T0, null))).isEqualTo(REJECTED_SOURCE);
    }

    @Test
    void anOptInWhoseEvidenceIsOlderThanTheOptOutDoesNotOverrideIt() {
        assertThat(ConsentRules.decide(OUT_AT_T0, ConsentState.OPTED_IN, new Evidence(ConsentSource.IMPORT, T0.minusSeconds(60), "old csv")))
                .isEqualTo(REJECTED_STALE_EVIDENCE);
        assertThat(ConsentRules.decide(OUT_AT_T0, ConsentState.OPTED_IN, new Evidence(ConsentSource.KEYWORD, T0.plusSeconds(60), "START")))
                .isEqualTo(APPLY);
    }

    @Test
    void askingForTheCurrentStateChangesNothing() {
        assertThat(ConsentRules.decide(OUT_AT_T0, ConsentState.OPTED_OUT, new Evidence(ConsentSource.KEYWORD, T0, null))).isEqualTo(UNCHANGED);
    }

    private static final Evidence STOP = new Evidence(ConsentSource.KEYWORD, T0.plusSeconds(60), "keyword 'STOP' in message wamid.1");

    private static Map<Category, CategoryConsent> held(ConsentState marketing, ConsentState utility, ConsentState authentication) {
        Map<Category, CategoryConsent> m = new EnumMap<>(Category.class);
        m.put(Category.MARKETING, new CategoryConsent(Category.MARKETING, marketing, ConsentSource.WEB_FORM, T0));
        m.put(Category.UTILITY, new CategoryConsent(Category.UTILITY, utility, ConsentSource.WEB_FORM, T0));
        m.put(Category.AUTHENTICATION, new CategoryConsent(Category.AUTHENTICATION, authentication, ConsentSource.WEB_FORM, T0));
        return m;
    }

    private static Map<Category, ConsentState> every(ConsentState state) {
        Map<Category, ConsentState> m = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            m.put(c, state);
        }
        return m;
    }

    @Test
    void aStopOptsOutExactlyTheCategoriesThatWereNotOptedOutAlreadyIncludingNeverAskedOnes() {
        assertThat(ConsentRules.optedOut(held(ConsentState.OPTED_IN, ConsentState.OPTED_OUT, ConsentState.UNKNOWN),
                every(ConsentState.OPTED_OUT), STOP))
                .containsExactlyInAnyOrder(Category.MARKETING, Category.AUTHENTICATION);
    }

    @Test
    void aStopFromSomeoneAlreadyOptedOutOfEverythingOptsNobodyOut() {
        assertThat(ConsentRules.optedOut(held(ConsentState.OPTED_OUT, ConsentState.OPTED_OUT, ConsentState.OPTED_OUT),
                every(ConsentState.OPTED_OUT), STOP)).isEmpty();
    }

    @Test
    void aStartOptsNobodyOutEvenWhenItChangesEveryCategory() {
        assertThat(ConsentRules.optedOut(held(ConsentState.OPTED_OUT, ConsentState.OPTED_OUT, ConsentState.UNKNOWN),
                every(ConsentState.OPTED_IN), new Evidence(ConsentSource.KEYWORD, T0.plusSeconds(60), "keyword 'START'"))).isEmpty();
    }

    @Test
    void aMarketingOnlyRevokeListsMarketingAndNotTheCategoriesItLeftAlone() {
        assertThat(ConsentRules.optedOut(held(ConsentState.OPTED_IN, ConsentState.OPTED_IN, ConsentState.OPTED_IN),
                Map.of(Category.MARKETING, ConsentState.OPTED_OUT), new Evidence(ConsentSource.USER_PREFERENCES, T0, null)))
                .containsExactly(Category.MARKETING);
    }

    @Test
    void aRevokeFromASourceThatCannotRevokeOptsNobodyOut() {
        assertThat(ConsentRules.optedOut(held(ConsentState.OPTED_IN, ConsentState.OPTED_IN, ConsentState.OPTED_IN),
                every(ConsentState.OPTED_OUT), new Evidence(ConsentSource.WEB_FORM, T0, "form 3"))).isEmpty();
    }

    @Test
    void aPhoneWithNoStatesInTheProjectIsOptedOutOfEveryCategoryByAStop() {
        assertThat(ConsentRules.optedOut(Map.of(), every(ConsentState.OPTED_OUT), STOP))
                .containsExactlyInAnyOrder(Category.MARKETING, Category.UTILITY, Category.AUTHENTICATION);
    }
}
