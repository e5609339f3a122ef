package dev.safesend.analytics.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageStatusTest {

    @Test
    void statusesMoveForwardOnlyFromSentToDeliveredToRead() {
        assertThat(MessageStatus.DELIVERED.supersedes(MessageStatus.SENT)).isTrue();
        assertThat(MessageStatus.READ.supersedes(MessageStatus.DELIVERED)).isTrue();
        assertThat(MessageStatus.DELIVERED.supersedes(MessageStatus.READ)).isFalse();
        assertThat(MessageStatus.SENT.supersedes(MessageStatus.DELIVERED)).isFalse();
    }

    @Test
    void aLateSubmittedDoesNotHideADeliveredThatArrivedFirst() {
        assertThat(MessageStatus.SUBMITTED.supersedes(MessageStatus.DELIVERED)).isFalse();
        assertThat(MessageStatus.ACCEPTED.supersedes(MessageStatus.SUBMITTED)).isFalse();
    }

    @Test
    void aFailureAfterSendingShowsButNotAfterDelivery() {
        assertThat(MessageStatus.FAILED.supersedes(MessageStatus.SENT)).isTrue();
        assertThat(MessageStatus.FAILED.supersedes(MessageStatus.DELIVERED)).isFalse();
    }

    @Test
    void anyStatusSupersedesNothing() {
        assertThat(MessageStatus.ACCEPTED.supersedes(null)).isTrue();
    }
}
