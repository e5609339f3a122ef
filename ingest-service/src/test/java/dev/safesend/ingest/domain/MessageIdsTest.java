package dev.safesend.ingest.domain;

import dev.safesend.ingest.domain.campaign.CampaignMessages;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageIdsTest {

    private static final MessageRequest REQUEST = new MessageRequest("+263771234567", "school", Category.UTILITY,
            null, new TemplateRef("order_update", "en_US", List.of("Tariro"), null, null, null, null), null, null, null, "ref-1", null);
    private static final String FINGERPRINT = RequestFingerprint.of("rest", List.of(REQUEST));

    @Test
    void theSameKeyAndRequestAlwaysGiveTheSameId() {
        assertThat(MessageIds.forKey("rest", "order-42", FINGERPRINT, 0, 0))
                .isEqualTo(MessageIds.forKey("rest", "order-42", RequestFingerprint.of("rest", List.of(REQUEST)), 0, 0));
    }

    @Test
    void aKeyedIdIsAVersion5UuidAndNeitherACampaignIdNorARandomOne() {
        UUID id = UUID.fromString(MessageIds.forKey("rest", "order-42", FINGERPRINT, 0, 0));
        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(CampaignMessages.isCampaignMessageId(id.toString())).isFalse();
        assertThat(UUID.fromString(MessageIds.random()).version()).isEqualTo(4);
    }

    @Test
    void theIdIsRfc9562sVersion5OfTheNamespaceAndName() {
        // RFC 9562 appendix A.4: namespace DNS, name "www.example.com"
        assertThat(MessageIds.nameBased(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"))
                .isEqualTo("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    }

    @Test
    void anotherKeyScopeRequestGenerationOrIndexGivesAnotherId() {
        String other = RequestFingerprint.of("rest", List.of(REQUEST.withRecipient("+263771234568")));
        Set<String> ids = new HashSet<>(List.of(
                MessageIds.forKey("rest", "order-42", FINGERPRINT, 0, 0),
                MessageIds.forKey("rest", "order-43", FINGERPRINT, 0, 0),
                MessageIds.forKey("kafka", "order-42", FINGERPRINT, 0, 0),
                MessageIds.forKey("batch", "order-42", FINGERPRINT, 0, 0),
                MessageIds.forKey("batch", "order-42", FINGERPRINT, 0, 1),
                MessageIds.forKey("batch", "order-42", FINGERPRINT, 1, 0),
                MessageIds.forKey("batch", "order-42", FINGERPRINT, 1, 1),
                MessageIds.forKey("rest", "order-42", other, 0, 0)));
        assertThat(ids).hasSize(8);
    }

    @Test
    void partsCannotBeShiftedIntoOneAnother() {
        assertThat(MessageIds.forKey("rest", "ab", FINGERPRINT, 0, 1)).isNotEqualTo(MessageIds.forKey("res", "tab", FINGERPRINT, 0, 1));
        assertThat(MessageIds.forKey("rest", "k", FINGERPRINT, 1, 10)).isNotEqualTo(MessageIds.forKey("rest", "k", FINGERPRINT, 11, 0));
    }

    @Test
    void aKeyedIdNeedsItsScopeKeyAndFingerprint() {
        assertThatThrownBy(() -> MessageIds.forKey("rest", null, FINGERPRINT, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageIds.forKey("rest", "k", null, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageIds.forKey("rest", "k", FINGERPRINT, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageIds.forKey("rest", "k", FINGERPRINT, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
