package dev.safesend.ingest.component;

import dev.safesend.ingest.domain.project.Project;
import dev.safesend.ingest.service.UsageLimiter;
import dev.safesend.testsupport.SafesendInfraResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static dev.safesend.ingest.component.Ingest.register;
import static dev.safesend.ingest.component.Ingest.usage;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Quotas per project and rates per client, counted on the real Redis at ingest: 429 problem+json with Retry-After;
 * a batch counts its size, a refused item and an idempotent replay count nothing; usage is visible through the API.
 */
@QuarkusTest
class QuotaComponentTest {

    @Inject
    UsageLimiter limiter;

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String message(String project) {
        return "{\"recipient\":\"+263771234567\",\"project\":\"" + project + "\",\"category\":\"UTILITY\","
                + "\"template\":{\"name\":\"order_update\",\"language\":\"en_US\",\"bodyParameters\":[\"Tariro\",\"A-1\"]}}";
    }

    static String invalid(String project) {
        return "{\"recipient\":\"0771234567\",\"project\":\"" + project + "\",\"category\":\"UTILITY\",\"text\":{\"body\":\"hi\"}}";
    }

    static ValidatableResponse batch(String... items) {
        return Ingest.sendBatch("{\"messages\":[" + String.join(",", items) + "]}");
    }

    /** Seconds from now to the next UTC midnight, as Retry-After should say (within a little slack). */
    static long secondsToMidnight() {
        Instant midnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return Duration.between(Instant.now(), midnight).toSeconds();
    }

    @Test
    void theDailyQuotaRefusesTheMessageThatWouldPassItWith429AndRetryAfterToMidnight() {
        String p = fresh("quota");
        register(p, 3L, 100L);
        for (int i = 0; i < 3; i++) {
            Ingest.send(message(p)).statusCode(202);
        }
        ValidatableResponse refused = Ingest.send(message(p)).statusCode(429).contentType("application/problem+json")
                .body("status", equalTo(429)).body("code", equalTo("quota_exceeded_day")).body("project", equalTo(p))
                .body("limit", equalTo(3));
        long retryAfter = Long.parseLong(refused.extract().header("Retry-After"));
        assertThat(retryAfter).isBetween(secondsToMidnight() - 30, secondsToMidnight() + 30);

        usage(p).statusCode(200).body("source", equalTo("redis")).body("day.used", equalTo(3)).body("day.limit", equalTo(3))
                .body("day.remaining", equalTo(0)).body("month.used", equalTo(3)).body("month.limit", equalTo(100));
    }

    @Test
    void theMonthlyQuotaIsCheckedToo() {
        String p = fresh("month");
        register(p, null, 2L);
        batch(message(p), message(p)).statusCode(202);
        Ingest.send(message(p)).statusCode(429).body("code", equalTo("quota_exceeded_month"));
        usage(p).body("day.limit", nullValue()).body("day.used", equalTo(2)).body("month.remaining", equalTo(0));
    }

    @Test
    void aBatchCountsItsAcceptedMessagesAndIsRefusedWholeWhenItWouldPassTheQuota() {
        String p = fresh("batch");
        register(p, 5L, null);
        batch(message(p), message(p), invalid(p)).statusCode(202);
        usage(p).body("day.used", equalTo(2));
        batch(message(p), message(p), message(p), message(p)).statusCode(429).body("code", equalTo("quota_exceeded_day"));
        usage(p).body("day.used", equalTo(2));
        batch(message(p), message(p), message(p)).statusCode(202);
        usage(p).body("day.used", equalTo(5));
        Ingest.send(invalid(p)).statusCode(429);
    }

