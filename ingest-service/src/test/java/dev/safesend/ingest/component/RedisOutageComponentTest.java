package dev.safesend.ingest.component;

import dev.safesend.testsupport.RedisOutage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static dev.safesend.ingest.component.Ingest.register;
import static dev.safesend.ingest.component.Ingest.usage;
import static dev.safesend.ingest.component.QuotaComponentTest.message;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * Redis stopped mid-run (the README's "When Redis is down"): the send path goes on; a project's quota still holds,
 * checked against PostgreSQL's count of its accepted messages; the instance stays ready and says it decides
 * locally; when Redis is back (empty, as after a restart) its counters are seeded from PostgreSQL and counting goes on.
 */
@QuarkusTest
class RedisOutageComponentTest {

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    private static String limiterMode() {
        return RestAssured.given().when().get("/q/health/ready").then().statusCode(200).extract()
                .path("checks.find { it.name == 'Usage limiter' }.data.redis");
    }

    @Test
    void quotasHoldAndSendsGoOnWhileRedisIsDownAndCountingResumesWhenItIsBack() {
        String limited = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        String unlimited = "outage-free-" + UUID.randomUUID().toString().substring(0, 8);
        register(limited, 5L, null);
        register(unlimited, null, null);
        Ingest.send(message(limited)).statusCode(202);
        Ingest.send(message(limited)).statusCode(202);
        usage(limited).body("source", equalTo("redis")).body("day.used", equalTo(2));

        int port = RedisOutage.portOf(ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class));
        try (RedisOutage outage = RedisOutage.start(port)) {
            // the send path goes on: three more fit the quota of five, counted against PostgreSQL
            for (int i = 0; i < 3; i++) {
                Ingest.send(message(limited)).statusCode(202);
            }
            // the limit is not lost: the sixth is refused
            Ingest.send(message(limited)).statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("code", equalTo("quota_exceeded_day"));
            // a project without quotas is not stopped, nor is a batch
            Ingest.send(message(unlimited)).statusCode(202);
            Ingest.sendBatch("{\"messages\":[" + message(unlimited) + "," + message(unlimited) + "]}").statusCode(202);
            usage(limited).body("source", equalTo("postgresql")).body("day.used", equalTo(5));
            // ready, and saying which mode holds
            org.assertj.core.api.Assertions.assertThat(limiterMode()).isEqualTo("DOWN");
            RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                    .body(org.hamcrest.Matchers.containsString("ingest_limiter_redis_available 0.0"));
        }

        // Redis is back, empty: the day's counter is seeded from PostgreSQL and the limit still holds
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> usage(limited).body("source", equalTo("redis")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Ingest.send(message(limited)).statusCode(429);
            usage(limited).body("source", equalTo("redis")).body("day.used", equalTo(5));
        });
        // counting resumes on Redis: the unlimited project's messages of the outage are in its seeded count
        Ingest.send(message(unlimited)).statusCode(202);
        usage(unlimited).body("source", equalTo("redis")).body("day.used", equalTo(4));
        org.assertj.core.api.Assertions.assertThat(limiterMode()).isEqualTo("UP");
        RestAssured.given().when().get("/q/metrics").then()
                .body(org.hamcrest.Matchers.containsString("ingest_limiter_redis_available 1.0"));
    }
}
