package dev.safesend.platform;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Quarkus services the local platform runs, each a module of the reactor with its fixed local port (docs/architecture.md, "Interfaces"). */
public enum PlatformService {
    INGEST("ingest-service", "ingest", 8081),
    DISPATCH("dispatch-service", "dispatch", 8082),
    CONSENT("consent-service", "consent", 8083),
    HEALTH_MONITOR("health-monitor-service", "health-monitor", 8084),
    ANALYTICS("analytics-service", "analytics", 8085),
    CLOUD_API_SIMULATOR("cloud-api-simulator", "simulator", 8089);

    private final String module;
    private final String shortName;
    private final int fixedPort;

    PlatformService(String module, String shortName, int fixedPort) {
        this.module = module;
        this.shortName = shortName;
        this.fixedPort = fixedPort;
    }

    /** The reactor module (and folder) name, e.g. {@code ingest-service}; also the name used in logs and tables. */
    public String module() {
        return module;
    }

    public int fixedPort() {
        return fixedPort;
    }

    /** Where a Quarkus fast-jar build of this module puts its launcher. */
    public Path runnerJar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    /** Accepts the module name ({@code ingest-service}) or its short form ({@code ingest}, {@code simulator}). */
    public static PlatformService byName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (PlatformService service : values()) {
            if (service.module.equals(wanted) || service.shortName.equals(wanted)) {
                return service;
            }
        }
        throw new IllegalArgumentException("unknown service '" + name + "'; services are " + names());
    }

    /** The module names, comma separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(PlatformService::module).collect(Collectors.joining(", "));
    }
}
