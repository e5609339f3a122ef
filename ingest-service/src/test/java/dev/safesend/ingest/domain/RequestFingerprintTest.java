package dev.safesend.ingest.domain;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFingerprintTest {

    private static MessageRequest request(String recipient, Map<String, String> metadata) {
        return new MessageRequest(recipient, "school", Category.UTILITY, null,
                TemplateRef.positional("order_update", "en_US", List.of("Tariro", "A-1")), null, null, null, "ref-1", metadata);
    }

    @Test
    void theSameRequestHasTheSameFingerprintWhateverTheOrderOfItsMaps() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        assertThat(RequestFingerprint.of("rest", List.of(request("+263771234567", ab))))
                .isEqualTo(RequestFingerprint.of("rest", List.of(request("+263771234567", ba))));
    }

    @Test
    void aDifferentFieldOrScopeChangesTheFingerprint() {
        String base = RequestFingerprint.of("rest", List.of(request("+263771234567", Map.of())));
        assertThat(RequestFingerprint.of("rest", List.of(request("+263771234568", Map.of())))).isNotEqualTo(base);
        assertThat(RequestFingerprint.of("kafka", List.of(request("+263771234567", Map.of())))).isNotEqualTo(base);
        assertThat(RequestFingerprint.of("rest", List.of(request("+263771234567", Map.of("k", "v"))))).isNotEqualTo(base);
    }

    @Test
    void fieldBoundariesCannotCollide() {
        MessageRequest a = new MessageRequest("+1", "ab", Category.SERVICE, "c", null, null, null, null, null, null);
        MessageRequest b = new MessageRequest("+1", "a", Category.SERVICE, "bc", null, null, null, null, null, null);
        assertThat(RequestFingerprint.of("rest", List.of(a))).isNotEqualTo(RequestFingerprint.of("rest", List.of(b)));
    }

    @Test
    void aCustomerWindowIsOpenForTwentyFourHoursAfterTheLastInboundMessage() {
        CustomerWindow window = new CustomerWindow("1100", "263771234567", java.time.Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(window.openAt(java.time.Instant.parse("2026-11-23T09:59:59Z"))).isTrue();
        assertThat(window.openAt(java.time.Instant.parse("2026-11-23T10:00:00Z"))).isFalse();
    }
}
