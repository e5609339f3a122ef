package dev.safesend.dispatch.bench;

import dev.safesend.testsupport.bench.CpuMeter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.dispatch.bench.MessageEventReader.Run;
import dev.safesend.dispatch.bench.MessageEventReader.Submitted;
import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.common.TemplateContent;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.DevKeys;
import dev.safesend.testsupport.EmbeddedKafka;
import dev.safesend.testsupport.EmbeddedPostgresServer;
import dev.safesend.testsupport.QuarkusAppProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Benchmarks dispatch's send path against the Cloud API simulator over loopback, with no Quarkus test harness:
 * starts test-support's in-process Kafka (12 partitions) and embedded PostgreSQL, launches the packaged simulator and
 * the packaged dispatch as child JVMs ({@link QuarkusAppProcess}), registers N senders at the configured rate
 * (each on its own partition), writes the recipients' consent (OPTED_IN, UTILITY) straight into dispatch's
 * projection tables, then per workload:
 * <ol>
 *   <li>produces a backlog of {@code backlog-seconds × mps} UTILITY template messages per sender to
 *       {@code wa.outbound.bulk.v1} (distinct recipients, so the 6 s pair limit never applies);</li>
 *   <li>while that backlog saturates every sender, produces {@code urgent-per-second} messages per sender to
 *       {@code wa.outbound.urgent.v1};</li>
 *   <li>reads dispatch's SUBMITTED events on {@code wa.message-events.v1} and the simulator's {@code GET /sim/ledger}.</li>
 * </ol>
 * It prints, per workload: messages/s per sender and in total while backlogged (ramp and tail left out),
 * achieved/configured rate, urgent p50/p99 (SUBMITTED statusAt − produce time) under bulk saturation, the
 * simulator's 130429 count, other outcomes and the CPU each part used. Workloads ({@code -Dbench.workloads}):
 * {@code zero} (N senders, no added latency), {@code latency} (same, simulator adds 100 ms to every call),
 * {@code single} (1 sender, no added latency); a short zero-latency warm-up runs first.
 * Knobs: {@code -Dbench.scale=1.0} (scales the backlog), {@code -Dbench.senders=10}, {@code -Dbench.mps=1000},
 * {@code -Dbench.backlog-seconds=20}, {@code -Dbench.urgent-per-second=20}, {@code -Dbench.latency-ms=100},
 * {@code -Dbench.dispatch-jvm-args="…"} (e.g. {@code -XX:StartFlightRecording=…}), {@code -Dbench.simulator-jvm-args="…"},
 * {@code -Dbench.dispatch-props="k=v,…"}
 * (extra dispatch configuration, e.g. {@code safesend.dispatch.pacing.threads=2}). See the README's "Benchmarks".
 */
public final class DispatchBench {

    private static final double SCALE = Double.parseDouble(System.getProperty("bench.scale", "1.0"));
    private static final List<String> WORKLOADS = List.of(System.getProperty("bench.workloads", "zero,latency,single").split(","));
    private static final int PARTITIONS = Integer.getInteger("bench.partitions", 12);
    private static final int SENDERS = Integer.getInteger("bench.senders", 10);
    private static final int MPS = Integer.getInteger("bench.mps", 1000);
    private static final double BACKLOG_SECONDS = Double.parseDouble(System.getProperty("bench.backlog-seconds", "20")) * SCALE;
    private static final int URGENT_PER_SECOND = Integer.getInteger("bench.urgent-per-second", 20);
    private static final int LATENCY_MS = Integer.getInteger("bench.latency-ms", 100);
    private static final String DISPATCH_JVM_ARGS = System.getProperty("bench.dispatch-jvm-args", "");
    private static final String DISPATCH_PROPS = System.getProperty("bench.dispatch-props", "");
    private static final String SIMULATOR_JVM_ARGS = System.getProperty("bench.simulator-jvm-args", "");
    private static final String PROJECT = "bench";
    /** Left out at the start of each sender's backlogged window (pacing loop and consumer ramp). */
    private static final long RAMP_MILLIS = 2000;
    /** Left out at the end (the last partial second). */
    private static final long TAIL_MILLIS = 1000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final AvroSerializer avro = new AvroSerializer();
    private final List<String> senderIds = new ArrayList<>();
    private final List<String> summaryRows = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();
    private long nextRecipient;
    private String jdbcUrl;
    private QuarkusAppProcess simulator;
    private KafkaProducer<String, byte[]> producer;
    private MessageEventReader events;
    private CpuMeter cpu;

