package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BsuidTest {

    private static final String WABA = "100000000000001";
    private static final String OTHER_WABA = "200000000000002";

    @Test
    void bsuidIsTheRegionADotAndTwentyDigits() {
        assertThat(Bsuid.derive(WABA, "+5511987654321", "BR")).matches("BR\\.\\d{20}");
    }

    @Test
    void derivationIsDeterministicForOneWabaAndPhone() {
        assertThat(Bsuid.derive(WABA, "+5511987654321", "BR")).isEqualTo(Bsuid.derive(WABA, "+5511987654321", "BR"));
    }

    @Test
    void anotherWabaOrAnotherPhoneGivesAnotherBsuid() {
        String bsuid = Bsuid.derive(WABA, "+5511987654321", "BR");

        assertThat(Bsuid.derive(OTHER_WABA, "+5511987654321", "BR")).isNotEqualTo(bsuid);
        assertThat(Bsuid.derive(WABA, "+5511987654322", "BR")).isNotEqualTo(bsuid);
    }

    @Test
    void digitsAreTheSha256OfWabaIdAndPhoneModuloTenToTheTwenty() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest((WABA + "+5511987654321").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String expected = new java.math.BigInteger(1, digest).mod(java.math.BigInteger.TEN.pow(20)).toString();

        assertThat(Bsuid.derive(WABA, "+5511987654321", "BR"))
                .isEqualTo("BR." + "0".repeat(20 - expected.length()) + expected);
    }

    @Test
    void aRegionThatIsNotTwoCapitalLettersBecomesUs() {
        assertThat(Bsuid.derive(WABA, "+80012345678", "001")).startsWith("US.");
        assertThat(Bsuid.derive(WABA, "+80012345678", null)).startsWith("US.");
    }

    @Test
    void bsuidFormatIsRegionDotAndUpTo128Alphanumerics() {
        assertThat(Bsuid.isBsuid("US.13491208655302741918")).isTrue();
        assertThat(Bsuid.isBsuid("BR.8812093371")).isTrue();
        assertThat(Bsuid.isBsuid("US.ENT.11815799212886844830")).isTrue();
        assertThat(Bsuid.isBsuid("US." + "a".repeat(128))).isTrue();
        assertThat(Bsuid.isBsuid("US." + "a".repeat(129))).isFalse();
        assertThat(Bsuid.isBsuid("us.1349")).isFalse();
        assertThat(Bsuid.isBsuid("+5511987654321")).isFalse();
        assertThat(Bsuid.isBsuid("US.")).isFalse();
        assertThat(Bsuid.isBsuid("US.12-34")).isFalse();
        assertThat(Bsuid.isBsuid(null)).isFalse();
    }
}
