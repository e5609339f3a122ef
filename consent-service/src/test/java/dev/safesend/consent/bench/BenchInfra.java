package dev.safesend.consent.bench;

import dev.safesend.testsupport.DevKeys;
import dev.safesend.testsupport.EmbeddedKafka;
import dev.safesend.testsupport.EmbeddedPostgresServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts what consent-service needs for the benchmark when no local platform is running: an in-process Kafka and an
 * embedded PostgreSQL on random ports. Writes {@code target/bench.env} (the -D options for the service jar and a
 * one-hour admin token) and runs until killed.
 */
public final class BenchInfra {

    private BenchInfra() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
        EmbeddedKafka kafka = EmbeddedKafka.start(3);
        DevKeys keys = DevKeys.loadOrCreate(Path.of("target", "test-keys"));
        String options = "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers()
                + " -Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl()
                + " -Dquarkus.oidc.public-key=" + keys.publicKeyBase64()
                + " -Dquarkus.oidc.token.issuer=" + DevKeys.ISSUER;
        Files.writeString(Path.of("target", "bench.env"), "SERVICE_OPTS='" + options + "'\nTOKEN='" + keys.token("admin") + "'\n");
        System.out.println("infrastructure up; wrote target/bench.env");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            postgres.close();
        }));
        new CountDownLatch(1).await();
    }
}
