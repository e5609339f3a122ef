package dev.safesend.platform;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformPortsTest {

    @Test
    void fixedPortsAreTheDocumentedLocalLayout() {
        PlatformPorts ports = PlatformPorts.fixed();

        assertThat(ports.kafka()).isEqualTo(9092);
        assertThat(ports.kafkaController()).isEqualTo(9093);
        assertThat(ports.postgres()).isEqualTo(5432);
        assertThat(ports.redis()).isEqualTo(6379);
        assertThat(ports.services()).containsExactlyInAnyOrderEntriesOf(Map.of(
                PlatformService.INGEST, 8081, PlatformService.DISPATCH, 8082, PlatformService.CONSENT, 8083,
                PlatformService.HEALTH_MONITOR, 8084, PlatformService.ANALYTICS, 8085,
                PlatformService.CLOUD_API_SIMULATOR, 8089));
    }

    @Test
    void randomPortsAreDistinctAndFreeEveryTime() {
        for (int i = 0; i < 5; i++) {
            PlatformPorts ports = PlatformPorts.randomFree();
            List<Integer> all = new ArrayList<>(ports.named(EnumSet.allOf(PlatformService.class)).values());

            assertThat(all).hasSize(10).doesNotHaveDuplicates().allMatch(PlatformPorts::isFree);
        }
    }

    @Test
    void portAlreadyInUseFailsNamingThePortAndWhatNeedsIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            PlatformPorts random = PlatformPorts.randomFree();
            PlatformPorts ports = new PlatformPorts(random.kafka(), random.kafkaController(), random.postgres(),
                    taken.getLocalPort(), random.services());

            assertThatThrownBy(() -> ports.requireFree(EnumSet.allOf(PlatformService.class)))
                    .isInstanceOf(PlatformPorts.PortInUseException.class)
                    .hasMessageStartingWith("port " + taken.getLocalPort() + " (Redis) is already in use");
        }
    }

    @Test
    void aServicePortInUseIsIgnoredWhenThatServiceIsNotStarted() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            PlatformPorts random = PlatformPorts.randomFree();
            Map<PlatformService, Integer> services = new EnumMap<>(random.services());
            services.put(PlatformService.ANALYTICS, taken.getLocalPort());
            PlatformPorts ports = new PlatformPorts(random.kafka(), random.kafkaController(), random.postgres(),
                    random.redis(), services);

            ports.requireFree(EnumSet.of(PlatformService.INGEST));
            assertThatThrownBy(() -> ports.requireFree(EnumSet.of(PlatformService.ANALYTICS)))
                    .hasMessageContaining("(analytics-service)");
        }
    }

    @Test
    void thePlatformRefusesTwoPartsOnOnePort() {
        PlatformPorts fixed = PlatformPorts.fixed();

        assertThatThrownBy(() -> new PlatformPorts(9092, 9092, 5432, 6379, fixed.services()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct");
    }
}
