package dev.safesend.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.ingest.domain.AccountSignal;
import dev.safesend.ingest.domain.DeliveryStatus;
import dev.safesend.ingest.domain.InboundMessage;
import dev.safesend.ingest.domain.MalformedWebhookException;
import dev.safesend.ingest.domain.PhoneNumbers;
import dev.safesend.ingest.domain.StatusUpdate;
import dev.safesend.ingest.domain.WebhookBatch;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Meta's webhook JSON (reference/cloud-api.md §3) → normalised domain values. Unknown fields are ignored. */
@ApplicationScoped
public class WebhookPayloadMapper {

    private final ObjectMapper json;

    public WebhookPayloadMapper(ObjectMapper json) {
        this.json = json;
    }

    public WebhookBatch parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new MalformedWebhookException("the body is not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (root == null || !root.path("entry").isArray()) {
            throw new MalformedWebhookException("the body has no entry array", null);
        }
        List<StatusUpdate> statuses = new ArrayList<>();
        List<InboundMessage> inbound = new ArrayList<>();
        List<AccountSignal> signals = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            String wabaId = text(entry, "id");
            for (JsonNode change : entry.path("changes")) {
                String field = text(change, "field");
                JsonNode value = change.path("value");
                if ("messages".equals(field)) {
                    readMessagesChange(value, statuses, inbound);
                } else if (field != null) {
                    readAccountChange(field, wabaId, value, signals);
                }
            }
        }
        return new WebhookBatch(statuses, inbound, signals);
    }

    private void readMessagesChange(JsonNode value, List<StatusUpdate> statuses, List<InboundMessage> inbound) {
        JsonNode metadata = value.path("metadata");
        String senderId = text(metadata, "phone_number_id");
        String display = text(metadata, "display_phone_number");
        for (JsonNode s : value.path("statuses")) {
            var status = DeliveryStatus.fromMeta(text(s, "status"));
            if (status.isEmpty()) {
                Log.debugf("ignoring unknown status '%s' for %s", text(s, "status"), text(s, "id"));
                continue;
            }
            JsonNode error = s.path("errors").path(0);
            statuses.add(new StatusUpdate(text(s, "id"), status.get(), epochSeconds(s, "timestamp"),
                    PhoneNumbers.fromWaId(text(s, "recipient_id")), senderId, text(s, "biz_opaque_callback_data"),
                    error.has("code") ? error.path("code").asInt() : null, text(error, "title"),
                    error.path("error_data").has("details") ? text(error.path("error_data"), "details") : text(error, "message"),
                    text(s.path("pricing"), "category")));
        }
        Map<String, String> names = new HashMap<>();
        for (JsonNode contact : value.path("contacts")) {
            names.put(text(contact, "wa_id"), text(contact.path("profile"), "name"));
        }
        for (JsonNode m : value.path("messages")) {
            String type = text(m, "type");
            InboundMessage.Kind kind;
            String body = null;
            String payload = null;
            String buttonText = null;
            switch (type == null ? "" : type) {
                case "text" -> {
                    kind = InboundMessage.Kind.TEXT;
                    body = text(m.path("text"), "body");
                }
                case "button" -> {
                    kind = InboundMessage.Kind.BUTTON;
                    payload = text(m.path("button"), "payload");
                    buttonText = text(m.path("button"), "text");
                }
                case "interactive" -> {
                    kind = InboundMessage.Kind.INTERACTIVE;
                    JsonNode reply = m.path("interactive").has("button_reply") ? m.path("interactive").path("button_reply")
                            : m.path("interactive").path("list_reply");
                    payload = text(reply, "id");
                    buttonText = text(reply, "title");
                }
                case "unsupported" -> kind = InboundMessage.Kind.UNSUPPORTED;
                default -> kind = InboundMessage.Kind.OTHER;
            }
            String from = text(m, "from");
            inbound.add(new InboundMessage(text(m, "id"), from, senderId, display, names.get(from), kind, body, payload,
                    buttonText, text(m.path("context"), "id"), epochSeconds(m, "timestamp")));
        }
    }

    private void readAccountChange(String field, String wabaId, JsonNode v, List<AccountSignal> signals) {
        switch (field) {
            case "message_template_status_update" -> signals.add(new AccountSignal(AccountSignal.Kind.TEMPLATE_STATUS, field,
                    wabaId, null, text(v, "event"), text(v, "message_template_id"), text(v, "message_template_name"),
                    text(v, "message_template_language"), text(v, "reason"), null, null, null, null, null,
                    flat(v)));
            case "message_template_quality_update" -> signals.add(new AccountSignal(AccountSignal.Kind.TEMPLATE_QUALITY, field,
                    wabaId, null, null, text(v, "message_template_id"), text(v, "message_template_name"),
                    text(v, "message_template_language"), null, text(v, "previous_quality_score"),
                    text(v, "new_quality_score"), null, null, null, flat(v)));
            case "phone_number_quality_update" -> signals.add(new AccountSignal(AccountSignal.Kind.PHONE_QUALITY, field,
                    wabaId, null, text(v, "event"), null, null, null, null, text(v, "old_limit"), text(v, "current_limit"),
                    null, null, null, flat(v)));
            case "account_update" -> signals.add(new AccountSignal(AccountSignal.Kind.ACCOUNT_UPDATE, field, wabaId, null,
                    text(v, "event"), null, null, null, null, null, null, null, null, null, flat(v)));
            case "user_preferences" -> {
                for (JsonNode p : v.path("user_preferences")) {
                    signals.add(new AccountSignal(AccountSignal.Kind.USER_PREFERENCES, field, wabaId,
                            text(v.path("metadata"), "phone_number_id"), null, null, null, null, text(p, "detail"), null,
                            null, text(p, "wa_id"), text(p, "category"), text(p, "value"), Map.of()));
                }
            }
            default -> signals.add(new AccountSignal(AccountSignal.Kind.OTHER, field, wabaId, null, text(v, "event"),
                    null, null, null, null, null, null, null, null, null, flat(v)));
        }
    }

    /** Top-level scalar fields of a change value, kept as attributes so nothing Meta sent is lost. */
    private static Map<String, String> flat(JsonNode value) {
        Map<String, String> out = new HashMap<>();
        value.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static Instant epochSeconds(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return Instant.now();
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(v.asText().strip()));
        } catch (NumberFormatException e) {
            return Instant.now();
        }
    }
}
