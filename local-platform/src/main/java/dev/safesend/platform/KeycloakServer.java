package dev.safesend.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

/**
 * Keycloak, the local platform's identity provider with {@code ./safesend up --keycloak}: the
 * {@code org.keycloak:keycloak-quarkus-dist} archive that Maven unpacks into {@code local-platform/target/keycloak}, run
 * as a child JVM on Java 21 or newer ({@link #findJava}), with the realm of {@code keycloak/safesend-realm.json}
 * imported on first start into an H2 file database in the state folder ({@code <state>/keycloak}).
 *
 * <p>It runs the production start ({@code start --optimized}) of a distribution built once for the dev-file database
 * ({@code kc.sh build}, done by the first start and remembered by a marker in the unpacked distribution), with plain
 * HTTP on localhost and the hostname fixed to {@code http://localhost:PORT}, so every token's issuer is
 * {@link #realmUrl()} whoever asks. The java command is the one {@code bin/kc.sh} runs, with the state folder as
 * Keycloak's home (its data, the realm to import) so a test platform and {@code ./safesend up} never share one.
 */
public final class KeycloakServer {

    /** The Java feature version Keycloak 26 needs. */
    static final int MINIMUM_JAVA = 21;
    static final String REALM_RESOURCE = "keycloak/safesend-realm.json";
    static final Duration READINESS_TIMEOUT = Duration.ofSeconds(240);
    /** The master realm's first administrator (created with the database; local only): for the admin console and API. */
    public static final String BOOTSTRAP_ADMIN = "kcadmin";
    public static final String BOOTSTRAP_ADMIN_PASSWORD = "kcadmin-dev-password";
    /** The options the distribution is built with (kc.sh build); {@code start --optimized} needs the same. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--cache=local", "--health-enabled=false",
            "--metrics-enabled=false");
    private static final String BUILT_MARKER = ".safesend-built";

    private final Path distribution;
    private final Path java;
    private final Path home;
    private final Path log;
    private final int port;
    private ChildProcess process;

    private KeycloakServer(Path distribution, Path java, Path home, Path log, int port) {
        this.distribution = distribution;
        this.java = java;
        this.home = home;
        this.log = log;
        this.port = port;
    }

    /**
     * @param unpacked the folder Maven unpacks the distribution into ({@code local-platform/target/keycloak})
     * @throws IllegalStateException naming what is missing: the distribution (build it), or a Java 21+
     */
    static KeycloakServer prepare(Path unpacked, StateFolder state, int port) {
        return new KeycloakServer(findDistribution(unpacked), findJava(), state.root().resolve("keycloak"),
                state.log("keycloak"), port);
    }

