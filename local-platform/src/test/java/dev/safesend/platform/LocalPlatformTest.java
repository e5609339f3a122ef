package dev.safesend.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the launcher checks before it starts anything. */
class LocalPlatformTest {

    @TempDir
    Path dir;

    @Test
    void aMissingServiceJarFailsTheStartBeforeAnythingRunsNamingTheServiceAndItsPath() {
        Path repo = FakeRepository.create(dir.resolve("repo"), EnumSet.complementOf(EnumSet.of(PlatformService.ANALYTICS)));
        LocalPlatform platform = LocalPlatform.builder(repo).stateDir(dir.resolve("state")).randomPorts()
                .kafkaLibDir(fakeKafkaLib()).build();

        assertThatThrownBy(platform::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("service jar missing for analytics-service ("
                        + repo.resolve("analytics-service/target/quarkus-app/quarkus-run.jar") + ")")
                .hasMessageContaining("./mvnw -B -q install -DskipTests")
                .hasMessageNotContaining("ingest-service");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void missingKafkaJarsFailTheStartBeforeAnythingRuns() {
        Path repo = FakeRepository.create(dir.resolve("repo"), EnumSet.allOf(PlatformService.class));
        LocalPlatform platform = LocalPlatform.builder(repo).stateDir(dir.resolve("state")).randomPorts()
                .kafkaLibDir(dir.resolve("no-lib")).build();

        assertThatThrownBy(platform::start)
                .hasMessageContaining("no Kafka broker jars in " + dir.resolve("no-lib"))
                .hasMessageContaining("-pl local-platform package");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void aPortInUseFailsTheStartBeforeAnythingRunsNamingThePort() throws Exception {
        Path repo = FakeRepository.create(dir.resolve("repo"), EnumSet.allOf(PlatformService.class));
        try (ServerSocket taken = new ServerSocket(0)) {
            PlatformPorts random = PlatformPorts.randomFree();
            PlatformPorts ports = new PlatformPorts(random.kafka(), random.kafkaController(), taken.getLocalPort(),
                    random.redis(), random.services());
            LocalPlatform platform = LocalPlatform.builder(repo).stateDir(dir.resolve("state")).ports(ports)
                    .kafkaLibDir(fakeKafkaLib()).build();

            assertThatThrownBy(platform::start)
                    .isInstanceOf(PlatformPorts.PortInUseException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " (PostgreSQL) is already in use");
            assertThat(dir.resolve("state")).doesNotExist();
        }
    }

    @Test
    void aPortInUseNamesTheProcessesAnEarlierRunOfTheSameStateFolderLeftRunning() throws Exception {
        Path repo = FakeRepository.create(dir.resolve("repo"), EnumSet.allOf(PlatformService.class));
        StateFolder state = new StateFolder(dir.resolve("state"));
        long alive = ProcessHandle.current().pid();
        state.writePid("kafka", alive);
        state.writePid("ingest-service", Long.MAX_VALUE);
        try (ServerSocket taken = new ServerSocket(0)) {
            PlatformPorts random = PlatformPorts.randomFree();
            PlatformPorts ports = new PlatformPorts(taken.getLocalPort(), random.kafkaController(), random.postgres(),
                    random.redis(), random.services());
            LocalPlatform platform = LocalPlatform.builder(repo).stateDir(state.root()).ports(ports)
                    .kafkaLibDir(fakeKafkaLib()).build();

            assertThatThrownBy(platform::start)
                    .hasMessageContaining("port " + taken.getLocalPort() + " (Kafka) is already in use")
                    .hasMessageEndingWith("processes left running by an earlier run of " + state.root() + ": kafka pid " + alive);
        }
    }

    @Test
    void stateLivesUnderTheRepositoryByDefault() {
        LocalPlatform platform = LocalPlatform.builder(dir).build();

        assertThat(platform.state().root()).isEqualTo(dir.resolve(".safesend"));
        assertThat(platform.ports()).isEqualTo(PlatformPorts.fixed());
        assertThat(platform.services()).isEqualTo(EnumSet.allOf(PlatformService.class));
    }

    @Test
    void aPlatformStartsOnlyOnce() {
        LocalPlatform platform = LocalPlatform.builder(dir).randomPorts().services(List.of())
                .kafkaLibDir(dir.resolve("no-lib")).build();
        assertThatThrownBy(platform::start).hasMessageContaining("no Kafka broker jars");

        assertThatThrownBy(platform::start).hasMessage("this platform was already started");
    }

    private Path fakeKafkaLib() {
        try {
            Path lib = Files.createDirectories(dir.resolve("lib"));
            Files.createFile(lib.resolve("kafka_2.13-4.0.0.jar"));
            return lib;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
