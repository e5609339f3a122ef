package dev.safesend.ingest.mapping;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageEventMapperTest {

    @Test
    void aUsersMessagePublishedTwiceIsTheSameEventSoItIsConfirmedOnce() {
        assertThat(MessageEventMapper.inboundEventId("wamid.HBgLMjYzNzcxMjM0NTY3FQIAEhgg"))
                .isEqualTo(MessageEventMapper.inboundEventId("wamid.HBgLMjYzNzcxMjM0NTY3FQIAEhgg"))
                .isNotEqualTo(MessageEventMapper.inboundEventId("wamid.HBgLMjYzNzcxMjM0NTY3FQIAEhgh"))
                .hasSize(36);
    }
}
