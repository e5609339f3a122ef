package dev.safesend.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts real Kafka (in-process KRaft), PostgreSQL and Redis on random ports and points the
 * service under test at them, with the dev token keys. Use it from any service's tests with
 * one annotation on any one test class (it then serves the whole module's test run):
 * <pre>{@code @QuarkusTestResource(SafesendInfraResource.class)}</pre>
 * Init args {@code kafka}, {@code postgres}, {@code redis} = "false" leave one out.
 */
public class SafesendInfraResource implements QuarkusTestResourceLifecycleManager {

    /** Where tests find the signing keys: see {@link #testKeys()}. */
    public static final Path KEYS_DIR = Path.of("target", "test-keys");

    private boolean withKafka = true;
    private boolean withPostgres = true;
    private boolean withRedis = true;
    private EmbeddedKafka kafka;
    private EmbeddedPostgresServer postgres;
    private EmbeddedRedisServer redis;

    @Override
    public void init(Map<String, String> initArgs) {
        withKafka = !"false".equals(initArgs.get("kafka"));
        withPostgres = !"false".equals(initArgs.get("postgres"));
        withRedis = !"false".equals(initArgs.get("redis"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        if (withKafka) {
            kafka = EmbeddedKafka.start(3);
            config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        }
        if (withPostgres) {
            postgres = EmbeddedPostgresServer.start();
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
            config.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
            config.put("quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
        }
        if (withRedis) {
            redis = EmbeddedRedisServer.start(0);
            config.put("quarkus.redis.hosts", redis.url());
        }
        config.put("quarkus.oidc.public-key", testKeys().publicKeyBase64());
        config.put("quarkus.oidc.token.issuer", DevKeys.ISSUER);
        return config;
    }

    /** The keys that sign test tokens: {@code SafesendInfraResource.testKeys().token("admin")}. */
    public static DevKeys testKeys() {
        return DevKeys.loadOrCreate(KEYS_DIR);
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