    /** The {@code keycloak-<version>} folder holding {@code bin/kc.sh} under {@code unpacked}. */
    static Path findDistribution(Path unpacked) {
        try (Stream<Path> dirs = Files.isDirectory(unpacked) ? Files.list(unpacked) : Stream.empty()) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith("keycloak-"))
                    .filter(dir -> Files.isRegularFile(dir.resolve("lib").resolve("quarkus-run.jar")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no Keycloak distribution in " + unpacked
                            + "; build it with './mvnw -B -q -pl local-platform package' (Maven unpacks"
                            + " org.keycloak:keycloak-quarkus-dist there)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Java of at least version {@value #MINIMUM_JAVA} for Keycloak, first found of: {@code KEYCLOAK_JAVA_HOME}, the
     * Java running this launcher, {@code JAVA_HOME}, then the newest JDK under {@code /usr/lib/jvm}.
     */
    static Path findJava() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("KEYCLOAK_JAVA_HOME")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        candidates.add(Path.of(System.getProperty("java.home")));
        Optional.ofNullable(System.getenv("JAVA_HOME")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.filter(dir -> !Files.isSymbolicLink(dir))
                        .sorted(Comparator.comparingInt(KeycloakServer::javaVersion).reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return findJava(candidates);
    }

    static Path findJava(List<Path> homes) {
        for (Path home : homes) {
            Path executable = home.resolve("bin").resolve("java");
            if (javaVersion(home) >= MINIMUM_JAVA && Files.isExecutable(executable)) {
                return executable;
            }
        }
        throw new IllegalStateException("Keycloak needs Java " + MINIMUM_JAVA + " or newer and none was found (looked at "
                + homes + "); install one (e.g. Temurin 25) and point KEYCLOAK_JAVA_HOME at it");
    }

    /** The feature version in a Java home's {@code release} file (JAVA_VERSION="25.0.1"), 0 when unknown. */
    static int javaVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            props.load(in);
        } catch (IOException e) {
            return 0;
        }
        String version = props.getProperty("JAVA_VERSION", "").replace("\"", "").trim();
        String feature = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < feature.length() && Character.isDigit(feature.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(feature.substring(0, end));
    }

    /** {@code http://localhost:PORT}. */
    public URI url() {
        return URI.create("http://localhost:" + port);
    }

    /** The realm's URL: {@code quarkus.oidc.auth-server-url} of every service, and the issuer of its tokens. */
    public URI realmUrl() {
        return URI.create(url() + "/realms/" + KeycloakRealm.NAME);
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public Optional<Long> pid() {
        return Optional.ofNullable(process).map(ChildProcess::pid);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    int exitCode() {
        return process == null ? -1 : process.exitCode();
    }

    /**
     * Builds the distribution for the dev-file database if that was not done yet (once per unpacked distribution, about
     * half a minute), puts the realm where {@code --import-realm} finds it and starts the server.
     */
    void launch() {
        buildOnce();
        try {
            Path imports = home.resolve("data").resolve("import");
            Files.createDirectories(imports);
            Files.createDirectories(home.resolve("providers"));
            // Keycloak looks for the build's persisted configuration under <home>/lib (else it takes --optimized for a
            // first start that was never built): the distribution's lib, linked
            Path lib = home.resolve("lib");
            if (!Files.isSymbolicLink(lib) || !Files.readSymbolicLink(lib).equals(distribution.resolve("lib"))) {
                Files.deleteIfExists(lib);
                Files.createSymbolicLink(lib, distribution.resolve("lib"));
            }
            try (InputStream realm = KeycloakServer.class.getClassLoader().getResourceAsStream(REALM_RESOURCE)) {
                if (realm == null) {
                    throw new IllegalStateException(REALM_RESOURCE + " is not on the classpath");
                }
                Files.copy(realm, imports.resolve("safesend-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Keycloak's home " + home + ": " + e.getMessage(), e);
        }
        // --cache=local at run time too: else Keycloak 26 starts a JGroups cluster member (ports 7800, 57800 on every
        // interface, JDBC_PING discovery) although it was built for the local cache
        List<String> args = new ArrayList<>(List.of("start", "--optimized", "--import-realm", "--cache=local",
                "--http-enabled=true", "--http-port=" + port, "--hostname=" + url(),
                "--db-url=jdbc:h2:file:" + home.resolve("h2").resolve("keycloakdb") + ";NON_KEYWORDS=VALUE"));
        process = ChildProcess.start("keycloak", command(args), home, log, true, Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", BOOTSTRAP_ADMIN, "KC_BOOTSTRAP_ADMIN_PASSWORD", BOOTSTRAP_ADMIN_PASSWORD));
    }

    /** {@code kc.sh build} with {@link #BUILD_OPTIONS}, unless the marker says this distribution was built with them. */
    private void buildOnce() {
        Path marker = distribution.resolve(BUILT_MARKER);
        String wanted = String.join(" ", BUILD_OPTIONS);
        try {
            if (Files.isRegularFile(marker) && Files.readString(marker).trim().equals(wanted)) {
                return;
            }
            List<String> args = new ArrayList<>(List.of("build"));
            args.addAll(BUILD_OPTIONS);
            Path buildLog = log.resolveSibling("keycloak-build.log");
            ChildProcess build = ChildProcess.start("keycloak build", command(args), home, buildLog, false);
            if (!build.awaitExit(Duration.ofMinutes(5)) || build.exitCode() != 0) {
                build.stop(Duration.ofSeconds(5));
                throw new IllegalStateException("building Keycloak (kc.sh build " + wanted + ") failed; last lines of "
                        + buildLog + ":" + System.lineSeparator() + build.logTail(30));
            }
            Files.writeString(marker, wanted + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code bin/kc.sh} runs, with this state's home. */
    private List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "-Djava.util.concurrent.ForkJoinPool.common.threadFactory=io.quarkus.bootstrap.forkjoin.QuarkusForkJoinWorkerThreadFactory",
                "-XX:MetaspaceSize=96M", "-XX:MaxMetaspaceSize=256m", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
                "-Dstderr.encoding=UTF-8", "-XX:+ExitOnOutOfMemoryError", "-Djava.security.egd=file:/dev/urandom",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms64m", "-Xmx512m",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.base/java.security=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "-Duser.language=en", "-Duser.country=US",
                "-Dkc.home.dir=" + home, "-Djboss.server.config.dir=" + distribution.resolve("conf"),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Dpicocli.disable.closures=true",
                "-Dquarkus-log-max-startup-records=10000",
                "-cp", distribution.resolve("lib").resolve("quarkus-run.jar").toString(),
                "io.quarkus.bootstrap.runner.QuarkusEntryPoint"));
        command.addAll(args);
        return command;
    }

    /** Completes when the realm's discovery document answers 200; fails when Keycloak exits or the timeout passes. */
    CompletableFuture<URI> awaitReady(ScheduledExecutorService scheduler, HttpClient http, Duration timeout) {
        URI discovery = URI.create(realmUrl() + "/.well-known/openid-configuration");
        HttpRequest request = HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(2)).GET().build();
        return Polling.until(scheduler, "Keycloak readiness", Duration.ofMillis(500), timeout, () -> {
            if (!process.isAlive()) {
                throw new Polling.GiveUp("Keycloak exited with code " + process.exitCode() + " during startup; last lines of "
                        + log + ":" + System.lineSeparator() + process.logTail(40));
            }
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                return Optional.of(realmUrl());
            }
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + discovery);
        });
    }

    /** SIGTERM, then kill after the grace period. Idempotent. */
    void stop(Duration grace) {
        if (process != null) {
            process.stop(grace);
        }
    }

    /** The system properties that point a service at this realm instead of the dev key. */
    Map<String, String> serviceProperties() {
        return Map.of("quarkus.oidc.auth-server-url", realmUrl().toString(),
                "quarkus.oidc.token.issuer", realmUrl().toString());
    }
}
