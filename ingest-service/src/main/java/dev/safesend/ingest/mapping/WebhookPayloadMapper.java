package dev.safesend.ingest.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.safesend.ingest.domain.AccountSignal;
import dev.safesend.ingest.domain.DeliveryStatus;
import dev.safesend.ingest.domain.InboundMessage;
import dev.safesend.ingest.domain.MalformedWebhookException;
import dev.safesend.ingest.domain.MessagingTier;
import dev.safesend.ingest.domain.SenderNumbers;
import dev.safesend.ingest.domain.StatusUpdate;
import dev.safesend.ingest.domain.TemplateEvents;
import dev.safesend.ingest.domain.UnidentifiedUpdate;
import dev.safesend.ingest.domain.WebhookBatch;
import dev.safesend.servicekit.identity.Bsuid;
import dev.safesend.servicekit.identity.PhoneNumbers;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Meta's webhook JSON (Meta's Cloud API documentation) → normalised domain values. The envelope must be Meta's
 * (an {@code entry} array of objects whose {@code changes} carry a {@code field} and an object {@code value};
 * statuses and messages need an id), else the body is malformed. Unknown fields inside are ignored; unknown
 * change fields are kept as OTHER signals with their scalar attributes and reported in {@code unknownFields}.
 *
 * <p>Account changes keep every scalar of the value as a dotted attribute ({@code restriction_info[0].expiration}) and
 * add the values a health rule reads under flat names: {@code display_phone_number}, {@code current_limit},
 * {@code old_limit} and {@code max_daily_conversations_per_business} (tier names, see {@link MessagingTier});
 * {@code restriction_type} (comma-separated when Meta lists several) and {@code expiration} (the latest, epoch
 * seconds); {@code waba_ban_state}, {@code waba_ban_date}; {@code violation_type}; {@code alert_type},
 * {@code alert_severity}, {@code alert_status}, {@code alert_description}, {@code entity_type}, {@code entity_id}.
 * The senderId is the phone-number-id when the change names one (an account alert about a PHONE_NUMBER entity),
 * else the sender whose display number it names ({@link SenderNumbers}), else null (the event is keyed by WABA).
 */
@ApplicationScoped
public class WebhookPayloadMapper {

    /** Every change field of Meta's webhook reference that ingest normalises. */
    public static final Set<String> KNOWN_FIELDS = Set.of("messages", "message_template_status_update",
            "message_template_quality_update", "template_category_update", "phone_number_quality_update",
            "account_update", "account_alerts", "business_capability_update", "user_preferences");

    private static final int MAX_ATTRIBUTE_DEPTH = 3;

    private final ObjectReader reader;
    private final SenderNumbers senders;

    /** A mapper that knows no sender's display number. */
    public WebhookPayloadMapper(ObjectMapper json) {
        this(json, SenderNumbers.NONE);
    }

    @Inject
    public WebhookPayloadMapper(ObjectMapper json, SenderNumbers senders) {
        this.reader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.senders = senders;
    }

    public WebhookBatch parse(byte[] body) {
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (IOException e) {
            throw new MalformedWebhookException("the body is not JSON: "
                    + (e instanceof JsonProcessingException j ? firstLine(j.getOriginalMessage()) : e.getMessage()), e);
        }
        if (root == null || !root.isObject() || !root.path("entry").isArray()) {
            throw malformed("the body is not Meta's envelope: an object with an entry array");
        }
        List<StatusUpdate> statuses = new ArrayList<>();
        List<InboundMessage> inbound = new ArrayList<>();
        List<AccountSignal> signals = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<UnidentifiedUpdate> unidentified = new ArrayList<>();
        int e = 0;
        for (JsonNode entry : root.path("entry")) {
            if (!entry.isObject() || !entry.path("changes").isArray()) {
                throw malformed("entry[" + e + "] is not an object with a changes array");
            }
            String wabaId = text(entry, "id");
            int c = 0;
            for (JsonNode change : entry.path("changes")) {
                String where = "entry[" + e + "].changes[" + c + "]";
                if (!change.isObject() || !change.path("field").isTextual() || !change.path("value").isObject()) {
                    throw malformed(where + " needs a field name and an object value");
                }
                String field = change.path("field").asText();
                JsonNode value = change.path("value");
                if ("messages".equals(field)) {
                    readMessagesChange(where, wabaId, value, statuses, inbound, signals, unidentified);
                } else {
                    if (!KNOWN_FIELDS.contains(field)) {
                        unknown.add(field);
                    }
                    readAccountChange(field, wabaId, value, signals, unidentified);
                }
                c++;
            }
            e++;
        }
        return new WebhookBatch(statuses, inbound, signals, unknown, unidentified);
    }

