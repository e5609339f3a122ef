package dev.safesend.healthmonitor.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.healthmonitor.domain.AlertFormat;
import dev.safesend.healthmonitor.domain.HealthChange;
import dev.safesend.healthmonitor.domain.HealthState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AlertPayloadMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ALERT_ID = UUID.fromString("0b7c6f1e-2d3a-4c5b-8e9f-a0b1c2d3e4f5");
    private static final Instant AT = Instant.parse("2025-06-01T12:00:00.123456Z");
    private static final Instant UNTIL = Instant.parse("2025-06-01T14:00:00Z");

    private final AlertPayloadMapper mapper = new AlertPayloadMapper();

    @Test
    void aNumberGettingWorseResolvesTheOldStatesAlertAndFiresTheNewOne() throws Exception {
        JsonNode alerts = alertmanager(change(HealthState.WARNING, HealthState.CRITICAL, 0.0));

        assertThat(alerts).hasSize(2);
        JsonNode resolved = alerts.get(0);
        assertThat(labels(resolved)).isEqualTo(JSON.readTree("""
                {"alertname":"SenderHealthDegraded","severity":"warning","sender_id":"110000000000001",
                 "portfolio_id":"pf-7","state":"WARNING"}"""));
        assertThat(resolved.path("endsAt").asText()).isEqualTo("2025-06-01T12:00:00.123Z");
        assertThat(resolved.path("annotations").path("summary").asText()).isEqualTo("Sender +263771234567 is no longer WARNING (now CRITICAL)");

        JsonNode firing = alerts.get(1);
        assertThat(labels(firing)).isEqualTo(JSON.readTree("""
                {"alertname":"SenderHealthDegraded","severity":"critical","sender_id":"110000000000001",
                 "portfolio_id":"pf-7","state":"CRITICAL"}"""));
        assertThat(firing.path("startsAt").asText()).isEqualTo("2025-06-01T12:00:00.123Z");
        assertThat(firing.has("endsAt")).isFalse();
        assertThat(firing.has("generatorURL")).isFalse();
        JsonNode annotations = firing.path("annotations");
        assertThat(annotations.path("summary").asText())
                .isEqualTo("Sender +263771234567 is CRITICAL: marketing held; utility and authentication continue");
        assertThat(annotations.path("description").asText())
                .contains("WARNING → CRITICAL", "throttle 0%", "score 41.5", "OPT_OUT_RATE, QUALITY_YELLOW",
                        "opt-out rate 0.14% of 4,210 delivered in 24 h over 0.10%", "until 2025-06-01T14:00:00Z", "by policy");
        assertThat(annotations.path("alert_id").asText()).isEqualTo(ALERT_ID.toString());
        assertThat(annotations.path("until").asText()).isEqualTo("2025-06-01T14:00:00Z");
    }

    @Test
    void aNumberThatIsHealthyAgainOnlyResolvesItsAlert() throws Exception {
        JsonNode alerts = alertmanager(change(HealthState.CRITICAL, HealthState.HEALTHY, 1.0));

        assertThat(alerts).hasSize(1);
        assertThat(labels(alerts.get(0)).path("state").asText()).isEqualTo("CRITICAL");
        assertThat(labels(alerts.get(0)).path("severity").asText()).isEqualTo("critical");
        assertThat(alerts.get(0).path("endsAt").asText()).isEqualTo("2025-06-01T12:00:00.123Z");
    }

    @Test
    void theResolvingAlertCarriesTheLabelsItsFiringAlertHad() throws Exception {
        JsonNode fired = alertmanager(change(HealthState.HEALTHY, HealthState.PAUSED, 0.0)).get(0);
        JsonNode resolved = alertmanager(change(HealthState.PAUSED, HealthState.HEALTHY, 1.0)).get(0);

        assertThat(fired.has("endsAt")).isFalse();
        assertThat(resolved.has("endsAt")).isTrue();
        assertThat(labels(resolved)).isEqualTo(labels(fired));
    }

    @Test
    void aChangeWithinAStateResendsTheFiringAlertWithoutResolvingIt() throws Exception {
        JsonNode alerts = alertmanager(change(HealthState.WARNING, HealthState.WARNING, 0.5));

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).has("endsAt")).isFalse();
        assertThat(alerts.get(0).path("annotations").path("throttle").asText()).isEqualTo("50%");
    }

    @Test
    void aChangeThatNeverLeavesHealthyHasNothingForAlertmanager() {
        assertThat(mapper.alertmanager(change(HealthState.HEALTHY, HealthState.HEALTHY, 1.0), ALERT_ID)).isEmpty();
        assertThat(mapper.render(AlertFormat.SLACK, change(HealthState.HEALTHY, HealthState.HEALTHY, 1.0), ALERT_ID)).isPresent();
    }

    @Test
    void aNumberWithoutPortfolioHasNoPortfolioLabel() throws Exception {
        HealthChange c = new HealthChange("110000000000002", null, null, HealthState.HEALTHY, HealthState.WARNING, 0.7, 80,
                List.of(), null, AT, "policy", null);

        JsonNode alert = JSON.readTree(mapper.alertmanager(c, ALERT_ID).orElseThrow()).get(0);

        assertThat(labels(alert).has("portfolio_id")).isFalse();
        assertThat(alert.path("annotations").path("summary").asText()).startsWith("Sender 110000000000002 is WARNING");
        assertThat(alert.path("annotations").has("until")).isFalse();
    }

    @Test
    void theSlackMessageTellsNumberChangeThrottleScoreReasonsWhyAndUntil() throws Exception {
        JsonNode message = JSON.readTree(mapper.slack(change(HealthState.WARNING, HealthState.CRITICAL, 0.0), ALERT_ID));

        assertThat(message.path("text").asText())
                .isEqualTo(":rotating_light: +263771234567: WARNING → CRITICAL (throttle 0%, score 41.5)");
        assertThat(message.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(message.path("blocks").get(0).path("text").path("text").asText()).isEqualTo(":rotating_light: +263771234567 is CRITICAL");
        List<String> fields = new ArrayList<>();
        message.path("blocks").get(1).path("fields").forEach(f -> fields.add(f.path("text").asText()));
        assertThat(fields).containsExactly(
                "*Number*\n+263771234567",
                "*Sender id*\n110000000000001",
                "*Portfolio*\npf-7",
                "*Change*\nWARNING → CRITICAL",
                "*Throttle*\n0% of the configured rate",
                "*Score*\n41.5 / 100",
                "*Reasons*\nOPT_OUT_RATE, QUALITY_YELLOW",
                "*Until*\n2025-06-01 14:00 UTC");
        assertThat(message.path("blocks").get(2).path("text").path("text").asText())
                .isEqualTo("*Why*\nopt-out rate 0.14% of 4,210 delivered in 24 h over 0.10%\n_marketing held; utility and authentication continue_");
        assertThat(message.path("blocks").get(3).path("elements").get(0).path("text").asText())
                .isEqualTo("By policy at 2025-06-01 12:00 UTC · alert " + ALERT_ID);
    }

    @Test
    void slackControlCharactersInTheWhyAreEscaped() throws Exception {
        HealthChange c = new HealthChange("110000000000001", "pf-7", "+263771234567", HealthState.HEALTHY, HealthState.PAUSED, 0,
                20, List.of("MANUAL"), null, AT, "ops <!channel> & co", "paused by <@U123> & friends");

        String why = JSON.readTree(mapper.slack(c, ALERT_ID)).path("blocks").get(2).path("text").path("text").asText();

        assertThat(why).contains("paused by &lt;@U123&gt; &amp; friends").doesNotContain("<@U123>");
    }

    @Test
    void aVeryLongWhyIsCutToWhatSlackAccepts() throws Exception {
        HealthChange c = new HealthChange("110000000000001", "pf-7", "+263771234567", HealthState.HEALTHY, HealthState.WARNING, 0.7,
                70, List.of("OPT_OUT_RATE"), null, AT, "policy", "x".repeat(10_000));

        String why = JSON.readTree(mapper.slack(c, ALERT_ID)).path("blocks").get(2).path("text").path("text").asText();

        assertThat(why).hasSize(3000).endsWith("…");
    }

    @Test
    void theSameChangeRendersTheSameBytes() {
        HealthChange c = change(HealthState.WARNING, HealthState.CRITICAL, 0.0);

        assertThat(mapper.slack(c, ALERT_ID)).isEqualTo(mapper.slack(c, ALERT_ID));
        assertThat(mapper.alertmanager(c, ALERT_ID)).isEqualTo(mapper.alertmanager(c, ALERT_ID));
    }

    private JsonNode alertmanager(HealthChange change) throws Exception {
        JsonNode alerts = JSON.readTree(mapper.alertmanager(change, ALERT_ID).orElseThrow());
        assertThat(alerts.isArray()).isTrue();
        return alerts;
    }

    private static JsonNode labels(JsonNode alert) {
        return alert.path("labels");
    }

    private static HealthChange change(HealthState from, HealthState to, double factor) {
        return new HealthChange("110000000000001", "pf-7", "+263771234567", from, to, factor, 41.5,
                List.of("OPT_OUT_RATE", "QUALITY_YELLOW"), UNTIL, AT, "policy",
                "opt-out rate 0.14% of 4,210 delivered in 24 h over 0.10%");
    }
}
