package dev.safesend.servicekit.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BsuidTest {

    @Test
    void aRegionADotAndAlphanumericsIsABsuid() {
        assertThat(Bsuid.isBsuid("US.13491208655302741918")).isTrue();
        assertThat(Bsuid.isBsuid("BR.8812093371")).isTrue();
        assertThat(Bsuid.isBsuid("US.ENT.11815799212886844830")).isTrue();
        assertThat(Bsuid.isBsuid("ZW." + "a1".repeat(64))).isTrue();
    }

    @Test
    void phonesAndLookalikesAreNotBsuids() {
        assertThat(Bsuid.isBsuid("+263771234567")).isFalse();
        assertThat(Bsuid.isBsuid("263771234567")).isFalse();
        assertThat(Bsuid.isBsuid("us.1234")).isFalse();
        assertThat(Bsuid.isBsuid("US.")).isFalse();
        assertThat(Bsuid.isBsuid("USA.1234")).isFalse();
        assertThat(Bsuid.isBsuid("US.12-34")).isFalse();
        assertThat(Bsuid.isBsuid("US.../../")).isFalse();
        assertThat(Bsuid.isBsuid("ZW." + "a".repeat(129))).isFalse();
        assertThat(Bsuid.isBsuid(null)).isFalse();
    }

    @Test
    void aParentBsuidIsMarkedByEnt() {
        assertThat(Bsuid.isParent("US.ENT.118")).isTrue();
        assertThat(Bsuid.isParent("US.118")).isFalse();
    }

    @Test
    void theRegionIsTheFirstTwoLetters() {
        assertThat(Bsuid.region("BR.8812093371")).isEqualTo("BR");
        assertThatThrownBy(() -> Bsuid.region("+5511")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMaskKeepsTheRegionAndTheLastTwoCharacters() {
        assertThat(Bsuid.mask("BR.8812093371")).isEqualTo("BR.88****71");
    }
}
