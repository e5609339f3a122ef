package dev.safesend.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ChildProcessTest {

    @TempDir
    Path dir;

    @Test
    void outputGoesToTheLogAndAnEarlierLogIsKeptOnce() throws Exception {
        Path log = dir.resolve("logs").resolve("svc.log");
        ChildProcess first = ChildProcess.start("svc", List.of("sh", "-c", "echo first run; echo oops >&2"), dir.resolve("work"), log);
        assertThat(first.awaitExit(Duration.ofSeconds(10))).isTrue();
        ChildProcess second = ChildProcess.start("svc", List.of("sh", "-c", "echo second run"), dir.resolve("work"), log);
        assertThat(second.awaitExit(Duration.ofSeconds(10))).isTrue();

        assertThat(Files.readString(log)).isEqualTo("second run\n");
        assertThat(Files.readString(dir.resolve("logs").resolve("svc.previous.log"))).isEqualTo("first run\noops\n");
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledAfterTheGracePeriod() {
        ChildProcess stubborn = ChildProcess.start("stubborn", List.of("sh", "-c", "trap '' TERM; echo started; while true; do sleep 1; done"),
                dir, dir.resolve("stubborn.log"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(dir.resolve("stubborn.log")).content().contains("started"));

        long begin = System.nanoTime();
        stubborn.stop(Duration.ofMillis(500));

        assertThat(stubborn.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aProcessThatHonoursSigtermStopsPolitely() {
        ChildProcess polite = ChildProcess.start("polite", List.of("sh", "-c", "trap 'echo bye; exit 0' TERM; echo started; while true; do sleep 0.1; done"),
                dir, dir.resolve("polite.log"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(dir.resolve("polite.log")).content().contains("started"));

        polite.stop(Duration.ofSeconds(10));

        assertThat(polite.exitCode()).isZero();
        assertThat(dir.resolve("polite.log")).content().contains("bye");
    }

    @Test
    void theLogTailIsTheLastLines() throws Exception {
        Path log = dir.resolve("long.log");
        Files.writeString(log, IntStream.rangeClosed(1, 5000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\n");

        assertThat(ChildProcess.logTail(log, 3)).isEqualTo(String.join(System.lineSeparator(), "line 4998", "line 4999", "line 5000"));
        assertThat(ChildProcess.logTail(dir.resolve("absent.log"), 3)).startsWith("(no log at ");
    }
}
