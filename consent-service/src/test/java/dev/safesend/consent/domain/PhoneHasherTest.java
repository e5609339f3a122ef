package dev.safesend.consent.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneHasherTest {

    @Test
    void theSaltedHashIsHmacSha256OfTheNumberWhateverTheSaltsLength() throws Exception {
        for (String salt : List.of("a-salt-of-sixteen-chars", "x".repeat(64), "ü-a-salt-longer-than-one-sha256-block-".repeat(3))) {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(salt.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            PhoneHasher hasher = new PhoneHasher(salt);
            for (String phone : List.of("+263771234567", "+1", "+" + "9".repeat(80))) {
                String expected = java.util.HexFormat.of().formatHex(mac.doFinal(phone.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                assertThat(hasher.hash(phone)).as(salt + " " + phone).isEqualTo(expected);
            }
        }
    }

    @Test
    void logsSeeOnlyAMaskedNumberAndTheSuppressionListOnlyASaltedHash() {
        assertThat(Masking.phone("+263771234567")).isEqualTo("+26377****567");
        PhoneHasher hasher = new PhoneHasher("a-salt-of-sixteen-chars");
        assertThat(hasher.hash("+263771234567")).hasSize(64).isEqualTo(hasher.hash("+263771234567"))
                .isNotEqualTo(new PhoneHasher("another-salt-16-chars").hash("+263771234567"))
                .doesNotContain("263771234567");
    }
}