    private DispatchBench() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            new DispatchBench().run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // the embedded servers leave non-daemon threads behind
    }

    /** One workload: how many of the senders, and the latency the simulator adds to every call. */
    private record Workload(String name, int senders, int latencyMs, boolean measured) {
    }

    private void run() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "bench"));
        DevKeys keys = DevKeys.loadOrCreate(work.resolve("keys"));
        String adminToken = keys.token("bench-admin", Duration.ofHours(2), "admin");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(PARTITIONS); EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start()) {
            jdbcUrl = postgres.jdbcUrl();
            pickSenders();
            Map<String, String> simProps = new LinkedHashMap<>();
            simProps.put("safesend.simulator.webhook.enabled", "false");
            senderIds.forEach(id -> simProps.put("safesend.simulator.throughput.\"" + id + "\"", String.valueOf(MPS)));
            simulator = QuarkusAppProcess.start("cloud-api-simulator", simProps, jvmArgs(SIMULATOR_JVM_ARGS), Duration.ofSeconds(90));
            Map<String, String> props = new LinkedHashMap<>();
            props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            props.put("quarkus.datasource.jdbc.url", jdbcUrl);
            props.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
            props.put("quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
            props.put("quarkus.oidc.public-key", keys.publicKeyBase64());
            props.put("quarkus.oidc.token.issuer", DevKeys.ISSUER);
            props.put("safesend.dispatch.cloud-api.base-url", simulator.url());
            props.put("quarkus.rest-client.cloud-api.url", simulator.url());
            props.put("safesend.dispatch.opt-out-path.intake.enabled", "false"); // no ingest beats here
            for (String kv : DISPATCH_PROPS.split(",")) {
                if (kv.contains("=")) {
                    props.put(kv.substring(0, kv.indexOf('=')).strip(), kv.substring(kv.indexOf('=') + 1).strip());
                }
            }
            try (QuarkusAppProcess dispatch = QuarkusAppProcess.start("dispatch-service", props, jvmArgs(DISPATCH_JVM_ARGS),
                    Duration.ofSeconds(120))) {
                Map<String, Long> trees = new LinkedHashMap<>();
                trees.put("dispatch", CpuMeter.childJvm("dispatch-service"));
                trees.put("simulator", CpuMeter.childJvm("cloud-api-simulator"));
                trees.put("postgres", CpuMeter.postmaster(postgres.port()));
                cpu = new CpuMeter(trees);
                producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.BATCH_SIZE_CONFIG, 262_144, ProducerConfig.CLIENT_ID_CONFIG, "bench-producer"),
                        new StringSerializer(), new ByteArraySerializer());
                events = new MessageEventReader(kafka.bootstrapServers(), PARTITIONS);
                for (int i = 0; i < senderIds.size(); i++) {
                    register(dispatch.url(), adminToken, i);
                }
                System.out.printf(Locale.ROOT, "dispatch %s (log %s), simulator %s (log %s); cores=%d scale=%.2f backlog=%.1fs "
                                + "senders=%d×%d msg/s urgent=%d/s per sender; pids dispatch=%d simulator=%d postgres=%d%n",
                        dispatch.url(), dispatch.log(), simulator.url(), simulator.log(), Runtime.getRuntime().availableProcessors(),
                        SCALE, BACKLOG_SECONDS, SENDERS, MPS, URGENT_PER_SECOND, CpuMeter.childJvm("dispatch-service"),
                        CpuMeter.childJvm("cloud-api-simulator"), CpuMeter.postmaster(postgres.port()));

                List<Workload> plan = new ArrayList<>();
                plan.add(new Workload("warm-up", SENDERS, 0, false));
                if (runs("zero")) {
                    plan.add(new Workload(SENDERS + " senders, 0 ms", SENDERS, 0, true));
                }
                if (runs("latency")) {
                    plan.add(new Workload(SENDERS + " senders, " + LATENCY_MS + " ms", SENDERS, LATENCY_MS, true));
                }
                if (runs("single")) {
                    plan.add(new Workload("1 sender, 0 ms", 1, 0, true));
                }
                int n = 0;
                for (Workload w : plan) {
                    workload(w, "r" + n++);
                }
                System.out.println();
                System.out.println("| workload | messages | drained in s | total msg/s (backlogged) | per sender msg/s min / median / max "
                        + "| achieved/configured min / mean | urgent n | urgent p50 ms | urgent p99 ms | urgent max ms | 130429 "
                        + "| duplicates | other outcomes | cores: dispatch / simulator / postgres / kafka / bench / other |");
                System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
                summaryRows.forEach(System.out::println);
                System.out.println();
                verdicts.forEach(System.out::println);
            } finally {
                if (events != null) {
                    events.close();
                }
                if (producer != null) {
                    producer.close(Duration.ofSeconds(5));
                }
                if (simulator != null) {
                    simulator.close();
                }
            }
        }
    }

    /** -Xmx1g and the given extra options (e.g. a flight recording). */
    private static List<String> jvmArgs(String extra) {
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        if (!extra.isBlank()) {
            jvm.addAll(List.of(extra.strip().split("\\s+")));
        }
        return jvm;
    }

    private static boolean runs(String workload) {
        return WORKLOADS.stream().anyMatch(w -> w.strip().equals(workload));
    }

    /** Sender ids (Meta phone-number-ids) whose key hashes to distinct partitions, so every sender has its own. */
    private void pickSenders() {
        Set<Integer> used = new HashSet<>();
        for (long id = 110_000_000_000_001L; senderIds.size() < SENDERS; id++) {
            String key = Long.toString(id);
            int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (used.add(partition) || used.size() >= PARTITIONS) {
                senderIds.add(key);
            }
        }
    }

    private void register(String dispatchUrl, String token, int i) throws IOException, InterruptedException {
        String body = """
                {"senderId":"%s","wabaId":"100000000000001","displayNumber":"+1555%07d","project":"%s","pool":"main",
                 "messagesPerSecond":%d,"portfolioId":"bench-%d","portfolioDailyUniqueLimit":null,"warmupStart":null,
                 "quietHoursStart":"21:00","quietHoursEnd":"08:00"}""".formatted(senderIds.get(i), i + 1, PROJECT, MPS, i);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(dispatchUrl + "/v1/senders")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("registering sender " + senderIds.get(i) + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    // ---- one workload -------------------------------------------------------------------------------------------

    private void workload(Workload w, String tag) throws Exception {
        int perSender = (int) Math.round(MPS * BACKLOG_SECONDS * (w.measured() ? 1.0 : 0.25));
        double urgentSeconds = Math.max(2, BACKLOG_SECONDS * (w.measured() ? 0.5 : 0.1));
        int urgentTicks = (int) Math.round(urgentSeconds * URGENT_PER_SECOND);
        int bulk = perSender * w.senders();
        int urgent = urgentTicks * w.senders();
        long firstRecipient = nextRecipient;
        nextRecipient += bulk + urgent;
        consent(firstRecipient, bulk + urgent);
        setLatency(w.latencyMs());
        JsonNode ledgerBefore = ledger();
        Run run = events.open(tag);
        System.out.printf(Locale.ROOT, "%n== %s: %d bulk + %d urgent messages (%d senders × %d msg/s, simulator latency %d ms)%n",
                w.name(), bulk, urgent, w.senders(), MPS, w.latencyMs());

        Map<String, Double> cpuBefore = cpu.snapshot();
        long started = System.nanoTime();
        long produceStart = System.currentTimeMillis();
        long recipient = firstRecipient;
        Instant expires = Instant.now().plus(1, ChronoUnit.HOURS);
        for (int seq = 0; seq < perSender; seq++) {
            for (int s = 0; s < w.senders(); s++) {
                String id = "bench." + tag + ".b." + s + "." + seq;
                send(Topics.OUTBOUND_BULK.topicName(), message(id, s, recipient++, seq, expires));
            }
        }
        producer.flush();
        long produceEnd = System.currentTimeMillis();
        System.out.printf(Locale.ROOT, "bulk backlog produced in %.1f s%n", (produceEnd - produceStart) / 1000.0);

        // urgent messages while the bulk backlog saturates every sender
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-urgent"));
        CountDownLatch urgentDone = new CountDownLatch(1);
        AtomicInteger tick = new AtomicInteger();
        AtomicLong nextUrgentRecipient = new AtomicLong(recipient);
        ticker.scheduleAtFixedRate(() -> {
            int t = tick.getAndIncrement();
            if (t >= urgentTicks) {
                urgentDone.countDown();
                return;
            }
            for (int s = 0; s < w.senders(); s++) {
                long now = System.currentTimeMillis();
                long r = nextUrgentRecipient.getAndIncrement();
                send(Topics.OUTBOUND_URGENT.topicName(), message("bench." + tag + ".u." + s + "." + t + "." + now, s, r, t, expires));
            }
        }, 1000, 1000 / URGENT_PER_SECOND, TimeUnit.MILLISECONDS);

        int expected = bulk + urgent;
        // bounded: give up once the rate would have to stay under 200 msg/s to finish (the figures are still printed)
        long timeout = (long) (Math.max(120, expected / 200.0) * 1000);
        AtomicInteger lastCount = new AtomicInteger();
        ScheduledFuture<?> progress = ticker.scheduleAtFixedRate(() -> {
            int c = run.finished.size();
            System.out.printf(Locale.ROOT, "  %d/%d finished (%.0f/s over the last 5 s)%n", c, expected, (c - lastCount.getAndSet(c)) / 5.0);
        }, 5, 5, TimeUnit.SECONDS);
        try {
            Awaitility.await().atMost(Duration.ofMillis(timeout)).pollInterval(Duration.ofMillis(250))
                    .until(() -> run.finished.size() >= expected);
        } catch (ConditionTimeoutException e) {
            System.out.printf(Locale.ROOT, "  gave up after %d s with %d/%d finished%n", timeout / 1000, run.finished.size(), expected);
        } finally {
            progress.cancel(false);
        }
        urgentDone.await(30, TimeUnit.SECONDS);
        ticker.shutdownNow();
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        Map<String, Double> cores = cpu.coresBetween(cpuBefore, cpu.snapshot(), wall);
        // late answers of the last calls: read the simulator's ledger until two reads 200 ms apart agree
        AtomicLong lastTotal = new AtomicLong(-1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> { long t = ledger().path("total").asLong(); return t == lastTotal.getAndSet(t); });
        JsonNode ledgerAfter = ledger();
        report(w, run, expected, produceEnd, ledgerBefore, ledgerAfter, cores);
    }

    private OutboundMessage message(String messageId, int sender, long recipient, int seq, Instant expires) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return OutboundMessage.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setMessageId(messageId)
                .setProject(PROJECT).setSenderId(senderIds.get(sender)).setRecipient(phone(recipient)).setCategory(Category.UTILITY)
                .setTemplate(TemplateContent.newBuilder().setName("order_update").setLanguage("en_US")
                        .setBodyParameters(List.of("Tariro", "A-" + seq)).build())
                .setExpiresAt(expires).build();
    }

    private void send(String topic, OutboundMessage m) {
        producer.send(new ProducerRecord<>(topic, m.getSenderId(), avro.serialize(topic, m)), (meta, e) -> {
            if (e != null) {
                System.err.println("produce failed: " + e);
            }
        });
    }

    /** +26377xxxxxxx…: distinct per message of the whole bench. */
    private static String phone(long index) {
        return "+2637" + (70_000_000L + index);
    }

    /** OPTED_IN for every category of project "bench", straight into dispatch's projection (as consent-service's events would). */
    private void consent(long first, int count) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)) {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO dispatch.consent_phone (phone, version, erased)
                    SELECT '+2637' || (70000000 + g), 1, false FROM generate_series(?::bigint, ?::bigint) g ON CONFLICT DO NOTHING""")) {
                s.setLong(1, first);
                s.setLong(2, first + count - 1);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO dispatch.consent_projection (phone, project, marketing, utility, authentication)
                    SELECT '+2637' || (70000000 + g), ?, 'OPTED_IN', 'OPTED_IN', 'OPTED_IN' FROM generate_series(?::bigint, ?::bigint) g
                    ON CONFLICT DO NOTHING""")) {
                s.setString(1, PROJECT);
                s.setLong(2, first);
                s.setLong(3, first + count - 1);
                s.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE dispatch.consent_phone, dispatch.consent_projection");
            }
        }
        System.out.printf(Locale.ROOT, "consent for %d recipients written in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
    }

    private void setLatency(int ms) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(simulator.url() + "/sim/faults")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"addedLatencyMs\":" + ms + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("PUT /sim/faults answered " + r.statusCode() + ": " + r.body());
        }
    }

    private JsonNode ledger() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(simulator.url() + "/sim/ledger")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(r.body());
    }

    // ---- figures --------------------------------------------------------------------------------------------------

    private void report(Workload w, Run run, int expected, long produceEnd, JsonNode before, JsonNode after, Map<String, Double> cores) {
        List<Submitted> all = new ArrayList<>(run.submitted);
        int n = w.senders();
        List<List<Submitted>> bySender = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            bySender.add(new ArrayList<>());
        }
        all.forEach(x -> bySender.get(x.sender()).add(x));
        double[] rates = new double[n];
        long[] lastBulk = new long[n];
        double total = 0;
        System.out.println("| sender | configured msg/s | submitted | backlogged window s | msg/s in window | achieved/configured |");
        System.out.println("|---|---|---|---|---|---|");
        for (int s = 0; s < n; s++) {
            List<Submitted> mine = bySender.get(s);
            long[] at = mine.stream().mapToLong(Submitted::statusAt).sorted().toArray();
            lastBulk[s] = mine.stream().filter(x -> !x.urgent()).mapToLong(Submitted::statusAt).max().orElse(0);
            if (at.length < 2) {
                System.out.printf(Locale.ROOT, "| %s | %d | %d | – | – | – |%n", senderIds.get(s), MPS, at.length);
                continue;
            }
            long from = Math.max(at[0] + RAMP_MILLIS, produceEnd + TAIL_MILLIS);
            long to = lastBulk[s] - TAIL_MILLIS;
            if (to - from < 2000) { // too short to leave out ramp and tail: the whole span
                from = at[0];
                to = at[at.length - 1];
            }
            long f = from;
            long t = to;
            long inWindow = Arrays.stream(at).filter(x -> x >= f && x < t).count();
            rates[s] = inWindow * 1000.0 / Math.max(1, to - from);
            total += rates[s];
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.0f | %.3f |%n", senderIds.get(s), MPS, at.length, (to - from) / 1000.0,
                    rates[s], rates[s] / MPS);
        }
        long first = all.stream().mapToLong(Submitted::statusAt).min().orElse(0);
        long last = all.stream().mapToLong(Submitted::statusAt).max().orElse(0);

        // urgent latency, only for urgent messages submitted while their sender still had bulk backlog
        long[] urgentLatency = all.stream().filter(x -> x.urgent() && x.statusAt() <= lastBulk[x.sender()])
                .mapToLong(x -> x.statusAt() - x.producedAt()).sorted().toArray();
        long[] urgentSeen = all.stream().filter(x -> x.urgent() && x.statusAt() <= lastBulk[x.sender()])
                .mapToLong(x -> x.seenAt() - x.producedAt()).sorted().toArray();
        long urgentAll = all.stream().filter(Submitted::urgent).count();

        long rateLimited = count(after, "130429") - count(before, "130429");
        long duplicates = after.path("duplicateCount").asLong() - before.path("duplicateCount").asLong();
        long simAccepted = after.path("total").asLong() - before.path("total").asLong();
        String errors = errorsDelta(before, after);
        Map<String, Long> others = new TreeMap<>();
        run.otherOutcomes.forEach((k, v) -> others.put(k, v.sum()));
        String other = others.isEmpty() ? "none" : others.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
        double[] sorted = Arrays.stream(rates).sorted().toArray();
        double minRatio = sorted[0] / MPS;
        double meanRatio = Arrays.stream(rates).average().orElse(0) / MPS;
        System.out.printf(Locale.ROOT, "finished %d/%d; SUBMITTED %d (simulator accepted %d, errors %s); urgent %d submitted, %d under "
                        + "saturation: p50 %d ms p99 %d ms max %d ms (seen by a consumer: p50 %d ms p99 %d ms); other outcomes: %s%n",
                run.finished.size(), expected, all.size(), simAccepted, errors, urgentAll, urgentLatency.length, pct(urgentLatency, 0.5),
                pct(urgentLatency, 0.99), pct(urgentLatency, 1.0), pct(urgentSeen, 0.5), pct(urgentSeen, 0.99), other);
        System.out.println("cores used: " + cores.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ")));
        String row = String.format(Locale.ROOT, "| %s | %d | %.1f | %.0f | %.0f / %.0f / %.0f | %.3f / %.3f | %d | %d | %d | %d | %d | %d | %s "
                        + "| %.2f / %.2f / %.2f / %.2f / %.2f / %.2f |",
                w.name() + (w.measured() ? "" : " (not a result)"), all.size(), (last - first) / 1000.0, total, sorted[0], sorted[n / 2],
                sorted[n - 1], minRatio, meanRatio, urgentLatency.length, pct(urgentLatency, 0.5), pct(urgentLatency, 0.99),
                pct(urgentLatency, 1.0), rateLimited, duplicates,
                run.finished.size() < expected ? other + "; UNFINISHED " + (expected - run.finished.size()) : other,
                cores.get("dispatch"), cores.get("simulator"), cores.get("postgres"), cores.get("kafka broker"), cores.get("bench driver"),
                cores.get("other host processes"));
        System.out.println(row);
        summaryRows.add(row);
        if (w.measured()) {
            verdicts.add(String.format(Locale.ROOT, "%s: achieved ≥ 98%% of each sender's rate: %s (min %.1f%%); 0 × 130429: %s (%d); "
                            + "urgent p99 ≤ 500 ms: %s (%d ms)%s", w.name(), minRatio >= 0.98 ? "PASS" : "FAIL", minRatio * 100,
                    rateLimited == 0 ? "PASS" : "FAIL", rateLimited, urgentLatency.length > 0 && pct(urgentLatency, 0.99) <= 500 ? "PASS" : "FAIL",
                    pct(urgentLatency, 0.99), n >= 10 ? String.format(Locale.ROOT, "; total ≥ 5,000 msg/s: %s (%.0f)",
                            total >= 5000 ? "PASS" : "FAIL", total) : ""));
        }
    }

    private static long count(JsonNode ledger, String code) {
        return ledger.path("errorsByCode").path(code).asLong(0);
    }

    private static String errorsDelta(JsonNode before, JsonNode after) {
        Map<String, Long> delta = new TreeMap<>();
        after.path("errorsByCode").fields().forEachRemaining(e -> {
            long d = e.getValue().asLong() - count(before, e.getKey());
            if (d != 0) {
                delta.put(e.getKey(), d);
            }
        });
        return delta.isEmpty() ? "none" : delta.toString();
    }

    private static long pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))];
    }
}
