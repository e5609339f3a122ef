package dev.safesend.analytics.bench;

import dev.safesend.testsupport.bench.CpuMeter;
import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.message.EventSource;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.DevKeys;
import dev.safesend.testsupport.EmbeddedKafka;
import dev.safesend.testsupport.EmbeddedPostgresServer;
import dev.safesend.testsupport.QuarkusAppProcess;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmarks analytics' consumer path: starts test-support's in-process Kafka (12 partitions) and embedded PostgreSQL,
 * produces {@code bench.events} MessageStatusChanged records to {@code wa.message-events.v1} (a realistic mix, below),
 * then launches the packaged analytics-service as a child JVM ({@link QuarkusAppProcess}) that consumes the backlog in
 * batches into its timeline and rollups. It samples analytics' own {@code analytics.messages.processed} counter and the
 * CPU of each process (/proc) once a second, and prints events/s and CPU µs per event for analytics, PostgreSQL and the
 * host, over the whole run and over the steady window (10 % → 90 % of the events, leaving out JIT warm-up and the tail).
 * Finally it checks the rollups against the counts the generator expects (each message's steps once).
 * <p>
 * The mix, per message (about 5.6 events each): ACCEPTED from ingest (70 % in one of 20 campaigns, 4 templates, 10
 * senders, 3 projects); 3 % DEFERRED first; 2 % SUPPRESSED (no further steps); SUBMITTED; then Meta's SENT, and either
 * DELIVERED (90 %) and READ (60 % of those) or FAILED with 131026/131049 (10 %). 15 % of webhook statuses are delivered
 * twice by "Meta" (a new event id) and 2 % of records are published twice (the same event id). Messages are released
 * in waves of 2,000: the wave's ACCEPTED events, then its dispatch events, then its webhook statuses, each group
 * shuffled, so messages interleave as a campaign's would and a message's webhook statuses arrive in any order (a READ
 * before its DELIVERED, a SENT last, a duplicate first).
 * <p>
 * Knobs: {@code -Dbench.events=600000}, {@code -Dbench.analytics-jvm-args="…"}, {@code -Dbench.analytics-props="k=v,…"}.
 */
public final class RollupBench {

    private static final int EVENTS = Integer.getInteger("bench.events", 600_000);
    private static final int PARTITIONS = Integer.getInteger("bench.partitions", 12);
    private static final String JVM_ARGS = System.getProperty("bench.analytics-jvm-args", "");
    private static final String PROPS = System.getProperty("bench.analytics-props", "");
    private static final int WAVE = 2000;
    private static final String[] STEPS = {"submitted", "sent", "delivered", "read", "failed", "suppressed", "rejected", "expired", "deferred"};

    private final Random random = new Random(42);
    private final long[] expected = new long[STEPS.length];
    private final HttpClient http = HttpClient.newHttpClient();

    private RollupBench() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            new RollupBench().run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // the embedded servers leave non-daemon threads behind
    }

    private void run() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "bench"));
        DevKeys keys = DevKeys.loadOrCreate(work.resolve("keys"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(PARTITIONS); EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start()) {
            boolean statements = System.getProperty(EmbeddedPostgresServer.SETTINGS_PROPERTY, "").contains("pg_stat_statements")
                    && statementStats(postgres.jdbcUrl(), "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            long produced = produce(kafka.bootstrapServers());
            Map<String, String> props = new LinkedHashMap<>();
            props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            props.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
            props.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
            props.put("quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
            props.put("quarkus.oidc.public-key", keys.publicKeyBase64());
            props.put("quarkus.oidc.token.issuer", DevKeys.ISSUER);
            for (String kv : PROPS.split(",")) {
                if (kv.contains("=")) {
                    props.put(kv.substring(0, kv.indexOf('=')).strip(), kv.substring(kv.indexOf('=') + 1).strip());
                }
            }
            List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC"));
            if (!JVM_ARGS.isBlank()) {
                jvm.addAll(List.of(JVM_ARGS.split(" ")));
            }
            try (QuarkusAppProcess analytics = QuarkusAppProcess.start("analytics-service", props, jvm, Duration.ofSeconds(120))) {
                CpuMeter cpu = new CpuMeter(parts(analytics.pid(), CpuMeter.postmaster(postgres.port())));
                Sample start = sample(analytics, cpu);
                Sample from = null;
                Sample to = null;
                Sample last = start;
                long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
                while (last.processed < produced && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                    last = sample(analytics, cpu);
                    if (from == null && last.processed >= produced / 10) {
                        from = last;
                    }
                    if (to == null && last.processed >= produced * 9 / 10) {
                        to = last;
                    }
                }
                if (last.processed < produced) {
                    throw new IllegalStateException("only " + last.processed + " of " + produced + " events processed in 20 min");
                }
                System.out.printf(Locale.ROOT, "%nRollupBench: %,d events (%,d messages' worth), %d partitions, host %d cores (shared: other builds may run)%n",
                        produced, messages, PARTITIONS, Runtime.getRuntime().availableProcessors());
                report("whole run (from ready)", start, last);
                if (from != null && to != null && to != from) {
                    report("steady 10% → 90%", from, to);
                }
                verify(postgres.jdbcUrl());
                if (statements) {
                    printStatements(postgres.jdbcUrl());
                }
            }
        }
    }

    private int messages;

    /** Produces the mix and returns how many records were written. */
    private long produce(String bootstrap) {
        long count = 0;
        Instant base = Instant.parse("2026-12-05T08:00:00Z");
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new AvroSerializer()::serialize)) {
            long started = System.nanoTime();
            while (count < EVENTS) {
                List<List<MessageStatusChanged>> phases = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                for (int i = 0; i < WAVE && count + estimated(phases) < EVENTS; i++) {
                    message(messages++, base.plusSeconds(messages / 50), phases);
                }
                for (List<MessageStatusChanged> phase : phases) {
                    Collections.shuffle(phase, random); // messages interleave; each message's own order is kept per phase
                    for (MessageStatusChanged e : phase) {
                        producer.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS.topicName(), e.getMessageId(), e));
                        count++;
                    }
                }
            }
            producer.flush();
            System.out.printf(Locale.ROOT, "produced %,d events for %,d messages in %.1f s%n", count, messages,
                    (System.nanoTime() - started) / 1e9);
        }
        return count;
    }

    private static int estimated(List<List<MessageStatusChanged>> phases) {
        return phases.stream().mapToInt(List::size).sum();
    }

    /** One message's events into the wave's three phases (ingest; dispatch; Meta's webhooks), its steps tallied. */
    private void message(int n, Instant at, List<List<MessageStatusChanged>> phases) {
        String id = UUID.nameUUIDFromBytes(("bench:" + n).getBytes()).toString();
        boolean campaign = random.nextInt(100) < 70;
        String project = "p" + (n % 3);
        String sender = "11000000000000" + (n % 10);
        boolean[] reached = new boolean[STEPS.length];
        MessageStatusChanged.Builder accepted = base(id, MessageStatus.ACCEPTED, EventSource.INGEST, at).setProject(project)
                .setSenderId(sender).setCampaignId(campaign ? "bench-c" + (n % 20) : null)
                .setCategory(campaign ? Category.MARKETING : Category.UTILITY)
                .setTemplateName("tpl_" + (n % 4)).setTemplateLanguage("en_US");
        phases.get(0).add(accepted.build());
        List<MessageStatusChanged> dispatch = new ArrayList<>();
        int roll = random.nextInt(100);
        if (roll < 3) {
            dispatch.add(base(id, MessageStatus.DEFERRED, EventSource.DISPATCH, at.plusSeconds(1)).setReason("QUIET_HOURS").build());
            reached[8] = true;
        }
        if (roll >= 3 && roll < 5) {
            dispatch.add(base(id, MessageStatus.SUPPRESSED, EventSource.DISPATCH, at.plusSeconds(1)).setReason("OPTED_OUT").build());
            reached[5] = true;
            phases.get(1).addAll(dispatch); // suppressed: nothing else
            tally(reached);
            return;
        }
        dispatch.add(base(id, MessageStatus.SUBMITTED, EventSource.DISPATCH, at.plusSeconds(2)).build());
        reached[0] = true;
        phases.get(1).addAll(dispatch);
        List<MessageStatusChanged> hooks = new ArrayList<>();
        hooks.add(webhook(id, MessageStatus.SENT, at.plusSeconds(3)).build());
        reached[1] = true;
        if (random.nextInt(100) < 90) {
            hooks.add(webhook(id, MessageStatus.DELIVERED, at.plusSeconds(5)).build());
            reached[2] = true;
            if (random.nextInt(100) < 60) {
                hooks.add(webhook(id, MessageStatus.READ, at.plusSeconds(60)).build());
                reached[3] = true;
            }
        } else {
            int code = random.nextBoolean() ? 131026 : 131049;
            hooks.add(webhook(id, MessageStatus.FAILED, at.plusSeconds(5)).setErrorCode(code).setReason("META_" + code).build());
            reached[4] = true;
        }
        List<MessageStatusChanged> withDuplicates = new ArrayList<>();
        for (MessageStatusChanged h : hooks) {
            withDuplicates.add(h);
            if (random.nextInt(100) < 15) {
                MessageStatusChanged again = MessageStatusChanged.newBuilder(h).setEventId(UUID.randomUUID().toString()).build();
                withDuplicates.add(again); // Meta's retried webhook
            }
            if (random.nextInt(100) < 2) {
                withDuplicates.add(h); // the same record twice (a producer retry)
            }
        }
        phases.get(2).addAll(withDuplicates);
        tally(reached);
    }

    private void tally(boolean[] reached) {
        for (int i = 0; i < reached.length; i++) {
            if (reached[i]) {
                expected[i]++;
            }
        }
    }

    private static MessageStatusChanged.Builder base(String id, MessageStatus status, EventSource source, Instant at) {
        return MessageStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at).setStatusAt(at)
                .setMessageId(id).setStatus(status).setSource(source).setRecipient("+26377" + (1_000_000 + Math.floorMod(id.hashCode(), 8_999_999)));
    }

    private static MessageStatusChanged.Builder webhook(String id, MessageStatus status, Instant at) {
        return base(id, status, EventSource.WEBHOOK, at).setWamid("wamid." + id);
    }

    private record Sample(long nanos, long processed, Map<String, Double> cpu) {
    }

    /** The process trees the bench measures, in the order it prints them. */
    private static java.util.Map<String, Long> parts(long analyticsPid, long postmasterPid) {
        java.util.Map<String, Long> trees = new java.util.LinkedHashMap<>();
        trees.put("analytics", analyticsPid);
        trees.put("postgres", postmasterPid);
        return trees;
    }

    private Sample sample(QuarkusAppProcess analytics, CpuMeter cpu) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(analytics.url() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        long processed = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("analytics_messages_processed_total{")) {
                processed += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return new Sample(System.nanoTime(), processed, cpu.snapshot());
    }

    private static void report(String window, Sample a, Sample b) {
        long events = b.processed - a.processed;
        double seconds = (b.nanos - a.nanos) / 1e9;
        System.out.printf(Locale.ROOT, "%-24s %,10d events in %6.1f s = %,8.0f events/s | CPU µs/event: analytics %.1f, postgres %.1f,"
                        + " kafka+bench %.1f, host busy %.1f (other processes %.1f)%n",
                window, events, seconds, events / seconds, micros(a, b, "analytics", events), micros(a, b, "postgres", events),
                micros(a, b, "kafka broker", events) + micros(a, b, "bench driver", events), micros(a, b, "host total", events),
                Math.max(0, micros(a, b, "host total", events) - micros(a, b, "analytics", events) - micros(a, b, "postgres", events)
                        - micros(a, b, "kafka broker", events) - micros(a, b, "bench driver", events)));
    }

    private static double micros(Sample a, Sample b, String part, long events) {
        return (b.cpu.get(part) - a.cpu.get(part)) * 1e6 / events;
    }

    /** The rollups must hold each message's steps once: the sums of rollup_hour against the generator's own tally. */
    private void verify(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT sum(submitted), sum(sent), sum(delivered), sum(read), sum(failed), sum(suppressed),"
                     + " sum(rejected), sum(expired), sum(deferred) FROM analytics.rollup_hour")) {
            r.next();
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < STEPS.length; i++) {
                if (r.getLong(i + 1) != expected[i]) {
                    wrong.add(STEPS[i] + " " + r.getLong(i + 1) + " (expected " + expected[i] + ")");
                }
            }
            System.out.println(wrong.isEmpty() ? "rollups verified: every message's steps counted once (" + describe() + ")"
                    : "ROLLUPS WRONG: " + wrong);
            if (!wrong.isEmpty()) {
                throw new IllegalStateException("rollups do not match the generated events: " + wrong);
            }
        }
    }

    /** Runs {@code sql}; false when it fails (pg_stat_statements needs -Dsafesend.postgres.settings=shared_preload_libraries=…). */
    private static boolean statementStats(String jdbcUrl, String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
            return true;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /** The statements PostgreSQL spent most time on, when pg_stat_statements is loaded. */
    private static void printStatements(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT calls, round(total_exec_time) ms, rows, regexp_replace(left(query, 90), '\\s+', ' ', 'g') q"
                     + " FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 8")) {
            System.out.println("pg_stat_statements (top 8 by time):");
            while (r.next()) {
                System.out.printf(Locale.ROOT, "  %7d calls %8d ms %9d rows  %s%n", r.getLong(1), r.getLong(2), r.getLong(3), r.getString(4));
            }
        }
    }

    private String describe() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < STEPS.length; i++) {
            b.append(i == 0 ? "" : ", ").append(STEPS[i]).append(' ').append(expected[i]);
        }
        return b.toString();
    }
}
