package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserDirectoryTest {

    private static final String WABA = "100000000000001";
    private static final String OTHER_WABA = "200000000000002";
    private static final String NUMBER = "106540352242922";
    private static final String SAME_WABA_NUMBER = "106540352242923";
    private static final String OTHER_WABA_NUMBER = "900000000000002";
    private static final String ANA = "5511987654321";
    private static final String ANA_NEW = "5511987650000";

    private final MutableClock clock = MutableClock.startingAt("2025-07-01T10:00:00Z");
    private final BusinessNumbers numbers = new BusinessNumbers(WABA, Map.of(OTHER_WABA_NUMBER, OTHER_WABA), Map.of(),
            Map.of(), 80);
    private final UserDirectory users = new UserDirectory(clock, numbers, phone -> phone.startsWith("55") ? "BR" : "ZW");

    @Test
    void everyPhoneIsAUserWithABsuidInEachWaba() {
        WhatsAppUser ana = users.user(ANA);

        assertThat(ana.key()).isEqualTo(ANA);
        assertThat(ana.userIds()).containsOnlyKeys(WABA, OTHER_WABA);
        assertThat(ana.userId(WABA)).isEqualTo(Bsuid.derive(WABA, "+" + ANA, "BR")).startsWith("BR.");
        assertThat(ana.userId(OTHER_WABA)).isNotEqualTo(ana.userId(WABA));
        assertThat(users.user(ANA)).isSameAs(ana);
    }

    @Test
    void aBsuidReachesItsUserFromEveryNumberOfItsWaba() {
        String bsuid = users.user(ANA).userId(WABA);

        assertThat(users.address(bsuidRecipient(bsuid), NUMBER).phone()).isEqualTo(ANA);
        assertThat(users.address(bsuidRecipient(bsuid), SAME_WABA_NUMBER).phone()).isEqualTo(ANA);
    }

    @Test
    void aBsuidOfAnotherWabaReachesNobody() {
        String bsuid = users.user(ANA).userId(WABA);

        Addressee addressee = users.address(bsuidRecipient(bsuid), OTHER_WABA_NUMBER);

        assertThat(addressee.known()).isFalse();
        assertThat(addressee.personKey()).isEqualTo(bsuid);
    }

    @Test
    void phoneAndBsuidOfOneUserAreOnePerson() {
        String bsuid = users.user(ANA).userId(WABA);

        assertThat(users.address(phoneRecipient(ANA), NUMBER).personKey())
                .isEqualTo(users.address(bsuidRecipient(bsuid), NUMBER).personKey());
    }

    @Test
    void aSendByPhoneFillsTheContactBookOfTheNumbersWabaButASendByBsuidDoesNot() {
        String bsuid = users.user(ANA).userId(WABA);
        users.recordBusinessSend(users.address(bsuidRecipient(bsuid), NUMBER), NUMBER, clock.instant());
        assertThat(users.user(ANA).contactBooks()).isEmpty();

        users.recordBusinessSend(users.address(phoneRecipient(ANA), NUMBER), NUMBER, clock.instant());

        assertThat(users.user(ANA).contactBooks()).containsExactly(WABA);
        assertThat(users.user(ANA).lastSentToPhone()).containsOnlyKeys(NUMBER);
        assertThat(users.user(ANA).exchangedWith()).containsExactly(NUMBER);
    }

    @Test
    void usernameUserOutOfTheContactBookShowsThePhoneOnlyToTheNumberThatSentToItFor30Days() {
        users.updateProfile(ANA, "ana.k", "Ana", false);
        assertThat(users.phoneShown(users.user(ANA), NUMBER)).isFalse();

        users.recordBusinessSend(users.address(phoneRecipient(ANA), NUMBER), NUMBER, clock.instant());
        users.updateProfile(ANA, "ana.k", "Ana", false);

        assertThat(users.phoneShown(users.user(ANA), NUMBER)).isTrue();
        assertThat(users.phoneShown(users.user(ANA), SAME_WABA_NUMBER)).isFalse();
        clock.advance(Duration.ofDays(31));
        assertThat(users.phoneShown(users.user(ANA), NUMBER)).isFalse();
    }

    @Test
    void aUsernameChangeKeepsTheBsuid() {
        String bsuid = users.user(ANA).userId(WABA);

        users.updateProfile(ANA, "ana.k", null, null);
        users.updateProfile(ANA, "ana_k2", null, null);

        assertThat(users.user(ANA).userId(WABA)).isEqualTo(bsuid);
        assertThat(users.user(ANA).username()).isEqualTo("ana_k2");
    }

    @Test
    void malformedUsernamesAreRefused() {
        assertThatThrownBy(() -> users.updateProfile(ANA, "ab", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.updateProfile(ANA, ".ana", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.updateProfile(ANA, "ana..k", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.updateProfile(ANA, "12345", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.updateProfile(ANA, "ana k", null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNumberChangeGivesNewBsuidsAndKeepsThePerson() {
        WhatsAppUser before = users.user(ANA);
        users.updateProfile(ANA, "ana.k", "Ana", true);

        NumberChange change = users.changeNumber(ANA, ANA_NEW);

        WhatsAppUser after = change.after();
        assertThat(after.key()).isEqualTo(before.key());
        assertThat(after.phone()).isEqualTo(ANA_NEW);
        assertThat(after.userId(WABA)).isNotEqualTo(before.userId(WABA)).startsWith("BR.");
        assertThat(after.username()).isEqualTo("ana.k");
        assertThat(after.contactBooks()).as("the contact book held the old phone").isEmpty();
        assertThat(users.findByUserId(after.userId(WABA))).contains(after);
        assertThat(users.find(ANA)).isEmpty();
    }

    @Test
    void theOldBsuidBelongsToNobodyAfterANumberChangeButStillNamesThePersonInTheLedger() {
        String oldBsuid = users.user(ANA).userId(WABA);

        users.changeNumber(ANA, ANA_NEW);

        assertThat(users.findByUserId(oldBsuid)).isEmpty();
        assertThat(users.address(bsuidRecipient(oldBsuid), NUMBER).known()).isFalse();
        assertThat(users.personKey(bsuidRecipient(oldBsuid))).isEqualTo(ANA);
        assertThat(users.personKey(phoneRecipient(ANA_NEW))).isEqualTo(ANA);
    }

    @Test
    void theNextOwnerOfAnOldNumberIsAnotherPersonWithOtherBsuids() {
        String oldBsuid = users.user(ANA).userId(WABA);
        users.changeNumber(ANA, ANA_NEW);

        WhatsAppUser next = users.user(ANA);

        assertThat(next.key()).isEqualTo(ANA + "#1");
        assertThat(next.userId(WABA)).isNotEqualTo(oldBsuid);
        assertThat(users.personKey(phoneRecipient(ANA))).isEqualTo(ANA + "#1");
    }

    @Test
    void aNumberChangeOntoAnActiveUsersPhoneIsRefused() {
        users.user(ANA);
        users.updateProfile(ANA_NEW, null, "Bob", null);

        assertThatThrownBy(() -> users.changeNumber(ANA, ANA_NEW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> users.changeNumber(ANA, ANA)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNumberChangeOntoAPhoneThatWasOnlyLookedUpTakesItOver() {
        String lookedUp = users.user(ANA_NEW).userId(WABA);

        WhatsAppUser after = users.changeNumber(ANA, ANA_NEW).after();

        assertThat(after.key()).isEqualTo(ANA);
        assertThat(after.userId(WABA)).isEqualTo(lookedUp);
        assertThat(users.findByUserId(lookedUp)).contains(after);
    }

    @Test
    void marketingStopsArePerWaba() {
        users.setMarketingStopped(ANA, WABA, true);

        assertThat(users.user(ANA).stoppedMarketing(WABA)).isTrue();
        assertThat(users.user(ANA).stoppedMarketing(OTHER_WABA)).isFalse();
        users.setMarketingStopped(ANA, WABA, false);
        assertThat(users.user(ANA).stoppedMarketing(WABA)).isFalse();
    }

    @Test
    void resetForgetsEveryUser() {
        String bsuid = users.user(ANA).userId(WABA);

        users.reset();

        assertThat(users.size()).isZero();
        assertThat(users.findByUserId(bsuid)).isEmpty();
    }

    private static Recipient phoneRecipient(String digits) {
        return Recipient.parse("+" + digits).orElseThrow();
    }

    private static Recipient bsuidRecipient(String bsuid) {
        return Recipient.parseUserId(bsuid).orElseThrow();
    }
}
