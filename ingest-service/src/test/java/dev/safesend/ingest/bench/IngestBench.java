package dev.safesend.ingest.bench;

import dev.safesend.ingest.component.FakeCloudApiResource;
import dev.safesend.ingest.domain.WebhookSignature;
import dev.safesend.testsupport.DevKeys;
import dev.safesend.testsupport.EmbeddedKafka;
import dev.safesend.testsupport.EmbeddedPostgresServer;
import dev.safesend.testsupport.bench.CpuMeter;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;

/**
 * Benchmarks ingest over loopback against real servers, with no Quarkus test harness: starts the in-process
 * Kafka (3 partitions) and embedded PostgreSQL of test-support and a recorded Cloud API template listing, launches
 * the packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a child JVM, then drives bounded workloads
 * with a fixed number of concurrent clients and prints requests/s and latency percentiles:
 * <ul>
 *   <li>{@code single}: POST /v1/messages (template, distinct recipients);</li>
 *   <li>{@code batch}: POST /v1/messages:batch of 100 and of 1,000 messages;</li>
 *   <li>{@code webhook}: signed POST /webhooks/whatsapp with 50 and with 1 status update per delivery
 *       (status updates/s and ack latency: the 200 is sent once Kafka acknowledged).</li>
 * </ul>
 * Sizes scale with {@code -Dbench.scale=1.0}; {@code -Dbench.workloads=webhook} runs only the workloads whose name
 * contains one of the given words (comma-separated: single, batch, webhook); {@code -Dbench.service-jvm-args="…"}
 * adds JVM options to the service (e.g. {@code -XX:StartFlightRecording=…} to profile it). See the README's
 * "Benchmarks" for the command and recorded figures.
 */
public final class IngestBench {

    private static final String APP_SECRET = "bench-app-secret";
    private static final double SCALE = Double.parseDouble(System.getProperty("bench.scale", "1.0"));
    private static final List<String> WORKLOADS = List.of(System.getProperty("bench.workloads", "single,batch,webhook").split(","));
    private static final String SERVICE_JVM_ARGS = System.getProperty("bench.service-jvm-args", "");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String base;
    private String token;
    private CpuMeter cpu;

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int status = 0;
        try {
            new IngestBench().run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // the embedded servers leave non-daemon threads behind
    }

