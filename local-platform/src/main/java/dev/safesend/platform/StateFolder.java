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
