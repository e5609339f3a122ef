package dev.safesend.healthmonitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.consent.ConsentState;
import dev.safesend.schemas.message.EventSource;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.InboundType;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many events per second health-monitor keeps up with, its CPU per event and its peak RSS, with a kill -9 halfway
 * through to show nothing is counted twice or lost. Real Kafka (in this JVM) and PostgreSQL (its own processes); the
 * monitor runs as its packaged jar with the local platform's JVM options.
 * <p>
 * The events are produced first (a backlog, the monitor stopped), then the monitor is started and timed from its first
 * processed event to its last. The mix per message: ACCEPTED, SUBMITTED, SENT, DELIVERED, READ for half, FAILED 131026
 * for 1%, a reply for 5% and an opt-out through the number for 0.1%; 20 numbers, 40 templates, 10 campaigns.
 * <pre>
 * ./mvnw -B -ntp -o -q install -DskipTests
 * ./mvnw -B -q -pl health-monitor-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
 * cd health-monitor-service && java -Dbench.messages=200000 -cp target/test-classes:target/classes:$(cat target/bench.classpath) \
 *     dev.safesend.healthmonitor.bench.HealthMonitorBench
 * </pre>
 * {@code -Dbench.kill=false} skips the kill -9.
 */
public final class HealthMonitorBench {

