package dev.safesend.ingest.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactEngagementTest {

    private static final Instant T = Instant.parse("2026-12-07T06:00:00Z");

    private static ContactEngagement of(String contact, ContactEngagement.State state, Instant until, Instant changedAt) {
        return new ContactEngagement("shop", contact, state, until, changedAt);
    }

    @Test
    void aDormantContactsMarketingIsSuppressedUntilItsEndAndNotFromThenOn() {
        ContactEngagement dormant = of("+263771234567", ContactEngagement.State.DORMANT, T.plusSeconds(60), T);
        assertThat(dormant.suppressedUntil()).isEqualTo(T.plusSeconds(60));
        assertThat(dormant.suppressesMarketingAt(T.plusSeconds(59))).isTrue();
        assertThat(dormant.suppressesMarketingAt(T.plusSeconds(60))).isFalse();
        assertThat(dormant.suppressesMarketingAt(T.plusSeconds(61))).isFalse();
    }

    @Test
    void anEngagedContactAndADormantOneWithoutAnEndAreNotSuppressed() {
        ContactEngagement engaged = of("+263771234567", ContactEngagement.State.ENGAGED, T.plusSeconds(60), T);
        ContactEngagement endless = of("+263771234567", ContactEngagement.State.DORMANT, null, T);
        assertThat(engaged.suppressedUntil()).as("an ENGAGED record's stray end counts for nothing").isNull();
        assertThat(engaged.suppressesMarketingAt(T)).isFalse();
        assertThat(endless.suppressedUntil()).isNull();
        assertThat(endless.suppressesMarketingAt(T)).isFalse();
    }

    @Test
    void onlyANewerRecordReplacesTheOneHeld() {
        ContactEngagement held = of("+263771234567", ContactEngagement.State.DORMANT, T.plusSeconds(600), T);
        assertThat(of("+263771234567", ContactEngagement.State.ENGAGED, null, T.plusMillis(1)).replaces(held)).isTrue();
        assertThat(of("+263771234567", ContactEngagement.State.ENGAGED, null, T).replaces(held)).as("equally old").isFalse();
        assertThat(of("+263771234567", ContactEngagement.State.ENGAGED, null, T.minusMillis(1)).replaces(held)).isFalse();
        assertThat(held.replaces(null)).isTrue();
    }

    @Test
    void aBatchKeepsTheNewestRecordPerContactAndTheFirstOfTwoEquallyNewOnes() {
        List<ContactEngagement> batch = List.of(
                of("+263771111111", ContactEngagement.State.DORMANT, T.plusSeconds(600), T.plusSeconds(2)),  // 0: newest of 1111
                of("+263772222222", ContactEngagement.State.DORMANT, T.plusSeconds(600), T),                 // 1: first of two equal
                of("+263771111111", ContactEngagement.State.ENGAGED, null, T.plusSeconds(1)),                // 2: older
                of("+263772222222", ContactEngagement.State.ENGAGED, null, T),                               // 3: equally new
                new ContactEngagement("school", "+263771111111", ContactEngagement.State.ENGAGED, null, T)); // 4: another project
        assertThat(ContactEngagement.newestPerContact(batch)).containsExactlyInAnyOrder(0, 1, 4);
    }

    @Test
    void theTopicsKeyIsTheProjectAndTheContactSplitAtTheFirstSlash() {
        assertThat(ContactEngagement.Key.parse("shop/+263771234567")).isEqualTo(new ContactEngagement.Key("shop", "+263771234567"));
        assertThat(ContactEngagement.Key.parse("shop/ZW.1234567890")).isEqualTo(new ContactEngagement.Key("shop", "ZW.1234567890"));
        for (String bad : new String[] {"shop", "/+263771234567", "shop/", ""}) {
            assertThatThrownBy(() -> ContactEngagement.Key.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ContactEngagement.Key.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(of("+263771234567", ContactEngagement.State.ENGAGED, null, T).key()).isEqualTo("shop/+263771234567");
    }

    @Test
    void anEngagementWithoutAProjectOrAContactCannotBeKept() {
        assertThatThrownBy(() -> new ContactEngagement(" ", "+263771234567", ContactEngagement.State.DORMANT, null, T))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> of("", ContactEngagement.State.DORMANT, null, T)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> of("+263771234567", ContactEngagement.State.DORMANT, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
