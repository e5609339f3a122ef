package dev.safesend.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one folder holding everything the local platform keeps between runs ({@code <repo>/.safesend/}
 * by default, outside git):
 * <pre>
 * keys/                 dev signing key pair (DevKeys)
 * secrets.properties    webhook app secret, verify token, Cloud API access token
 * kafka/                server.properties, log4j2.properties, cluster.id, data/
 * postgres/             PostgreSQL data directory
 * services/&lt;module&gt;/    working directory of each service JVM
 * logs/                 kafka.log, &lt;module&gt;.log, launcher.log, …
 * pids/                 &lt;name&gt;.pid of each child JVM while it runs (to name leftovers after a crash)
 * </pre>
 */
public record StateFolder(Path root) {

    public static final String DEFAULT_NAME = ".safesend";

    public StateFolder {
        root = root.toAbsolutePath().normalize();
    }

    public static StateFolder inRepo(Path repoRoot) {
        return new StateFolder(repoRoot.resolve(DEFAULT_NAME));
    }

    public Path keys() {
        return root.resolve("keys");
    }

    public Path secretsFile() {
        return root.resolve("secrets.properties");
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path kafkaData() {
        return kafka().resolve("data");
    }

    public Path postgresData() {
        return root.resolve("postgres");
    }

    public Path serviceWorkDir(PlatformService service) {
        return root.resolve("services").resolve(service.module());
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String name) {
        return logs().resolve(name + ".log");
    }

    public Path pids() {
        return root.resolve("pids");
    }

    /** Holds the realm URL while a platform started with --keycloak runs, so {@code ./safesend token} asks it. */
    public Path keycloakUrlFile() {
        return root.resolve("keycloak-realm.url");
    }

    /** The realm URL of the running platform's Keycloak, if it runs one. */
    public java.util.Optional<java.net.URI> keycloakUrl() {
        try {
            return Files.isRegularFile(keycloakUrlFile())
                    ? java.util.Optional.of(java.net.URI.create(Files.readString(keycloakUrlFile()).trim()))
                    : java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + keycloakUrlFile(), e);
        }
    }

    void writeKeycloakUrl(java.net.URI realmUrl) {
        try {
            Files.writeString(keycloakUrlFile(), realmUrl + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + keycloakUrlFile(), e);
        }
    }

    void removeKeycloakUrl() {
        try {
            Files.deleteIfExists(keycloakUrlFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writePid(String name, long pid) {
        try {
            Files.createDirectories(pids());
            Files.writeString(pids().resolve(name + ".pid"), Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pids().resolve(name + ".pid"), e);
        }
    }

    void removePid(String name) {
        try {
            Files.deleteIfExists(pids().resolve(name + ".pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "kafka pid 123, ingest-service pid 456" for pid files whose process still runs; empty if none. */
    String livePids() {
        if (!Files.isDirectory(pids())) {
            return "";
        }
        try (java.util.stream.Stream<Path> files = Files.list(pids())) {
            return files.sorted().map(file -> {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                try {
                    long pid = Long.parseLong(Files.readString(file).trim());
                    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                            .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(true))
                            .map(p -> name + " pid " + pid).orElse(null);
                } catch (IOException | NumberFormatException e) {
                    return null;
                }
            }).filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.joining(", "));
        } catch (IOException e) {
            return "";
        }
    }

    /** Creates the folder and its logs subfolder. */
    public StateFolder create() {
        try {
            Files.createDirectories(logs());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create state folder " + root, e);
        }
    }
}
