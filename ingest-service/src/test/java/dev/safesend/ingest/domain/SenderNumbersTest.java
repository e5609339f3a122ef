package dev.safesend.ingest.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SenderNumbersTest {

    private final SenderNumbers senders = new SenderNumbers(Map.of("110000000000001", "+1 555-000-0001",
            "110000000000002", "15550000002"));

    @Test
    void aDisplayNumberNamesItsSenderHoweverItIsWritten() {
        assertThat(senders.senderFor("15550000001")).hasValue("110000000000001");
        assertThat(senders.senderFor("+1 (555) 000-0002")).hasValue("110000000000002");
    }

    @Test
    void anUnknownOrMissingDisplayNumberNamesNobody() {
        assertThat(senders.senderFor("15559999999")).isEmpty();
        assertThat(senders.senderFor(null)).isEmpty();
        assertThat(SenderNumbers.NONE.senderFor("15550000001")).isEmpty();
    }

    @Test
    void twoSendersWithTheSameDisplayNumberAreRefusedAtStart() {
        assertThatThrownBy(() -> new SenderNumbers(Map.of("110000000000001", "15550000001", "110000000000002", "+15550000001")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same display number");
    }
}
