package dev.safesend.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollingTest {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void pollingEndsWithTheFirstValueALookFinds() throws Exception {
        AtomicInteger looks = new AtomicInteger();

        String value = Polling.until(scheduler, "third look", Duration.ofMillis(10), Duration.ofSeconds(10),
                () -> looks.incrementAndGet() == 3 ? Optional.of("found") : Optional.<String>empty()).get(10, TimeUnit.SECONDS);

        assertThat(value).isEqualTo("found");
        assertThat(looks).hasValue(3);
    }

    @Test
    void aLookThatGivesUpEndsTheWaitAtOnceWithItsReason() {
        AtomicInteger looks = new AtomicInteger();

        assertThatThrownBy(() -> Polling.until(scheduler, "x", Duration.ofMillis(10), Duration.ofSeconds(30), () -> {
            looks.incrementAndGet();
            throw new Polling.GiveUp("process exited with code 1");
        }).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(Polling.GiveUp.class)
                .hasRootCauseMessage("process exited with code 1");
        assertThat(looks).hasValue(1);
    }

    @Test
    void aTimeoutNamesWhatWasAwaitedAndTheLastProblemSeen() {
        assertThatThrownBy(() -> Polling.until(scheduler, "ingest-service readiness", Duration.ofMillis(10), Duration.ofMillis(100),
                () -> {
                    throw new IllegalStateException("HTTP 503 DOWN");
                }).get(10, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(TimeoutException.class)
                .rootCause()
                .hasMessageContaining("ingest-service readiness did not happen within 0 s")
                .hasMessageContaining("last problem: IllegalStateException: HTTP 503 DOWN");
    }
}