    private void readMessagesChange(String where, String wabaId, JsonNode value, List<StatusUpdate> statuses,
                                    List<InboundMessage> inbound, List<AccountSignal> signals, List<UnidentifiedUpdate> unidentified) {
        JsonNode metadata = value.path("metadata");
        String senderId = text(metadata, "phone_number_id");
        String display = text(metadata, "display_phone_number");
        int i = 0;
        for (JsonNode s : value.path("statuses")) {
            if (!s.isObject() || !s.path("id").isTextual() || !s.path("status").isTextual()) {
                throw malformed(where + ".value.statuses[" + i + "] needs an id and a status");
            }
            i++;
            var status = DeliveryStatus.fromMeta(text(s, "status"));
            if (status.isEmpty()) {
                Log.debugf("ignoring unknown status '%s' for %s", text(s, "status"), text(s, "id"));
                continue;
            }
            JsonNode error = s.path("errors").path(0);
            // recipient_id is the phone (absent on a send addressed by BSUID); recipient_user_id the BSUID. A failed status
            // of a phone send may carry neither: it is matched to its send by wamid and callback data, not by recipient.
            String recipientId = text(s, "recipient_id");
            String recipientPhone = recipientId == null ? null : PhoneNumbers.toE164(PhoneNumbers.fromWaId(recipientId)).orElse(null);
            String recipientUserId = text(s, "recipient_user_id");
            statuses.add(new StatusUpdate(text(s, "id"), status.get(), epochSeconds(s, "timestamp"),
                    recipientPhone, senderId, text(s, "biz_opaque_callback_data"),
                    error.path("code").canConvertToInt() ? error.path("code").asInt() : null, text(error, "title"),
                    error.path("error_data").has("details") ? text(error.path("error_data"), "details") : text(error, "message"),
                    text(s.path("pricing"), "category"), Bsuid.isBsuid(recipientUserId) ? recipientUserId : null));
        }
        Contacts contacts = Contacts.of(value.path("contacts"));
        int m = 0;
        for (JsonNode message : value.path("messages")) {
            if (!message.isObject() || !message.path("id").isTextual()) {
                throw malformed(where + ".value.messages[" + m + "] needs an id");
            }
            m++;
            InboundMessage parsed = inboundMessage(message, senderId, display, contacts);
            if (parsed.address() == null) {
                unidentified.add(new UnidentifiedUpdate("messages", "inbound", "no valid phone (from) and no BSUID (from_user_id)",
                        senderId, message.toString(), parsed.dedupeKey()));
            } else {
                inbound.add(parsed);
            }
        }
        int k = 0;
        for (JsonNode error : value.path("errors")) {
            // system, app or account errors Meta reports beside the messages (reference §1.5)
            signals.add(new AccountSignal(AccountSignal.Kind.OTHER, "messages.errors", wabaId, senderId,
                    "ERROR_" + text(error, "code"), null, null, null, text(error, "title"), null, null, null, null, null,
                    flat(error), hash(wabaId, "messages.errors:" + k++, error)));
        }
    }