    @Test
    void anIdempotentReplayAndARefusedMessageCountNothing() {
        String p = fresh("replay");
        register(p, 10L, null);
        String key = "quota-" + UUID.randomUUID();
        Ingest.send(key, message(p)).statusCode(202);
        Ingest.send(key, message(p)).statusCode(202).header("Idempotent-Replayed", "true");
        Ingest.send(invalid(p)).statusCode(400);
        String batchKey = "quota-batch-" + UUID.randomUUID();
        given().auth().oauth2(Ingest.token("sender")).contentType(ContentType.JSON).header("Idempotency-Key", batchKey)
                .body("{\"messages\":[" + message(p) + "," + message(p) + "]}").when().post("/v1/messages:batch").then().statusCode(202);
        given().auth().oauth2(Ingest.token("sender")).contentType(ContentType.JSON).header("Idempotency-Key", batchKey)
                .body("{\"messages\":[" + message(p) + "," + message(p) + "]}").when().post("/v1/messages:batch").then().statusCode(202)
                .header("Idempotent-Replayed", "true");
        usage(p).body("day.used", equalTo(3)).body("month.used", equalTo(3));
    }

    @Test
    void aClientOverItsRequestsPerSecondGets429WithRetryAfterOneSecond() {
        String token = SafesendInfraResource.testKeys().token("rate-test", Duration.ofMinutes(5), "sender");
        // the limit is 2 a second for this client: some second will see a third request, refused before validation
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            int status = 0;
            for (int i = 0; i < 3; i++) {
                status = given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").when().post("/v1/messages")
                        .then().extract().statusCode();
            }
            return status == 429;
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var r = given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").when().post("/v1/messages").then();
            r.statusCode(429).contentType("application/problem+json").header("Retry-After", "1").body("code", equalTo("rate_limited"));
        });
        // another client is not limited by this one
        Ingest.send("{}").statusCode(400).body("errors.field", hasItem("recipient"));
    }

    /**
     * Not a timing assertion: prints what the limiter adds to a request (the README quotes it), once warmed up, with 1,
     * 8 and 32 callers at once: for each, the limiter decisions per second and the p50/p99 of one decision (a quota
     * reserve and settle, then a rate check), so the rate it adds ≤ 1 ms p99 at can be read off.
     */
    @Test
    void theLimitersAddedLatency() throws Exception {
        String p = fresh("bench");
        register(p, 10_000_000L, null);
        Project project = new Project(p, "bench", List.of("bench"), new Project.Quotas(10_000_000L, null), List.of());
        measure(project, 1, 2000); // warm-up: JIT and the Redis connections
        int total = 2000;
        for (int callers : new int[] {1, 8, 32}) {
            Measured m = measure(project, callers, 6000 / callers);
            total += 6000 / callers * callers;
            System.out.printf("limiter latency, %d caller(s), %d decisions (real Redis, warmed up): %.0f decisions/s;"
                            + " quota reserve+settle p50=%.3f ms p99=%.3f ms; rate check p50=%.3f ms p99=%.3f ms%n",
                    callers, m.quota().length, m.perSecond(), pct(m.quota(), 50), pct(m.quota(), 99), pct(m.rate(), 50), pct(m.rate(), 99));
        }
        usage(p).body("day.used", equalTo(total));
    }

    private record Measured(long[] quota, long[] rate, double perSecond) {
    }

    /** {@code callers} threads each make {@code each} quota and rate decisions; the latency of every one. */
    private Measured measure(Project project, int callers, int each) throws Exception {
        long[] quota = new long[callers * each];
        long[] rate = new long[callers * each];
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            long began = System.nanoTime();
            for (int c = 0; c < callers; c++) {
                int from = c * each;
                done.add(pool.submit(() -> {
                    for (int i = from; i < from + each; i++) {
                        long t0 = System.nanoTime();
                        try (UsageLimiter.Reservation r = limiter.reserve(project, 1)) {
                            r.accepted(1);
                        }
                        long t1 = System.nanoTime();
                        try {
                            limiter.admitRequest("bench-client-" + project.id() + "-" + Thread.currentThread().getId());
                        } catch (dev.safesend.ingest.domain.project.RateLimitedException overTheDefault500PerSecond) {
                            // counted and refused: the same work as an admitted request
                        }
                        quota[i] = t1 - t0;
                        rate[i] = System.nanoTime() - t1;
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            return new Measured(quota, rate, callers * each / seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }
}
