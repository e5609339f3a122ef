package dev.safesend.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.testsupport.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #16: a retried request never becomes a second message, even when ingest is killed. {@value #CLIENTS} clients
 * send {@value #MESSAGES} keyed messages (one recipient each; about half one per request, the others in batches of {@value #BATCH}),
 * each request retried with its Idempotency-Key until answered; ingest is killed with SIGKILL {@value #KILLS} times
 * while requests are in flight (some published and acknowledged by Kafka, their key not yet committed) and started
 * again, then stopped once with SIGTERM as Kubernetes stops a pod (it must exit within the pod's grace period). Then Meta's side (the simulator's ledger) has exactly one message per recipient, carrying the message id the
 * caller was answered, and asking again with any key answers those same ids.
 *
 * <p>Only the services on the send path run (ingest, dispatch, consent, the simulator), to keep it short.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "safesend.e2e.enabled", matches = "true",
        disabledReason = "skipped with -Dsafesend.e2e.enabled=false (property in local-platform/pom.xml)")
class IdempotencyCrashIT {

    private static final int CLIENTS = 8;
    private static final int MESSAGES = 1000;
    private static final int BATCH = 10;
    private static final int KILLS = 2;
    /** ingest's terminationGracePeriodSeconds in k8s/base. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private LocalPlatform platform;
    private SafesendApiClient api;

    @BeforeAll
    void startTheSendPath() throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(MODULE.resolve("target")), "crash-state-");
        platform = LocalPlatform.builder(repoRoot()).stateDir(state).randomPorts()
                .services(List.of(PlatformService.INGEST, PlatformService.DISPATCH, PlatformService.CONSENT,
                        PlatformService.CLOUD_API_SIMULATOR))
                .progress(line -> System.out.println("[crash] " + line)).build();
        platform.start();
        // analytics does not run here: the client's analytics URL is never used by the calls this test makes
        api = new SafesendApiClient(platform.serviceUrl(PlatformService.INGEST), platform.serviceUrl(PlatformService.INGEST));
    }

    @AfterAll
    void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    /** One request: its key and its recipients (one: POST /v1/messages; more: a batch). */
    private record Send(String key, List<String> recipients) {

        boolean batch() {
            return recipients.size() > 1;
        }

        String body() {
            List<String> messages = new ArrayList<>();
            for (String r : recipients) {
                messages.add(SafesendApiClient.templateRequest(r, "e2e", "UTILITY", "order_update", "en_US",
                        List.of("Tariro", "C-" + r.substring(r.length() - 4))));
            }
            return batch() ? "{\"messages\":[" + String.join(",", messages) + "]}" : messages.get(0);
        }
    }

    /** What a request was answered: the message ids by recipient, or why it was refused. */
    private record Answer(List<String> messageIds, String refusal) {
    }

    @Test
    void aRetriedRequestNeverBecomesASecondMessageWhenIngestIsKilledOrStoppedMidBurst() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> recipients = CampaignDemo.phones("+26377800%04d", MESSAGES);
        CampaignDemo demo = new CampaignDemo(api, platform.serviceUrl(PlatformService.INGEST),
                platform.serviceUrl(PlatformService.CONSENT), platform.devKeys().token("admin"), platform.devKeys().token("operator"));
        demo.audience("e2e", "crash-" + run, recipients, Duration.ofMinutes(1));
        try (Connection db = DriverManager.getConnection(platform.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)) {
            await("dispatch knows every opt-in").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> optedIn(db, recipients) == recipients.size());
        }

        // about half the messages one per request, the others in every tenth request, a batch of BATCH (whose many
        // records widen the moment between Kafka's acknowledgement and the commit that a kill can fall into)
        List<Send> sends = new ArrayList<>();
        for (int i = 0; i < MESSAGES; ) {
            int size = sends.size() % 10 == 9 && i + BATCH <= MESSAGES ? BATCH : 1;
            sends.add(new Send("crash-" + run + "-" + sends.size(), recipients.subList(i, i + size)));
            i += size;
        }
        String token = platform.devKeys().token("sender");
        Map<String, Answer> answers = new ConcurrentHashMap<>();
        AtomicLong retries = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < sends.size(); i = next.getAndIncrement()) {
                        Send s = sends.get(i);
                        // retried with its key until answered: refused connections while ingest is down, resets of the
                        // requests it was killed in, 503 while Kafka does not acknowledge
                        await("an answer for " + s.key()).atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO)
                                .pollInterval(Duration.ofMillis(100)).until(() -> {
                                    Answer a = post(token, s);
                                    if (a == null) {
                                        retries.incrementAndGet();
                                        return false;
                                    }
                                    answers.put(s.key(), a);
                                    return true;
                                });
                    }
                    return null;
                }));
            }
            for (int stop = 1; stop <= KILLS + 1; stop++) {
                int at = sends.size() * stop / (KILLS + 2);
                await("answers before stop " + stop).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                        .until(() -> answers.size() >= at);
                boolean graceful = stop > KILLS;
                int answeredAtStop = answers.size();
                Duration stopped = Duration.ZERO;
                if (graceful) {
                    stopped = platform.terminate(PlatformService.INGEST, GRACE);
                } else {
                    platform.kill(PlatformService.INGEST);
                }
                Duration restart = platform.restart(PlatformService.INGEST);
                System.out.printf("[crash] ingest %s with %d of %d requests answered%s, ready again after %d ms%n",
                        graceful ? "stopped by SIGTERM" : "killed", answeredAtStop, sends.size(),
                        graceful ? " (exited after " + stopped.toMillis() + " ms)" : "", restart.toMillis());
            }
            for (Future<?> f : running) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        Map<String, String> refused = new TreeMap<>();
        answers.forEach((key, a) -> {
            if (a.refusal() != null) {
                refused.put(key, a.refusal());
            }
        });

        // asked once more, every key answers the ids it answered first
        Map<String, Answer> again = new ConcurrentHashMap<>();
        ExecutorService replays = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Send s : sends) {
                done.add(replays.submit(() -> {
                    Answer a = post(token, s);
                    again.put(s.key(), a == null ? new Answer(List.of(), "no answer") : a);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            replays.shutdownNow();
        }

        // Meta's side: every recipient has one message (duplicates to the same recipient wait out the pair limit, so
        // the ledger is read once it stopped growing)
        long accepted = answers.values().stream().mapToLong(a -> a.messageIds().size()).sum();
        await("every message reached the simulator").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> simulatorTotal() >= accepted);
        long[] last = {-1};
        await("the simulator's ledger stopped growing").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(4))
                .until(() -> {
                    long total = simulatorTotal();
                    boolean stable = total == last[0];
                    last[0] = total;
                    return stable;
                });
        Map<String, List<String>> twice = new TreeMap<>();
        List<String> lost = new ArrayList<>();
        List<String> wrongId = new ArrayList<>();
        for (Send s : sends) {
            Answer a = answers.get(s.key());
            if (a == null || a.refusal() != null) {
                continue;
            }
            for (int i = 0; i < s.recipients().size(); i++) {
                String recipient = s.recipients().get(i);
                List<String> ids = new ArrayList<>();
                simulatorLedger(recipient).forEach(e -> ids.add(e.path("callbackData").asText()));
                if (ids.isEmpty()) {
                    lost.add(recipient);
                } else if (ids.size() > 1) {
                    twice.put(recipient, ids);
                } else if (!ids.get(0).equals(a.messageIds().get(i))) {
                    wrongId.add(recipient + " got " + ids.get(0) + ", the caller was answered " + a.messageIds().get(i));
                }
            }
        }
        System.out.printf("[crash] %d messages in %d requests (%d batches of %d), %d kills and a SIGTERM: %d requests answered, %d refused,"
                        + " %d retries; simulator total %d: %d recipients twice, %d lost, %d with another id than answered%n",
                MESSAGES, sends.size(), sends.stream().filter(Send::batch).count(), BATCH, KILLS, answers.size(), refused.size(),
                retries.get(), simulatorTotal(), twice.size(), lost.size(), wrongId.size());
        twice.forEach((recipient, ids) -> System.out.printf("[crash] %s received %s%n", recipient, ids));
        assertThat(twice).as("recipients who received the message more than once (ids)").isEmpty();
        assertThat(lost).as("recipients who received nothing").isEmpty();
        assertThat(wrongId).as("recipients whose message is not the one the caller was answered").isEmpty();
        assertThat(again).as("a replay answers the first message ids").isEqualTo(answers);
        assertThat(refused).as("requests refused instead of accepted").isEmpty();
        assertThat(answers).as("every key answered").hasSize(sends.size());
        assertThat(answers.values().stream().flatMap(a -> a.messageIds().stream()).distinct().count())
                .as("one message id per message").isEqualTo(MESSAGES);
    }

    /** The answer, or null when there was none (connection refused or reset, timeout, 5xx). */
    private Answer post(String token, Send s) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(platform.serviceUrl(PlatformService.INGEST)
                        .resolve(s.batch() ? "/v1/messages:batch" : "/v1/messages"))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", s.key())
                .POST(HttpRequest.BodyPublishers.ofString(s.body())).build();
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
        if (r.statusCode() >= 500) {
            return null;
        }
        if (r.statusCode() != 202) {
            return new Answer(List.of(), r.statusCode() + " " + r.body());
        }
        JsonNode body = JSON.readTree(r.body());
        if (!s.batch()) {
            return new Answer(List.of(body.path("messageId").asText()), null);
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            ids.add(item.path("message").path("messageId").asText());
        }
        return body.path("rejected").asInt() == 0 ? new Answer(ids, null) : new Answer(ids, "items refused: " + r.body());
    }

    private static long optedIn(Connection db, List<String> phones) throws Exception {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT count(*) FROM dispatch.consent_projection WHERE phone = ANY(?) AND project = 'e2e' AND utility = 'OPTED_IN'")) {
            s.setArray(1, db.createArrayOf("varchar", phones.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long simulatorTotal() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(simulator("/sim/ledger")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("total").asLong();
    }

    private List<JsonNode> simulatorLedger(String phone) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(simulator("/sim/ledger?recipient="
                + URLEncoder.encode(phone, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> entries = new ArrayList<>();
        JSON.readTree(r.body()).forEach(entries::add);
        return entries;
    }

    private URI simulator(String path) {
        return platform.serviceUrl(PlatformService.CLOUD_API_SIMULATOR).resolve(path);
    }

    /** Walks up from this module to the folder holding the {@code safesend} script. */
    private static Path repoRoot() {
        for (Path dir = MODULE; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("safesend")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder holding the 'safesend' script above " + MODULE);
    }
}
