package dev.safesend.dispatch.it;

import dev.safesend.schemas.consent.ConsentState;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.DevKeys;
import dev.safesend.testsupport.EmbeddedKafka;
import dev.safesend.testsupport.EmbeddedPostgresServer;
import dev.safesend.testsupport.QuarkusAppProcess;
import dev.safesend.testsupport.SafesendInfraResource;
import io.restassured.http.ContentType;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * dispatch killed (SIGKILL) in the middle of a run and started again: no message reaches Meta twice, and every
 * message reaches it. dispatch runs as its packaged jar in a child JVM (so it can really be killed) next to real
 * Kafka, PostgreSQL and the cloud-api-simulator; the test produces the lanes and consent as ingest and
 * consent-service would. Needs {@code dispatch-service/target/quarkus-app} (packaged before failsafe in {@code verify}).
 */
class DispatchCrashIT {

    private static final List<String> SENDERS = List.of("130000000000001", "130000000000002", "130000000000003");
    private static final int MESSAGES = 3000;
    private static final int PER_TICK = 10; // every 50 ms: 200 messages per second
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;
    private static QuarkusAppProcess simulatorApp;
    private static QuarkusAppProcess dispatch;
    private static PGSimpleDataSource dispatchDb;

    @BeforeAll
    static void startThePlatformSlice() {
        kafka = EmbeddedKafka.start(3);
        postgres = EmbeddedPostgresServer.start();
        Map<String, String> sim = new LinkedHashMap<>();
        sim.put("safesend.simulator.webhook.enabled", "false");
        sim.put("safesend.simulator.access-token", "sim-access-token");
        SENDERS.forEach(s -> sim.put("safesend.simulator.throughput.\"" + s + "\"", "1000"));
        simulatorApp = QuarkusAppProcess.start("cloud-api-simulator", sim);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        props.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
        props.put("quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
        props.put("quarkus.oidc.public-key", SafesendInfraResource.testKeys().publicKeyBase64());
        props.put("quarkus.oidc.token.issuer", DevKeys.ISSUER);
        props.put("safesend.dispatch.cloud-api.base-url", simulatorApp.url());
        props.put("quarkus.rest-client.cloud-api.url", simulatorApp.url());
        // a send claimed at the kill may or may not have left: it is never re-sent, it becomes UNKNOWN (docs/architecture.md, "Reliability rules")
        props.put("safesend.dispatch.reconcile.unknown-after", "15s");
        props.put("safesend.dispatch.opt-out-path.intake.enabled", "false"); // no ingest beats here
        props.put("safesend.dispatch.reconcile.sweep-every", "5s");
        dispatch = QuarkusAppProcess.start("dispatch-service", props);
        dispatchDb = new PGSimpleDataSource();
        dispatchDb.setURL(postgres.jdbcUrl() + "?currentSchema=dispatch");
        dispatchDb.setUser(EmbeddedPostgresServer.USER);
        dispatchDb.setPassword(EmbeddedPostgresServer.PASSWORD);
    }

    @AfterAll
    static void stopIt() {
        for (AutoCloseable c : new AutoCloseable[] {dispatch, simulatorApp, postgres, kafka}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("closing " + c + ": " + e);
                }
            }
        }
    }

    @Test
    void aDispatchKilledMidRunSendsNoMessageTwiceAndAccountsForEveryOne() throws Exception {
        SimulatorControl simulator = new SimulatorControl(simulatorApp.url());
        registerSenders();
        long before = simulator.total(); // the other test's messages went to the same simulator
        List<String> recipients = IntStream.range(0, MESSAGES).mapToObj(i -> "+2637760" + String.format("%05d", i)).toList();
        List<OutboundMessage> messages = IntStream.range(0, MESSAGES)
                .mapToObj(i -> LaneTraffic.utility(SENDERS.get(i % SENDERS.size()), recipients.get(i), 3600)).toList();

        try (LaneTraffic traffic = new LaneTraffic(kafka.bootstrapServers())) {
            recipients.forEach(r -> traffic.consent(r, 1, ConsentState.OPTED_IN));
            traffic.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> ConsentProjection.known(dispatchDb, recipients) == MESSAGES);

            AtomicInteger produced = new AtomicInteger();
            ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
            producer.scheduleAtFixedRate(() -> {
                int from = produced.get();
                if (from >= MESSAGES) {
                    return;
                }
                List<OutboundMessage> tick = messages.subList(from, Math.min(from + PER_TICK, MESSAGES));
                for (int i = 0; i < tick.size(); i++) {
                    // a third urgent, the rest bulk: both lanes are consumed, committed and redelivered
                    traffic.publish((from + i) % 3 == 0 ? Topics.OUTBOUND_URGENT : Topics.OUTBOUND_BULK, tick.get(i));
                }
                traffic.flush();
                produced.addAndGet(tick.size());
            }, 0, 50, TimeUnit.MILLISECONDS);
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> simulator.total() - before >= MESSAGES / 3);
                dispatch.kill();
                long atKill = simulator.total() - before;
                assertThat(atKill).as("killed mid-run").isLessThan(MESSAGES);
                dispatch.restart(READY_WITHIN);
                await().atMost(Duration.ofSeconds(30)).until(() -> produced.get() >= MESSAGES);
            } finally {
                producer.shutdownNow();
            }
        }

        // every message ends at the simulator exactly once, or, if it was claimed in the instant of the kill and
        // nothing is known of its call, UNKNOWN (never re-sent: at most once is the rule, docs/architecture.md, "Reliability rules")
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ledgerCount("INFLIGHT") == 0 && simulator.total() - before + ledgerCount("UNKNOWN") >= MESSAGES);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("only " + (simulator.total() - before) + " of " + MESSAGES + " messages reached the simulator; "
                    + "the missing ones in dispatch's send ledger: " + ledgerStatesOfMissing(simulator, messages, recipients), e);
        }
        Map<String, String> unknown = ledgerStatesOfMissing(simulator, messages, recipients);
        System.out.printf("[crash] %d of %d at the simulator, %d UNKNOWN (claimed at the kill): %s%n", simulator.total() - before, MESSAGES,
                unknown.size(), unknown);
        // this simulator saw only this test's messages: no callback data twice is every messageId at most once
        assertThat(simulator.duplicateCount()).as("sends that reached Meta twice").isZero();
        assertThat(simulator.total() - before + unknown.size()).as("every message accounted for").isEqualTo(MESSAGES);
        assertThat(unknown.values()).as("what did not reach the simulator is UNKNOWN in the ledger").allMatch(v -> v.startsWith("UNKNOWN"));
        assertThat(unknown.size()).as("only what was claimed in the instant of the kill").isLessThanOrEqualTo(50);
        for (int i = 0; i < MESSAGES; i += 97) { // and, to be sure of that reading, a spread of them by recipient
            // (one claimed in the instant of the kill is UNKNOWN, accounted for above, and was never sent)
            assertThat(simulator.callbackDataFor(recipients.get(i))).as("sent to %s", recipients.get(i))
                    .isEqualTo(unknown.containsKey(messages.get(i).getMessageId()) ? List.of() : List.of(messages.get(i).getMessageId()));
        }
    }

    /**
     * SIGTERM (a pod being replaced) in the middle of a run: dispatch stops starting calls, waits for those in flight
     * to be answered and settled, commits and exits well inside the grace period; nothing is left mid-call (no
     * UNKNOWN), and after the restart every message reaches Meta exactly once.
     */
    @Test
    void aDispatchStoppedWithSigtermMidRunFinishesItsCallsAndEveryMessageIsSentExactlyOnce() throws Exception {
        SimulatorControl simulator = new SimulatorControl(simulatorApp.url());
        registerSenders();
        int count = 1500;
        List<String> recipients = IntStream.range(0, count).mapToObj(i -> "+2637761" + String.format("%05d", i)).toList();
        List<OutboundMessage> messages = IntStream.range(0, count)
                .mapToObj(i -> LaneTraffic.utility(SENDERS.get(i % SENDERS.size()), recipients.get(i), 3600)).toList();
        List<String> ids = messages.stream().map(OutboundMessage::getMessageId).toList();
        long before = simulator.total();
        try (LaneTraffic traffic = new LaneTraffic(kafka.bootstrapServers())) {
            recipients.forEach(r -> traffic.consent(r, 1, ConsentState.OPTED_IN));
            traffic.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> ConsentProjection.known(dispatchDb, recipients) == count);
            // produced at 200/s, as ingest would: the stop lands while messages keep arriving
            AtomicInteger produced = new AtomicInteger();
            ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
            producer.scheduleAtFixedRate(() -> {
                int from = produced.get();
                if (from < count) {
                    messages.subList(from, Math.min(from + PER_TICK, count)).forEach(m -> traffic.publish(Topics.OUTBOUND_BULK, m));
                    traffic.flush();
                    produced.addAndGet(Math.min(PER_TICK, count - from));
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> simulator.total() - before >= count / 4);
                Duration stopping = dispatch.terminate(Duration.ofSeconds(60));
                long sentAtStop = simulator.total() - before;
                long inflight = ledgerCount("INFLIGHT", ids);
                System.out.printf("[graceful] SIGTERM after %d of %d sent: exited in %d ms; INFLIGHT in the ledger after exit: %d%n",
                        sentAtStop, count, stopping.toMillis(), inflight);
                assertThat(sentAtStop).as("stopped mid-run").isLessThan(count);
                assertThat(stopping).as("well inside the pod's 60 s grace period").isLessThan(Duration.ofSeconds(30));
                assertThat(inflight).as("calls cut off by the stop").isZero();
                assertThat(java.nio.file.Files.readString(dispatch.log())).contains("calls in flight all settled");
                await().atMost(Duration.ofSeconds(30)).until(() -> produced.get() >= count);
            } finally {
                dispatch.restart(READY_WITHIN); // also when an assertion failed: the other test needs a running dispatch
                producer.shutdownNow();
            }
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> simulator.total() - before >= count);
        assertThat(ledgerCount("UNKNOWN", ids)).as("nothing left not knowing whether it was sent").isZero();
        assertThat(simulator.total() - before).isEqualTo(count);
        for (int i = 0; i < count; i += 7) {
            assertThat(simulator.callbackDataFor(recipients.get(i))).as("sent to %s", recipients.get(i)).containsExactly(ids.get(i));
        }
        assertThat(simulator.duplicateCount()).as("sends that reached Meta twice").isZero();
    }

    private static void registerSenders() {
        String admin = SafesendInfraResource.testKeys().token("admin");
        for (String sender : SENDERS) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                    {"senderId":"%s","wabaId":"100000000000001","displayNumber":"+15550000001","project":"school","pool":"main",
                     "messagesPerSecond":200,"portfolioId":"portfolio-crash","quietHoursStart":"21:00","quietHoursEnd":"08:00"}"""
                    .formatted(sender)).post(dispatch.url() + "/v1/senders").then().statusCode(org.hamcrest.Matchers.anyOf(
                    org.hamcrest.Matchers.equalTo(201), org.hamcrest.Matchers.equalTo(409)));
        }
    }

    private static long ledgerCount(String state, List<String> messageIds) throws SQLException {
        try (Connection c = dispatchDb.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM send_ledger WHERE state = ? AND message_id = ANY(?)")) {
            s.setString(1, state);
            s.setArray(2, c.createArrayOf("text", messageIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long ledgerCount(String state) throws SQLException {
        try (Connection c = dispatchDb.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM send_ledger WHERE state = ?")) {
            s.setString(1, state);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** For a failure message: each missing message's send-ledger state (INFLIGHT: claimed, then the process died). */
    private static Map<String, String> ledgerStatesOfMissing(SimulatorControl simulator, List<OutboundMessage> messages,
                                                            List<String> recipients) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            if (simulator.callbackDataFor(recipients.get(i)).isEmpty()) {
                missing.add(messages.get(i).getMessageId());
            }
        }
        Map<String, String> states = new TreeMap<>();
        missing.forEach(id -> states.put(id, "no ledger row"));
        try (Connection c = dispatchDb.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT message_id, state, claimed_at FROM send_ledger WHERE message_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", missing.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getString(2) + " claimed " + rs.getTimestamp(3).toInstant());
                }
            }
        } catch (SQLException e) {
            states.put("?", "ledger not readable: " + e.getMessage());
        }
        return states;
    }
}