    private void run() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the service first: ./mvnw -pl ingest-service package -DskipTests");
        }
        Path work = Files.createDirectories(Path.of("target", "bench"));
        DevKeys keys = DevKeys.loadOrCreate(work.resolve("keys"));
        token = keys.token("bench-sender", Duration.ofHours(2), "sender", "admin");
        FakeCloudApiResource cloudApi = new FakeCloudApiResource();
        Process service = null;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(3); EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
             dev.safesend.testsupport.EmbeddedRedisServer redis = dev.safesend.testsupport.EmbeddedRedisServer.start(0)) {
            Map<String, String> cloud = cloudApi.start();
            int port = freePort();
            base = "http://127.0.0.1:" + port;
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx1g",
                    // unprofiled (local) defaults: the packaged jar would otherwise run %prod and want the environment
                    "-Dquarkus.profile=bench",
                    "-Dquarkus.http.port=" + port,
                    "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                    "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
                    "-Dquarkus.datasource.username=" + EmbeddedPostgresServer.USER,
                    "-Dquarkus.datasource.password=" + EmbeddedPostgresServer.PASSWORD,
                    "-Dquarkus.redis.hosts=" + redis.url(),
                    // the bench's one client sends far more than a client's default 500 requests a second
                    "-Dsafesend.ingest.tenancy.rate-limit.clients.bench-sender=0",
                    "-Dquarkus.oidc.public-key=" + keys.publicKeyBase64(),
                    "-Dquarkus.oidc.token.issuer=" + DevKeys.ISSUER,
                    "-Dquarkus.rest-client.cloud-api.url=" + cloud.get("quarkus.rest-client.cloud-api.url"),
                    "-Dsafesend.ingest.webhook.app-secret=" + APP_SECRET,
                    "-Dsafesend.ingest.routing.pools.bench=120000000000001,120000000000002,120000000000003,120000000000004"));
            if (!SERVICE_JVM_ARGS.isBlank()) {
                command.addAll(List.of(SERVICE_JVM_ARGS.strip().split("\\s+")));
            }
            command.add("-jar");
            command.add(jar.toString());
            service = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("service.log").toFile()).start();
            awaitReady(service);
            Map<String, Long> trees = new LinkedHashMap<>();
            trees.put("ingest", service.pid());
            trees.put("postgres", CpuMeter.postmaster(postgres.port()));
            trees.put("redis", CpuMeter.redis(redis.port()));
            cpu = new CpuMeter(trees);
            post("/v1/templates:sync", "", true);
            System.out.printf(Locale.ROOT, "ingest-service up on %s (log: %s); cores=%d scale=%.2f%n", base,
                    work.resolve("service.log"), Runtime.getRuntime().availableProcessors(), SCALE);

            // warm-up: JIT, pools, Kafka producer metadata and ids
            if (runs("single") || runs("batch")) {
                scenario("warm-up single", n(2000), 16, 1, this::single);
            }
            if (runs("webhook")) {
                scenario("warm-up webhook", n(300), 8, 50, i -> webhook(i + 900_000, 50));
            }

            List<String> results = new ArrayList<>();
            if (runs("single")) {
                results.add(scenario("POST /v1/messages", n(20000), 32, 1, this::single));
            }
            if (runs("batch")) {
                results.add(scenario("POST /v1/messages:batch (100)", n(300), 4, 100, i -> batch(i, 100)));
                results.add(scenario("POST /v1/messages:batch (1000)", n(30), 2, 1000, i -> batch(i + 100_000, 1000)));
            }
            if (runs("webhook")) {
                results.add(scenario("POST /webhooks/whatsapp (50 statuses)", n(2000), 16, 50, i -> webhook(i, 50)));
                results.add(scenario("POST /webhooks/whatsapp (50 statuses, 8 clients)", n(2000), 8, 50, i -> webhook(i + 300_000, 50)));
                results.add(scenario("POST /webhooks/whatsapp (1 status)", n(10000), 32, 1, i -> webhook(i + 500_000, 1)));
                // the issue's target point: 10,000 status updates/s (200 deliveries/s × 50), open loop
                results.add(scenario("POST /webhooks/whatsapp (50 statuses, paced 10,000 updates/s)", n(4000), 32, 50,
                        i -> webhook(i + 700_000, 50), 200));
            }
            System.out.println();
            System.out.println("CPU µs per item (a message or a status update), per process: ingest's JVM, PostgreSQL (postmaster"
                    + " and backends), Redis, the Kafka broker (in this JVM), this bench's clients; 'host' is the whole machine.");
            System.out.println("| workload | requests | concurrency | requests/s | items/s | p50 ms | p99 ms | max ms | non-2xx "
                    + "| CPU µs/item: ingest | postgres | redis | kafka | bench | host |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            results.forEach(System.out::println);
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor();
            }
            cloudApi.stop();
        }
    }

    private static boolean runs(String workload) {
        return WORKLOADS.stream().anyMatch(w -> w.strip().equals(workload));
    }

    private static int n(int count) {
        return Math.max(1, (int) Math.round(count * SCALE));
    }

    /** One request of a workload: its HTTP status. */
    private interface Call {
        int apply(int index) throws Exception;
    }

    private String scenario(String name, int requests, int concurrency, int itemsPerRequest, Call call) throws Exception {
        return scenario(name, requests, concurrency, itemsPerRequest, call, 0);
    }

    /**
     * @param requestsPerSecond 0 = as fast as the clients go (closed loop); otherwise request i is due at start + i/rate
     *                          (open loop) and its latency counts from when it was due, so falling behind shows up
     */
    private String scenario(String name, int requests, int concurrency, int itemsPerRequest, Call call, double requestsPerSecond)
            throws Exception {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency, r -> new Thread(r, "bench-client-" + threadNo.incrementAndGet()));
        Map<String, Double> cpuBefore = cpu.snapshot();
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            running.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    if (requestsPerSecond > 0) {
                        long due = start + (long) (i * 1e9 / requestsPerSecond);
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        t0 = due;
                    }
                    int status;
                    try {
                        status = call.apply(i);
                    } catch (Exception e) {
                        status = -1;
                    }
                    latencies[i] = System.nanoTime() - t0;
                    if (status < 200 || status > 299) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cpuAfter = cpu.snapshot();
        double items = requests * (double) itemsPerRequest;
        ToDoubleFunction<String> usPerItem = part -> (cpuAfter.get(part) - cpuBefore.get(part)) * 1e6 / items;
        Arrays.sort(latencies);
        String row = String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.0f | %.1f | %.1f | %.1f | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |",
                name, requests, concurrency, requests / seconds, items / seconds, ms(latencies, 0.50), ms(latencies, 0.99),
                latencies[latencies.length - 1] / 1e6, failed.get(), usPerItem.applyAsDouble("ingest"), usPerItem.applyAsDouble("postgres"),
                usPerItem.applyAsDouble("redis"), usPerItem.applyAsDouble("kafka broker"), usPerItem.applyAsDouble("bench driver"),
                usPerItem.applyAsDouble("host total"));
        System.out.println(row);
        return row;
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private int single(int i) throws Exception {
        return post("/v1/messages", message(i, "school"), true);
    }

    private int batch(int i, int size) throws Exception {
        StringBuilder body = new StringBuilder("{\"messages\":[");
        for (int k = 0; k < size; k++) {
            body.append(k == 0 ? "" : ",").append(message(i * size + k + 1_000_000, "bench"));
        }
        return post("/v1/messages:batch", body.append("]}").toString(), true);
    }

    private static String message(int i, String project) {
        return "{\"recipient\":\"+2637" + String.format("%08d", 70_000_000 + (i % 29_000_000)) + "\",\"project\":\"" + project
                + "\",\"category\":\"UTILITY\",\"template\":{\"name\":\"order_update\",\"language\":\"en_US\","
                + "\"bodyParameters\":[\"Tariro\",\"A-" + i + "\"]}}";
    }

    private int webhook(int i, int statuses) throws Exception {
        StringBuilder list = new StringBuilder();
        for (int k = 0; k < statuses; k++) {
            list.append(k == 0 ? "" : ",").append("{\"id\":\"wamid.BENCH").append(i).append('.').append(k)
                    .append("\",\"status\":\"delivered\",\"timestamp\":\"1750263773\",\"recipient_id\":\"263771234567\",")
                    .append("\"biz_opaque_callback_data\":\"msg-").append(i).append('-').append(k).append("\",")
                    .append("\"pricing\":{\"billable\":true,\"pricing_model\":\"PMP\",\"type\":\"regular\",\"category\":\"utility\"}}");
        }
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"100000000000001\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550000001\","
                + "\"phone_number_id\":\"110000000000001\"},\"statuses\":[" + list + "]}}]}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/webhooks/whatsapp")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", WebhookSignature.sign(bytes, APP_SECRET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int post(String path, String json, boolean authorised) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorised) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void awaitReady(Process service) {
        Awaitility.await("ingest-service ready (see target/bench/service.log)").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .failFast("ingest-service exited (see target/bench/service.log)", () -> !service.isAlive())
                .until(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
