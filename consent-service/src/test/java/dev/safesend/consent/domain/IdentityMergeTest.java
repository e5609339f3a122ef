package dev.safesend.consent.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityMergeTest {

    private static final Instant T = Instant.parse("2026-06-01T10:00:00Z");

    private static Map<Category, CategoryConsent> states(Object... categoryStateSourceAt) {
        Map<Category, CategoryConsent> m = new EnumMap<>(Category.class);
        for (int i = 0; i < categoryStateSourceAt.length; i += 4) {
            Category c = (Category) categoryStateSourceAt[i];
            m.put(c, new CategoryConsent(c, (ConsentState) categoryStateSourceAt[i + 1], (ConsentSource) categoryStateSourceAt[i + 2],
                    (Instant) categoryStateSourceAt[i + 3]));
        }
        return m;
    }

    @Test
    void aStopSentWithOnlyABsuidOutweighsAnOlderOptInOfThePhone() {
        var phone = states(Category.MARKETING, ConsentState.OPTED_IN, ConsentSource.IMPORT, T);
        var bsuid = states(Category.MARKETING, ConsentState.OPTED_OUT, ConsentSource.KEYWORD, T.plusSeconds(60));
        assertThat(IdentityMerge.adopt(phone, bsuid)).containsOnlyKeys(Category.MARKETING)
                .extractingByKey(Category.MARKETING).extracting(CategoryConsent::state).isEqualTo(ConsentState.OPTED_OUT);
    }

    @Test
    void aLaterOptInThroughThePhoneOutweighsAnOldStop() {
        var phone = states(Category.MARKETING, ConsentState.OPTED_IN, ConsentSource.WEB_FORM, T.plusSeconds(60));
        var bsuid = states(Category.MARKETING, ConsentState.OPTED_OUT, ConsentSource.KEYWORD, T);
        assertThat(IdentityMerge.adopt(phone, bsuid)).isEmpty();
    }

    @Test
    void atEqualEvidenceTimesTheOptOutWins() {
        var phone = states(Category.UTILITY, ConsentState.OPTED_IN, ConsentSource.API, T);
        var bsuid = states(Category.UTILITY, ConsentState.OPTED_OUT, ConsentSource.USER_PREFERENCES, T);
        assertThat(IdentityMerge.adopt(phone, bsuid)).containsKey(Category.UTILITY);
        assertThat(IdentityMerge.adopt(bsuid, phone)).isEmpty();
    }

    @Test
    void whatTheSurvivorDoesNotKnowIsAdoptedAndUnknownsAreNot() {
        var phone = states(Category.MARKETING, ConsentState.OPTED_IN, ConsentSource.IMPORT, T);
        var bsuid = states(Category.AUTHENTICATION, ConsentState.OPTED_IN, ConsentSource.ADMIN, T,
                Category.UTILITY, ConsentState.UNKNOWN, ConsentSource.ADMIN, T);
        assertThat(IdentityMerge.adopt(phone, bsuid)).containsOnlyKeys(Category.AUTHENTICATION);
    }

    @Test
    void anIdentityFromABsuidOnlyRecordTakesTheBsuidAsItsKey() {
        Identity i = Identity.of("ZW.1234567890", null, null, "ana.k");
        assertThat(i.phone()).isNull();
        assertThat(i.bsuid()).isEqualTo("ZW.1234567890");
        assertThat(i.preferredKey()).isEqualTo("ZW.1234567890");
        assertThat(i.region()).isEqualTo("ZW");
        Identity both = Identity.of("263771234567", "ZW.1234567890", "ZW.ENT.99", null);
        assertThat(both.preferredKey()).isEqualTo("+263771234567");
        assertThat(both.addresses()).extracting(Identity.Address::value).containsExactly("+263771234567", "ZW.1234567890", "ZW.ENT.99");
    }
}
