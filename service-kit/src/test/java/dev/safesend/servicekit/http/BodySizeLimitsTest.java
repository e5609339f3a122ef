package dev.safesend.servicekit.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodySizeLimitsTest {

    private final BodySizeLimits limits = BodySizeLimits.of(4L << 20, List.of("/webhooks=1M", "/webhooks/whatsapp/raw=2K", "/v1/contacts:import = 2G"));

    @Test
    void theLongestMatchingPrefixDecidesAndOtherPathsHaveTheDefault() {
        assertThat(limits.limitFor("/webhooks/whatsapp")).isEqualTo(1L << 20);
        assertThat(limits.limitFor("/webhooks/whatsapp/raw")).isEqualTo(2048);
        assertThat(limits.limitFor("/v1/contacts:import")).isEqualTo(2L << 30);
        assertThat(limits.limitFor("/v1/messages")).isEqualTo(4L << 20);
        assertThat(limits.limitFor(null)).isEqualTo(4L << 20);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsAnExcessAndOneWithinOrUnknownIsNot() {
        assertThat(limits.excess("/webhooks/whatsapp", String.valueOf(7L << 20))).hasValue(7L << 20);
        assertThat(limits.excess("/webhooks/whatsapp", String.valueOf(1L << 20))).isEmpty();
        assertThat(limits.excess("/v1/messages", String.valueOf((4L << 20) + 1))).hasValue((4L << 20) + 1);
        assertThat(limits.excess("/v1/messages", null)).isEmpty();
        assertThat(limits.excess("/v1/messages", "many")).isEmpty();
    }

    @Test
    void sizesAreReadAsQuarkusReadsMemorySizes() {
        assertThat(BodySizeLimits.parseSize("512")).isEqualTo(512);
        assertThat(BodySizeLimits.parseSize("10240K")).isEqualTo(10240L * 1024);
        assertThat(BodySizeLimits.parseSize("4m")).isEqualTo(4L << 20);
        assertThat(BodySizeLimits.parseSize("2G")).isEqualTo(2L << 30);
        assertThat(BodySizeLimits.parseSize("64MB")).isEqualTo(64L << 20);
        assertThatThrownBy(() -> BodySizeLimits.parseSize("lots")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lots'");
        assertThatThrownBy(() -> BodySizeLimits.parseSize("0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMalformedEntryIsRefusedNamingIt() {
        assertThatThrownBy(() -> BodySizeLimits.of(1024, List.of("webhooks=1M")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'webhooks=1M'");
        assertThatThrownBy(() -> BodySizeLimits.of(1024, List.of("/webhooks=")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