    private static final Pattern PROCESSED = Pattern.compile(
            "health_messages_processed_total\\{[^}]*event_type=\"MessageStatusChanged\"[^}]*outcome=\"success\"[^}]*} ([0-9.E]+)");
    private static final int SENDERS = 20;

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("bench.messages", 200_000);
        boolean kill = Boolean.parseBoolean(System.getProperty("bench.kill", "true"));
        Path keysDir = Files.createTempDirectory("bench-keys");
        DevKeys keys = DevKeys.loadOrCreate(keysDir);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(3); EmbeddedPostgresServer pg = EmbeddedPostgresServer.start()) {
            kafka.createPlatformTopics(3);
            Map<String, long[]> expected = new HashMap<>();
            long events = produce(kafka.bootstrapServers(), messages, expected);
            System.out.printf("[bench] produced %,d message events for %,d messages%n", events, messages);

            Map<String, String> props = new LinkedHashMap<>();
            props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            props.put("quarkus.datasource.jdbc.url", pg.jdbcUrl());
            props.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
            props.put("quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
            props.put("quarkus.oidc.public-key", keys.publicKeyBase64());
            props.put("quarkus.oidc.token.issuer", DevKeys.ISSUER);
            props.put("safesend.health-monitor.quality-every", "0s");
            props.put("quarkus.log.level", "WARN");
            String poll = System.getProperty("bench.poll");
            if (poll != null) {
                props.put("mp.messaging.incoming.message-events-in.max.poll.records", poll);
            }
            List<String> jvm = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
            QuarkusAppProcess monitor = QuarkusAppProcess.start("health-monitor-service", props, jvm, java.time.Duration.ofSeconds(120));
            HttpClient http = HttpClient.newHttpClient();
            long cpuBefore = cpuMillis(monitor.pid());
            long pgBefore = postgresCpuMillis(pg.port());
            long first = 0;
            long started = System.nanoTime();
            long firstAt = 0;
            long lastPeak = 0;
            boolean killed = false;
            long cpuKilled = 0;
            double done = 0;
            while (done < events) {
                TimeUnit.MILLISECONDS.sleep(200);
                lastPeak = Math.max(lastPeak, rssPeakKb(monitor.pid()));
                done = processed(http, monitor.url()) + (killed ? first : 0);
                if (firstAt == 0 && done > 0) {
                    firstAt = System.nanoTime();
                }
                if (kill && !killed && done >= events / 2.0) {
                    cpuKilled = cpuMillis(monitor.pid()) - cpuBefore;
                    first = (long) done; // counted by the killed JVM; the restarted one counts from its own zero
                    System.out.printf("[bench] kill -9 at %,d of %,d events%n", first, events);
                    monitor.restart(java.time.Duration.ofSeconds(120));
                    cpuBefore = cpuMillis(monitor.pid());
                    killed = true;
                }
                if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(30)) {
                    throw new IllegalStateException("not done after 30 minutes: " + done + " of " + events);
                }
            }
            double seconds = (System.nanoTime() - firstAt) / 1e9;
            long cpu = cpuKilled + cpuMillis(monitor.pid()) - cpuBefore;
            long pgCpu = postgresCpuMillis(pg.port()) - pgBefore;
            System.out.printf("[bench] %,d events in %.1f s: %,.0f events/s%s%n", events, seconds, events / seconds,
                    killed ? " (including a kill -9 and restart)" : "");
            System.out.printf("[bench] CPU: health-monitor %,d ms (%.3f ms/event), PostgreSQL %,d ms (%.3f ms/event)%n",
                    cpu, (double) cpu / events, pgCpu, (double) pgCpu / events);
            System.out.printf("[bench] health-monitor peak RSS %d MB (VmHWM, last JVM)%n", lastPeak / 1024);
            verify(http, monitor.url(), keys.token("viewer"), expected);
            monitor.close();
        }
    }

    /** Produces the backlog; fills {@code expected} with each sender's SENT, DELIVERED, READ, FAILED, REPLIED, opt-outs. */
    private static long produce(String bootstrap, int messages, Map<String, long[]> expected) {
        SplittableRandom random = new SplittableRandom(42);
        long events = 0;
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144), new StringSerializer(), new AvroSerializer()::serialize)) {
            Instant now = Instant.now();
            for (int i = 0; i < messages; i++) {
                String id = "bench-" + i;
                String sender = String.valueOf(120000000000000L + i % SENDERS);
                String recipient = "+2637" + String.format("%08d", random.nextInt(50_000_000));
                boolean marketing = random.nextInt(4) != 0;
                long[] e = expected.computeIfAbsent(sender, s -> new long[6]);
                events += send(producer, event(id, MessageStatus.ACCEPTED, EventSource.INGEST, sender, now)
                        .setProject("bench").setCategory(marketing ? Category.MARKETING : Category.UTILITY)
                        .setRecipient(recipient).setCampaignId(marketing ? "campaign-" + i % 10 : null)
                        .setTemplateName("template_" + i % 40).setTemplateLanguage("en").build());
                events += send(producer, event(id, MessageStatus.SUBMITTED, EventSource.DISPATCH, sender, now).build());
                if (random.nextInt(100) == 0) {
                    events += send(producer, event(id, MessageStatus.FAILED, EventSource.WEBHOOK, sender, now).setErrorCode(131026).build());
                    e[3]++;
                    continue;
                }
                events += send(producer, event(id, MessageStatus.SENT, EventSource.WEBHOOK, sender, now).setWamid("wamid." + id).build());
                events += send(producer, event(id, MessageStatus.DELIVERED, EventSource.WEBHOOK, sender, now).build());
                e[0]++;
                e[1]++;
                if (random.nextBoolean()) {
                    events += send(producer, event(id, MessageStatus.READ, EventSource.WEBHOOK, sender, now).build());
                    e[2]++;
                }
                if (random.nextInt(20) == 0) {
                    producer.send(new ProducerRecord<>(Topics.INBOUND_MESSAGES.topicName(), recipient, InboundMessageReceived.newBuilder()
                            .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setWamid("wamid.in-" + id)
                            .setWaId(recipient.substring(1)).setPhone(recipient).setSenderId(sender).setType(InboundType.TEXT)
                            .setText("ok").setContextWamid("wamid." + id).setReceivedAt(now).build()));
                    e[4]++;
                }
                if (random.nextInt(1000) == 0) {
                    producer.send(new ProducerRecord<>(Topics.CONSENT_CHANGES.topicName(), recipient, ConsentChanged.newBuilder()
                            .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setPhone(recipient).setProject("bench")
                            .setVersion(i).setMarketing(ConsentState.OPTED_OUT).setUtility(ConsentState.OPTED_IN)
                            .setAuthentication(ConsentState.OPTED_IN).setSource("KEYWORD").setSenderId(sender)
                            .setOptedOut(List.of(Category.MARKETING)).build()));
                    e[5]++;
                }
            }
            producer.flush();
        }
        return events;
    }

    private static MessageStatusChanged.Builder event(String id, MessageStatus status, EventSource source, String sender, Instant at) {
        return MessageStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at).setStatusAt(at)
                .setMessageId(id).setStatus(status).setSource(source).setSenderId(sender);
    }

    private static int send(KafkaProducer<String, SpecificRecord> producer, MessageStatusChanged event) {
        producer.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS.topicName(), event.getMessageId(), event));
        return 1;
    }

    /** Every sender's 24 h counts must equal what was produced: nothing counted twice across the kill, nothing lost. */
    private static void verify(HttpClient http, String url, String token, Map<String, long[]> expected) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String[] names = {"SENT", "DELIVERED", "READ", "FAILED", "REPLIED", "OPT_OUT_KEYWORD"};
        while (true) {
            int wrong = 0;
            StringBuilder report = new StringBuilder();
            for (Map.Entry<String, long[]> e : expected.entrySet()) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/health/senders/" + e.getKey()))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode day = r.statusCode() == 200 ? json.readTree(r.body()).path("windows").path("last24Hours") : json.createObjectNode();
                for (int k = 0; k < names.length; k++) {
                    if (day.path(names[k]).asLong(0) != e.getValue()[k]) {
                        wrong++;
                        report.append(String.format(" %s %s=%d (expected %d)", e.getKey(), names[k], day.path(names[k]).asLong(0), e.getValue()[k]));
                    }
                }
            }
            if (wrong == 0) {
                System.out.printf("[bench] every number's windows equal what was produced (%d numbers × %d counts): 0 lost, 0 counted twice%n",
                        expected.size(), names.length);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("windows differ from what was produced:" + report);
            }
            TimeUnit.SECONDS.sleep(1);
        }
    }

    private static double processed(HttpClient http, String url) {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create(url + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = PROCESSED.matcher(body);
            double total = 0;
            while (m.find()) {
                total += Double.parseDouble(m.group(1));
            }
            return total;
        } catch (Exception e) {
            return 0;
        }
    }

    private static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (Exception e) {
            return 0;
        }
    }

    /** The postmaster listening on the port and every backend it forked. */
    private static long postgresCpuMillis(int port) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").matches(".*postgres.*-p " + port + "\\b.*"))
                .mapToLong(p -> cpuMillis(p.pid()) + p.descendants().mapToLong(d -> cpuMillis(d.pid())).sum()).sum();
    }

    private static long rssPeakKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            // gone
        }
        return 0;
    }
}
