package dev.safesend.healthmonitor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.healthmonitor.domain.AlertDelivery;
import dev.safesend.healthmonitor.domain.AlertFormat;
import dev.safesend.healthmonitor.domain.HealthChange;
import dev.safesend.healthmonitor.domain.HealthState;
import dev.safesend.healthmonitor.repository.AlertDeliveryRepository;
import dev.safesend.testsupport.SafesendInfraResource;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Alerts end to end against real PostgreSQL and a local webhook receiver ({@link AlertReceiverResource}): every raised
 * change is five deliveries (Alertmanager ok / flaky / down, Slack ok / rejecting). Each test raises its own change for
 * its own sender and waits until all of that change's deliveries are finished, so tests do not see each other's.
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(AlertDeliveryComponentTest.AlertsAlone.class)
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@QuarkusTestResource(AlertReceiverResource.class)
class AlertDeliveryComponentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @InjectAlertReceiver
    AlertReceiver receiver;

    @Inject
    AlertService alerts;

    @Inject
    AlertDeliveryRepository deliveries;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @Inject
    TransactionManager transactionManager;

    record Row(UUID deliveryId, String target, String format, String status, int attempts, Integer lastStatus) {
    }

    @Test
    void aRaisedChangeIsDeliveredOnceInEachFormat() throws Exception {
        String sender = newSender();
        UUID alertId = raiseCommitted(change(sender, HealthState.WARNING, HealthState.CRITICAL));

        awaitFinished(alertId);
        Row alertmanager = row(alertId, AlertReceiver.ALERTMANAGER_OK);
        Row slack = row(alertId, AlertReceiver.SLACK_OK);
        assertThat(alertmanager.status()).isEqualTo("DELIVERED");
        assertThat(alertmanager.attempts()).isEqualTo(1);
        assertThat(slack.status()).isEqualTo("DELIVERED");
        assertThat(slack.attempts()).isEqualTo(1);

        assertThat(receiver.postsTo(AlertReceiver.ALERTMANAGER_OK, sender)).hasSize(1);
        List<AlertReceiver.Post> toAlertmanager = receiver.postsWithKey(alertmanager.deliveryId().toString());
        assertThat(toAlertmanager).hasSize(1);
        JsonNode alertArray = JSON.readTree(toAlertmanager.get(0).body());
        assertThat(alertArray.isArray()).isTrue();
        assertThat(alertArray).hasSize(2);
        assertThat(alertArray.get(0).path("labels").path("state").asText()).isEqualTo("WARNING");
        assertThat(alertArray.get(0).has("endsAt")).isTrue();
        JsonNode firing = alertArray.get(1);
        assertThat(firing.path("labels").path("alertname").asText()).isEqualTo("SenderHealthDegraded");
        assertThat(firing.path("labels").path("sender_id").asText()).isEqualTo(sender);
        assertThat(firing.path("labels").path("state").asText()).isEqualTo("CRITICAL");
        assertThat(firing.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(firing.path("annotations").path("alert_id").asText()).isEqualTo(alertId.toString());
        assertThat(firing.has("endsAt")).isFalse();

        assertThat(receiver.postsTo(AlertReceiver.SLACK_OK, sender)).hasSize(1);
        List<AlertReceiver.Post> toSlack = receiver.postsWithKey(slack.deliveryId().toString());
        assertThat(toSlack).hasSize(1);
        JsonNode message = JSON.readTree(toSlack.get(0).body());
        assertThat(message.path("text").asText()).contains("WARNING → CRITICAL");
        assertThat(message.path("blocks").size()).isGreaterThan(0);
    }

    @Test
    void aTargetAnswering500TwiceGetsTheAlertOnTheThirdAttemptAfterTheBackoff() throws Exception {
        UUID alertId = raiseCommitted(change(newSender(), HealthState.HEALTHY, HealthState.WARNING));

        awaitFinished(alertId);
        Row flaky = row(alertId, AlertReceiver.ALERTMANAGER_FLAKY);
        assertThat(flaky.status()).isEqualTo("DELIVERED");
        assertThat(flaky.attempts()).isEqualTo(3);
        assertThat(flaky.lastStatus()).isEqualTo(200);
        List<AlertReceiver.Post> attempts = receiver.postsWithKey(flaky.deliveryId().toString());
        assertThat(attempts).extracting(AlertReceiver.Post::answered).containsExactly(500, 500, 200);
        assertThat(attempts).extracting(AlertReceiver.Post::body).containsOnly(attempts.get(0).body());
        // the backoff (200 ms, then 400 ms) is a lower bound on the gaps
        assertThat(Duration.between(attempts.get(0).receivedAt(), attempts.get(1).receivedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(attempts.get(1).receivedAt(), attempts.get(2).receivedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aTargetAnswering400IsNotRetried() throws Exception {
        UUID alertId = raiseCommitted(change(newSender(), HealthState.HEALTHY, HealthState.WARNING));

        // every delivery of the change finished: the down target's four attempts took at least 1.4 s, several times
        // the 200 ms after which a retried 400 would have come again
        awaitFinished(alertId);
        Row rejecting = row(alertId, AlertReceiver.SLACK_REJECTING);
        assertThat(rejecting.status()).isEqualTo("FAILED");
        assertThat(rejecting.attempts()).isEqualTo(1);
        assertThat(rejecting.lastStatus()).isEqualTo(400);
        assertThat(receiver.postsWithKey(rejecting.deliveryId().toString())).hasSize(1);
    }

    @Test
    void aTargetThatKeepsFailingIsGivenUpAfterTheLastAttempt() throws Exception {
        UUID alertId = raiseCommitted(change(newSender(), HealthState.WARNING, HealthState.PAUSED));

        awaitFinished(alertId);
        Row down = row(alertId, AlertReceiver.ALERTMANAGER_DOWN);
        assertThat(down.status()).isEqualTo("FAILED");
        assertThat(down.attempts()).isEqualTo(4);
        assertThat(down.lastStatus()).isEqualTo(503);
        assertThat(receiver.postsWithKey(down.deliveryId().toString())).extracting(AlertReceiver.Post::answered)
                .containsExactly(503, 503, 503, 503);
    }

    @Test
    void deliveriesAndChangesAreCountedByOutcome() {
        double amDelivered = count(HealthMonitorMetrics.ALERTS_DELIVERED, "format", "alertmanager");
        double slackDelivered = count(HealthMonitorMetrics.ALERTS_DELIVERED, "format", "slack");
        double slackRejected = count(HealthMonitorMetrics.ALERTS_FAILED, "format", "slack", "reason", "rejected");
        double amExhausted = count(HealthMonitorMetrics.ALERTS_FAILED, "format", "alertmanager", "reason", "exhausted");
        double toPaused = count(HealthMonitorMetrics.SENDER_CHANGES, "to", "PAUSED");

        UUID alertId = raiseCommitted(change(newSender(), HealthState.CRITICAL, HealthState.PAUSED));
        assertThat(count(HealthMonitorMetrics.SENDER_CHANGES, "to", "PAUSED")).isEqualTo(toPaused + 1);

        awaitFinished(alertId);
        assertThat(count(HealthMonitorMetrics.ALERTS_DELIVERED, "format", "alertmanager")).isEqualTo(amDelivered + 2);
        assertThat(count(HealthMonitorMetrics.ALERTS_DELIVERED, "format", "slack")).isEqualTo(slackDelivered + 1);
        assertThat(count(HealthMonitorMetrics.ALERTS_FAILED, "format", "slack", "reason", "rejected")).isEqualTo(slackRejected + 1);
        assertThat(count(HealthMonitorMetrics.ALERTS_FAILED, "format", "alertmanager", "reason", "exhausted")).isEqualTo(amExhausted + 1);
    }

    @Test
    void aChangeWhoseTransactionRollsBackQueuesAndSendsNothing() throws Exception {
        String sender = newSender();
        double toCritical = count(HealthMonitorMetrics.SENDER_CHANGES, "to", "CRITICAL");

        QuarkusTransaction.begin();
        UUID alertId;
        try {
            alertId = alerts.raise(change(sender, HealthState.HEALTHY, HealthState.CRITICAL));
            assertThat(rowsOf(alertId)).hasSize(5); // written in this transaction, visible to it
        } finally {
            QuarkusTransaction.rollback();
        }

        assertThat(rowsOf(alertId)).isEmpty();
        assertThat(count(HealthMonitorMetrics.SENDER_CHANGES, "to", "CRITICAL")).isEqualTo(toCritical);
    }

    @Test
    void raisingOutsideATransactionIsRefused() throws Exception {
        String sender = newSender();

        assertThatThrownBy(() -> alerts.raise(change(sender, HealthState.HEALTHY, HealthState.WARNING)))
                .isInstanceOf(TransactionalException.class);
        assertThat(rowsOfSender(sender)).isZero();
    }

    @Test
    void aDeliveryClaimedByAWorkerThatDiedIsSentOnceItsLeaseEnds() throws Exception {
        Instant[] leaseEnd = new Instant[1];
        UUID alertId = QuarkusTransaction.requiringNew().call(() -> {
            UUID id = alerts.raise(change(newSender(), HealthState.HEALTHY, HealthState.WARNING));
            Instant now = Instant.now();
            leaseEnd[0] = now.plusSeconds(3);
            // a worker claims the new rows and dies before posting any of them (nothing ever records an outcome)
            List<AlertDelivery> claimed = deliveries.claim(now, leaseEnd[0], UUID.randomUUID(), 100);
            assertThat(claimed).hasSize(5).extracting(AlertDelivery::alertId).containsOnly(id);
            return id;
        });

        awaitFinished(alertId);
        for (String path : List.of(AlertReceiver.ALERTMANAGER_OK, AlertReceiver.SLACK_OK)) {
            Row ok = row(alertId, path);
            assertThat(ok.status()).isEqualTo("DELIVERED");
            assertThat(ok.attempts()).as("the dead worker's attempt counts").isEqualTo(2);
            List<AlertReceiver.Post> posts = receiver.postsWithKey(ok.deliveryId().toString());
            assertThat(posts).hasSize(1);
            // PostgreSQL keeps microseconds: the stored lease may be up to 1 µs before the Instant
            assertThat(posts.get(0).receivedAt()).isAfterOrEqualTo(leaseEnd[0].minusMillis(1));
        }
    }

    @Test
    void workersSkipRowsAnotherWorkerHoldsAndNeverClaimMoreThanTheirLimit() throws Exception {
        String a = newSender();
        String b = newSender();
        String c = newSender();
        // due far in the future: the running worker never takes them; the claims below pretend it is then
        Instant due = Instant.parse("2999-01-01T00:00:00Z");
        Instant then = due.plusSeconds(1);
        URI nowhere = URI.create("http://127.0.0.1:9/never");
        deliveries.add(List.of(a, b, c).stream().map(s -> new AlertDelivery(UUID.randomUUID(), UUID.randomUUID(), s, nowhere,
                AlertFormat.SLACK, "{}", 0)).toList(), due);
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT 1 FROM alert_delivery WHERE sender_id = ? FOR UPDATE")) {
                lock.setString(1, a);
                lock.executeQuery().close();
            }

            List<String> claimedSenders = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> inRolledBackTransaction(() ->
                    deliveries.claim(then, then.plusSeconds(60), UUID.randomUUID(), 1000).stream().map(AlertDelivery::senderId).toList()));
            assertThat(claimedSenders).contains(b, c).doesNotContain(a);

            UUID token = UUID.randomUUID();
            long[] claimedAndLeased = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> inRolledBackTransaction(() -> new long[]{
                    deliveries.claim(then, then.plusSeconds(60), token, 1).size(), rowsClaimedBy(token)}));
            assertThat(claimedAndLeased).containsExactly(1, 1);
            holder.rollback();
        } finally {
            deleteRowsOf(List.of(a, b, c));
        }
    }

    @Test
    void theAlertRulesReadOnlyMetricsTheServiceExposes() throws Exception {
        alerts.senderStates(Map.of(HealthState.CRITICAL, 2L, HealthState.WARNING, 1L));

        String exposed = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(exposed).containsPattern("(?m)^health_senders\\{state=\"CRITICAL\"} 2\\.0$")
                .containsPattern("(?m)^health_senders\\{state=\"WARNING\"} 1\\.0$")
                .containsPattern("(?m)^health_senders\\{state=\"HEALTHY\"} 0\\.0$");

        Set<String> used = metricsInRules(Path.of("..", "k8s", "base", "alerts", "sender-health.yaml"));
        assertThat(used).contains("health_senders", "health_alerts_failed_total", "health_alerts_pending");
        for (String name : used) {
            assertThat(exposed).as("metric %s, read by an alert rule", name).containsPattern("(?m)^" + name + "[{ ]");
        }
    }

    private HealthChange change(String sender, HealthState from, HealthState to) {
        double factor = switch (to) {
            case HEALTHY -> 1.0;
            case WARNING -> 0.7;
            case CRITICAL, PAUSED -> 0.0;
        };
        return new HealthChange(sender, "portfolio-1", "+15550100" + sender.substring(sender.length() - 3), from, to, factor, 61.5,
                List.of("OPT_OUT_RATE"), null, Instant.now(), "policy", "opt-out rate 0.14% of 4,210 delivered in 24 h over 0.10%");
    }

    private static String newSender() {
        return "1100" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000_000L);
    }

    private UUID raiseCommitted(HealthChange change) {
        return QuarkusTransaction.requiringNew().call(() -> alerts.raise(change));
    }

    private void awaitFinished(UUID alertId) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(rowsOf(alertId)).hasSize(5).extracting(Row::status).doesNotContain("PENDING"));
    }

    private Row row(UUID alertId, String path) throws SQLException {
        return rowsOf(alertId).stream().filter(r -> URI.create(r.target()).getPath().equals(path)).findFirst().orElseThrow();
    }

    private List<Row> rowsOf(UUID alertId) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT delivery_id, target_url, format, status, attempts, last_status FROM alert_delivery
                     WHERE alert_id = ? ORDER BY seq""")) {
            s.setObject(1, alertId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            (Integer) rs.getObject(6)));
                }
            }
        }
        return rows;
    }

    private long rowsOfSender(String sender) throws SQLException {
        return queryLong("SELECT count(*) FROM alert_delivery WHERE sender_id = ?", sender);
    }

    private long rowsClaimedBy(UUID token) throws SQLException {
        return queryLong("SELECT count(*) FROM alert_delivery WHERE claim = ?", token);
    }

    private long queryLong(String sql, Object parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void deleteRowsOf(List<String> senders) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM alert_delivery WHERE sender_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("varchar", senders.toArray()));
            s.executeUpdate();
        }
    }

    /** On any thread (QuarkusTransaction.begin needs a request context, which a timeout's thread has not). */
    private <T> T inRolledBackTransaction(Callable<T> work) throws Exception {
        transactionManager.begin();
        try {
            return work.call();
        } finally {
            transactionManager.rollback();
        }
    }

    private double count(String name, String... tags) {
        return metrics.get(name).tags(tags).counter().count();
    }

    /** The health_* metric names in the rules' expressions (each on its {@code expr:} line: no block scalars). */
    private static Set<String> metricsInRules(Path rules) throws Exception {
        Set<String> names = new TreeSet<>();
        Pattern metric = Pattern.compile("\\bhealth_[a-z_]+");
        for (String line : Files.readAllLines(rules)) {
            if (line.trim().startsWith("expr:")) {
                assertThat(line.trim()).as("an expression on its expr: line").doesNotMatch("expr:\\s*[|>].*");
                Matcher m = metric.matcher(line);
                while (m.find()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    /** The evaluator off: these tests raise changes themselves and count them exactly. */
    public static class AlertsAlone implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("safesend.health-monitor.evaluate", "false");
        }
    }
}