    private static InboundMessage inboundMessage(JsonNode m, String senderId, String display, Contacts contacts) {
        String type = text(m, "type");
        InboundMessage.Kind kind;
        String body = null;
        String payload = null;
        String buttonText = null;
        String systemType = null;
        String newWaId = null;
        String newUserId = null;
        String previousUserId = null;
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
                JsonNode interactive = m.path("interactive");
                JsonNode reply = interactive.has("button_reply") ? interactive.path("button_reply") : interactive.path("list_reply");
                payload = text(reply, "id");
                buttonText = text(reply, "title");
            }
            case "unsupported" -> kind = InboundMessage.Kind.UNSUPPORTED;
            case "system" -> {
                // a number change: user_changed_number (new wa_id and BSUID) or user_changed_user_id (new BSUID only)
                kind = InboundMessage.Kind.OTHER;
                JsonNode system = m.path("system");
                systemType = text(system, "type");
                body = text(system, "body");
                newWaId = firstText(system, "wa_id", "new_wa_id");
                newUserId = firstText(system, "user_id", "new_user_id");
                previousUserId = text(system, "previous_user_id"); // user_changed_user_id names the user only here
            }
            default -> kind = InboundMessage.Kind.OTHER;
        }
        String from = text(m, "from");
        String fromUserId = text(m, "from_user_id");
        JsonNode contact = contacts.of(from, fromUserId);
        String userId = fromUserId != null ? fromUserId : text(contact, "user_id") != null ? text(contact, "user_id") : previousUserId;
        String parentUserId = text(m, "from_parent_user_id") != null ? text(m, "from_parent_user_id") : text(contact, "parent_user_id");
        String waId = from != null ? from : text(contact, "wa_id");
        return new InboundMessage(text(m, "id"), waId, senderId, display, text(contact.path("profile"), "name"), kind, body,
                payload, buttonText, text(m.path("context"), "id"), epochSeconds(m, "timestamp"), userId, parentUserId,
                text(contact.path("profile"), "username"), systemType, newWaId, newUserId);
    }

    /**
     * A change's {@code contacts}: each names a user by {@code wa_id} and/or {@code user_id}, with a profile. A message
     * finds its contact by either; a change with a single contact gives it to every message (Meta sends one per user).
     */
    private record Contacts(List<JsonNode> all) {

        static Contacts of(JsonNode array) {
            List<JsonNode> all = new ArrayList<>();
            array.forEach(all::add);
            return new Contacts(all);
        }

        JsonNode of(String waId, String userId) {
            for (JsonNode c : all) {
                if ((waId != null && waId.equals(text(c, "wa_id"))) || (userId != null && userId.equals(text(c, "user_id")))) {
                    return c;
                }
            }
            return all.size() == 1 ? all.get(0) : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static String firstText(JsonNode node, String field, String orField) {
        String v = text(node, field);
        return v != null || orField == null ? v : text(node, orField);
    }

    private void readAccountChange(String field, String wabaId, JsonNode v, List<AccountSignal> signals,
                                   List<UnidentifiedUpdate> unidentified) {
        String key = hash(wabaId, field, v);
        Map<String, String> attributes = flat(v);
        switch (field) {
            case "message_template_status_update" -> signals.add(new AccountSignal(AccountSignal.Kind.TEMPLATE_STATUS, field,
                    wabaId, null, text(v, "event"), text(v, "message_template_id"), text(v, "message_template_name"),
                    text(v, "message_template_language"), text(v, "reason"), null, null, null, null, null, attributes, key));
            case "template_category_update" -> {
                // Meta sends two shapes: a completed change (previous_category, new_category) and an impending one
                // (correct_category = what it will become, new_category = what it still is, category_update_timestamp)
                boolean impending = text(v, "correct_category") != null;
                signals.add(new AccountSignal(AccountSignal.Kind.TEMPLATE_STATUS, field, wabaId, null,
                        impending ? TemplateEvents.CATEGORY_UPDATE_PENDING : TemplateEvents.CATEGORY_UPDATE,
                        text(v, "message_template_id"), text(v, "message_template_name"), text(v, "message_template_language"),
                        text(v, impending ? "correct_category" : "new_category"), null, null, null, null, null, attributes, key));
            }
            case "message_template_quality_update" -> signals.add(new AccountSignal(AccountSignal.Kind.TEMPLATE_QUALITY, field,
                    wabaId, null, null, text(v, "message_template_id"), text(v, "message_template_name"),
                    text(v, "message_template_language"), null, text(v, "previous_quality_score"),
                    text(v, "new_quality_score"), null, null, null, attributes, key));
            case "phone_number_quality_update" -> {
                String display = text(v, "display_phone_number");
                String currentLimit = MessagingTier.of(text(v, "current_limit"));
                String oldLimit = MessagingTier.of(text(v, "old_limit"));
                putIfPresent(attributes, "current_limit", currentLimit);
                putIfPresent(attributes, "old_limit", oldLimit);
                putIfPresent(attributes, "max_daily_conversations_per_business",
                        MessagingTier.of(text(v, "max_daily_conversations_per_business")));
                signals.add(new AccountSignal(AccountSignal.Kind.PHONE_QUALITY, field, wabaId, senderOf(v, display),
                        text(v, "event"), null, null, null, null, oldLimit, currentLimit, null, null, null, attributes, key));
            }
            case "account_update" -> {
                String display = text(v, "phone_number");
                putIfPresent(attributes, "display_phone_number", display);
                restrictions(v.path("restriction_info"), attributes);
                putIfPresent(attributes, "waba_ban_state", text(v.path("ban_info"), "waba_ban_state"));
                putIfPresent(attributes, "waba_ban_date", text(v.path("ban_info"), "waba_ban_date"));
                putIfPresent(attributes, "violation_type", text(v.path("violation_info"), "violation_type"));
                signals.add(new AccountSignal(AccountSignal.Kind.ACCOUNT_UPDATE, field, wabaId, senderOf(v, display),
                        text(v, "event"), null, null, null, null, null, null, null, null, null, attributes, key));
            }
            case "account_alerts" -> {
                JsonNode alert = v.path("alert_info");
                for (String name : List.of("alert_type", "alert_severity", "alert_status", "alert_description")) {
                    putIfPresent(attributes, name, text(alert, name));
                }
                String entityType = text(v, "entity_type");
                String senderId = "PHONE_NUMBER".equals(entityType) ? text(v, "entity_id") : null;
                signals.add(new AccountSignal(AccountSignal.Kind.ACCOUNT_UPDATE, field, wabaId, senderId,
                        text(alert, "alert_type"), null, null, null, text(alert, "alert_description"), null, null, null,
                        null, null, attributes, key));
            }
            case "business_capability_update" -> {
                // the portfolio's limit: the tier, else the legacy per-phone integer (-1 = unlimited)
                String limit = MessagingTier.of(text(v, "max_daily_conversations_per_business") != null
                        ? text(v, "max_daily_conversations_per_business") : text(v, "max_daily_conversation_per_phone"));
                putIfPresent(attributes, "max_daily_conversations_per_business", limit);
                signals.add(new AccountSignal(AccountSignal.Kind.ACCOUNT_UPDATE, field, wabaId, null,
                        "BUSINESS_CAPABILITY_UPDATE", null, null, null, null, null, limit, null, null, null, attributes, key));
            }
            case "user_preferences" -> {
                Contacts contacts = Contacts.of(v.path("contacts"));
                for (JsonNode p : v.path("user_preferences")) {
                    // the user by phone (wa_id, may be withheld) and/or BSUID (user_id, here or in the change's contacts)
                    JsonNode contact = contacts.of(text(p, "wa_id"), text(p, "user_id"));
                    String waId = text(p, "wa_id") != null ? text(p, "wa_id") : text(contact, "wa_id");
                    String userId = text(p, "user_id") != null ? text(p, "user_id") : text(contact, "user_id");
                    String parentUserId = text(p, "parent_user_id") != null ? text(p, "parent_user_id") : text(contact, "parent_user_id");
                    boolean phone = waId != null && PhoneNumbers.toE164(PhoneNumbers.fromWaId(waId)).isPresent();
                    String dedupeKey = hash(wabaId, field, p);
                    if (!phone && !Bsuid.isBsuid(userId)) {
                        unidentified.add(new UnidentifiedUpdate(field, "user_preferences", "no valid phone (wa_id) and no BSUID (user_id)",
                                text(v.path("metadata"), "phone_number_id"), p.toString(), dedupeKey));
                        continue;
                    }
                    signals.add(new AccountSignal(AccountSignal.Kind.USER_PREFERENCES, field, wabaId,
                            text(v.path("metadata"), "phone_number_id"), null, null, null, null, text(p, "detail"), null,
                            null, phone ? waId : null, text(p, "category"), text(p, "value"), flat(p),
                            dedupeKey, Bsuid.isBsuid(userId) ? userId : null, Bsuid.isBsuid(parentUserId) ? parentUserId : null));
                }
            }
            default -> signals.add(new AccountSignal(AccountSignal.Kind.OTHER, field, wabaId, null, text(v, "event"),
                    null, null, null, null, null, null, null, null, null, attributes, key));
        }
    }

    /**
     * The phone-number-id a change names ({@code phone_number_id} in the value or its metadata), else the sender whose
     * display number it names, else null.
     */
    private String senderOf(JsonNode value, String displayNumber) {
        String id = text(value, "phone_number_id") != null ? text(value, "phone_number_id")
                : text(value.path("metadata"), "phone_number_id");
        return id != null ? id : senders.senderFor(displayNumber).orElse(null);
    }

    /** {@code restriction_type}: every type, comma-separated; {@code expiration}: the latest (epoch seconds). */
    private static void restrictions(JsonNode restrictions, Map<String, String> attributes) {
        StringJoiner types = new StringJoiner(",");
        Long latest = null;
        for (JsonNode restriction : restrictions) {
            String type = text(restriction, "restriction_type");
            if (type != null) {
                types.add(type);
            }
            JsonNode expiration = restriction.path("expiration");
            if (expiration.canConvertToLong() || expiration.isTextual() && expiration.asText().strip().matches("\\d+")) {
                long at = expiration.isTextual() ? Long.parseLong(expiration.asText().strip()) : expiration.asLong();
                latest = latest == null ? at : Math.max(latest, at);
            }
        }
        if (types.length() > 0) {
            attributes.put("restriction_type", types.toString());
        }
        if (latest != null) {
            attributes.put("expiration", Long.toString(latest));
        }
    }

    private static void putIfPresent(Map<String, String> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }

    /** Scalar fields of a change value (nested objects and arrays as dotted paths), so nothing Meta sent is lost. */
    static Map<String, String> flat(JsonNode value) {
        Map<String, String> out = new HashMap<>();
        flatten("", value, out, 0);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, int depth) {
        if (depth > MAX_ATTRIBUTE_DEPTH || out.size() >= 64) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out, depth + 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), out, depth + 1);
            }
        } else if (!node.isNull() && !prefix.isEmpty()) {
            out.put(prefix, node.asText());
        }
    }

    private static String hash(String wabaId, String field, JsonNode value) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((wabaId + "|" + field + "|").getBytes(StandardCharsets.UTF_8));
            sha.update(value.toString().getBytes(StandardCharsets.UTF_8));
            return "account:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MalformedWebhookException malformed(String message) {
        return new MalformedWebhookException(message, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static Instant epochSeconds(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return Instant.now();
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(v.asText().strip()));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Instant.now();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
