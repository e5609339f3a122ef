package dev.safesend.healthmonitor.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.safesend.healthmonitor.domain.AlertFormat;
import dev.safesend.healthmonitor.domain.HealthChange;
import dev.safesend.healthmonitor.domain.HealthState;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A sender health change as the JSON body of a webhook: Alertmanager's {@code POST /api/v2/alerts} array or a Slack
 * incoming-webhook message. Pure: same change, same id, same bytes.
 * <p>
 * Alertmanager identifies an alert by its labels, and {@code state} is one of them, so a change is up to two alerts:
 * the alert of the state left is resolved ({@code endsAt} = the change's time) unless it was HEALTHY, and the alert of
 * the state entered fires unless it is HEALTHY. WARNING → CRITICAL resolves the WARNING alert and fires the CRITICAL
 * one; CRITICAL → HEALTHY only resolves. A change within a state (a new throttle or reasons) re-sends the firing
 * alert with new annotations. Alertmanager keeps the earliest {@code startsAt} it has seen for an alert, so a resolving
 * element carries the change's time as {@code startsAt} as well.
 */
@ApplicationScoped
public class AlertPayloadMapper {

    /** The {@code alertname} label of every alert health-monitor sends. */
    public static final String ALERT_NAME = "SenderHealthDegraded";

    private static final DateTimeFormatter HUMAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Slack: a header's text is at most 150 characters, a field's 2,000, a section's 3,000. */
    private static final int HEADER_MAX = 150;
    private static final int FIELD_MAX = 2000;
    private static final int SECTION_MAX = 3000;

    private final ObjectMapper json = new ObjectMapper();

    /** The body for {@code format}, or empty when there is nothing to tell that format. */
    public Optional<String> render(AlertFormat format, HealthChange change, UUID alertId) {
        return switch (format) {
            case ALERTMANAGER -> alertmanager(change, alertId);
            case SLACK -> Optional.of(slack(change, alertId));
        };
    }

    /** The alerts array, or empty when the change neither leaves nor enters a non-HEALTHY state (nothing to fire or resolve). */
    public Optional<String> alertmanager(HealthChange change, UUID alertId) {
        ArrayNode alerts = json.createArrayNode();
        boolean sameState = change.from() == change.to();
        if (change.from() != HealthState.HEALTHY && !sameState) {
            alerts.add(alert(change, alertId, change.from(), true));
        }
        if (change.to() != HealthState.HEALTHY) {
            alerts.add(alert(change, alertId, change.to(), false));
        }
        return alerts.isEmpty() ? Optional.empty() : Optional.of(write(alerts));
    }

    /** The Slack message: a notification line in {@code text} and the details in {@code blocks}. */
    public String slack(HealthChange change, UUID alertId) {
        String number = number(change);
        String transition = change.from() + " → " + change.to();
        ObjectNode message = json.createObjectNode();
        message.put("text", truncate(escape(emoji(change.to()) + " " + number + ": " + transition + " (throttle "
                + percent(change.throttleFactor()) + ", score " + score(change.score()) + ")"), SECTION_MAX));
        ArrayNode blocks = message.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("emoji", true)
                .put("text", truncate(emoji(change.to()) + " " + number + " is " + change.to(), HEADER_MAX));

        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "Number", number);
        field(fields, "Sender id", change.senderId());
        field(fields, "Portfolio", change.portfolioId() == null ? "—" : change.portfolioId());
        field(fields, "Change", transition);
        field(fields, "Throttle", percent(change.throttleFactor()) + " of the configured rate");
        field(fields, "Score", score(change.score()) + " / 100");
        field(fields, "Reasons", change.reasons().isEmpty() ? "—" : String.join(", ", change.reasons()));
        field(fields, "Until", change.until() == null ? "—" : HUMAN_TIME.format(change.until()));

        ObjectNode why = blocks.addObject().put("type", "section");
        why.putObject("text").put("type", "mrkdwn").put("text", truncate("*Why*\n"
                + escape(blankToDash(change.why())) + "\n_" + meaning(change.to()) + "_", SECTION_MAX));

        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", escape("By "
                + blankToDash(change.actor()) + " at " + HUMAN_TIME.format(change.at()) + " · alert " + alertId));
        return write(message);
    }

    private ObjectNode alert(HealthChange change, UUID alertId, HealthState state, boolean resolved) {
        ObjectNode alert = json.createObjectNode();
        ObjectNode labels = alert.putObject("labels");
        labels.put("alertname", ALERT_NAME);
        labels.put("severity", severity(state));
        labels.put("sender_id", change.senderId());
        if (change.portfolioId() != null) {
            labels.put("portfolio_id", change.portfolioId());
        }
        labels.put("state", state.name());

        ObjectNode annotations = alert.putObject("annotations");
        String number = number(change);
        annotations.put("summary", resolved
                ? "Sender " + number + " is no longer " + state + " (now " + change.to() + ")"
                : "Sender " + number + " is " + state + ": " + meaning(state));
        annotations.put("description", change.from() + " → " + change.to() + " at " + change.at()
                + "; throttle " + percent(change.throttleFactor()) + ", score " + score(change.score())
                + "; reasons: " + (change.reasons().isEmpty() ? "none" : String.join(", ", change.reasons()))
                + "; why: " + blankToDash(change.why())
                + (change.until() == null ? "" : "; until " + change.until())
                + "; by " + blankToDash(change.actor()));
        annotations.put("number", number);
        annotations.put("alert_id", alertId.toString());
        annotations.put("throttle", percent(change.throttleFactor()));
        annotations.put("score", score(change.score()));
        annotations.put("reasons", String.join(",", change.reasons()));
        if (change.until() != null) {
            annotations.put("until", change.until().toString());
        }

        alert.put("startsAt", timestamp(change.at()));
        if (resolved) {
            alert.put("endsAt", timestamp(change.at()));
        }
        return alert;
    }

    private void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", truncate("*" + name + "*\n" + escape(value), FIELD_MAX));
    }

    static String severity(HealthState state) {
        return switch (state) {
            case HEALTHY -> "none";
            case WARNING -> "warning";
            case CRITICAL, PAUSED -> "critical";
        };
    }

    static String meaning(HealthState state) {
        return switch (state) {
            case HEALTHY -> "full rate";
            case WARNING -> "everything sends, at the configured rate × throttle";
            case CRITICAL -> "marketing held; utility and authentication continue";
            case PAUSED -> "nothing sends";
        };
    }

    private static String emoji(HealthState state) {
        return switch (state) {
            case HEALTHY -> ":white_check_mark:";
            case WARNING -> ":warning:";
            case CRITICAL -> ":rotating_light:";
            case PAUSED -> ":no_entry:";
        };
    }

    private static String number(HealthChange change) {
        return change.displayNumber() == null || change.displayNumber().isBlank() ? change.senderId() : change.displayNumber();
    }

    private static String percent(double factor) {
        return String.format(Locale.ROOT, "%.0f%%", factor * 100);
    }

    private static String score(double score) {
        return String.format(Locale.ROOT, "%.1f", score);
    }

    /** RFC 3339 in UTC, to the millisecond. */
    private static String timestamp(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    private static String blankToDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    /** Slack's mrkdwn: &, < and > must be escaped or they become links and mentions. */
    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private String write(Object node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an alert: " + e.getMessage(), e);
        }
    }
}
