package dev.safesend.ingest.service;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublicationTest {

    @Test
    void anAcknowledgementThatNeverComesWithinTheTimeoutIsPublishUnavailable() {
        assertThatThrownBy(() -> Publication.await(new CompletableFuture<>(), Duration.ofMillis(20)))
                .isInstanceOf(PublishUnavailableException.class)
                .hasMessageContaining("did not acknowledge within");
    }

    @Test
    void recordsKafkaRefusedArePublishUnavailableWithTheBrokersReason() {
        CompletableFuture<Void> refused = CompletableFuture.failedFuture(new RecordTooLargeException("too large for the topic"));
        assertThatThrownBy(() -> Publication.await(refused, Duration.ofSeconds(1)))
                .isInstanceOf(PublishUnavailableException.class)
                .hasMessageContaining("too large for the topic")
                .hasCauseInstanceOf(RecordTooLargeException.class);
    }

    @Test
    void acknowledgedRecordsLetTheUnitOfWorkGoOn() {
        assertThatCode(() -> Publication.await(CompletableFuture.completedFuture(null), Duration.ofSeconds(1))).doesNotThrowAnyException();
    }
}
