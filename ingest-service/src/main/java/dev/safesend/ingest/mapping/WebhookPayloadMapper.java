package dev.safesend.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.safesend.cloudapi.wire.ChangeValue;
import dev.safesend.cloudapi.wire.CloudApiJson;
import dev.safesend.cloudapi.wire.WebhookEnvelope;
import dev.safesend.cloudapi.wire.WirePayloadException;
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
 * Meta's webhook JSON (Meta's Cloud API documentation), read by cloud-api-wire into its records, → normalised domain
 * values. The envelope must be Meta's (an {@code entry} array of objects whose {@code changes} carry a {@code field} and
 * an object {@code value}; statuses and messages need an id), else the body is malformed. Unknown fields inside are
 * ignored; unknown change fields are kept as OTHER signals with their scalar attributes and reported in
 * {@code unknownFields}.
 *
 * <p>Account changes keep every scalar of the value as a dotted attribute ({@code restriction_info[0].expiration}) and
 * add the values a health rule reads under flat names: {@code display_phone_number}, {@code current_limit},
 * {@code old_limit} and {@code max_daily_conversations_per_business} (tier names, see {@link MessagingTier});
 * {@code restriction_type} (comma-separated when Meta lists several) and {@code expiration} (the latest, epoch
 * seconds); {@code waba_ban_state}, {@code waba_ban_date}; {@code violation_type}; {@code alert_type},
 * {@code alert_severity}, {@code alert_status}, {@code alert_description}, {@code entity_type}, {@code entity_id}.
 * The senderId is the phone-number-id when the change names one (an account alert about a PHONE_NUMBER entity),
 * else the sender whose display number it names ({@link SenderNumbers}), else null (the event is keyed by WABA).
 * The attributes and the dedupe key of an account change are taken from the value as cloud-api-wire writes it back
 * (its named fields first, then the others in the order Meta sent them).
 */
@ApplicationScoped
public class WebhookPayloadMapper {

    /** Every change field of Meta's webhook reference that ingest normalises. */
    public static final Set<String> KNOWN_FIELDS = Set.of("messages", "message_template_status_update",
            "message_template_quality_update", "template_category_update", "phone_number_quality_update",
            "account_update", "account_alerts", "business_capability_update", "user_preferences");

    private static final int MAX_ATTRIBUTE_DEPTH = 3;

    private final SenderNumbers senders;

    /** A mapper that knows no sender's display number. */
    public WebhookPayloadMapper() {
        this(SenderNumbers.NONE);
    }

    @Inject
    public WebhookPayloadMapper(SenderNumbers senders) {
        this.senders = senders;
    }

    public WebhookBatch parse(byte[] body) {
        WebhookEnvelope root;
        try {
            root = CloudApiJson.readWebhook(body);
        } catch (WirePayloadException e) {
            throw new MalformedWebhookException(e.path().isEmpty() ? "the body is not Meta's envelope (JSON with an entry array): "
                    + e.detail() : e.path() + " does not have Meta's shape: " + e.detail(), e);
        }
        if (root == null || root.entry() == null) {
            throw malformed("the body is not Meta's envelope: an object with an entry array");
        }
        List<StatusUpdate> statuses = new ArrayList<>();
        List<InboundMessage> inbound = new ArrayList<>();
        List<AccountSignal> signals = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<UnidentifiedUpdate> unidentified = new ArrayList<>();
        int e = 0;
        for (WebhookEnvelope.Entry entry : root.entry()) {
            if (entry == null || entry.changes() == null) {
                throw malformed("entry[" + e + "] is not an object with a changes array");
            }
            String wabaId = entry.id();
            int c = 0;
            for (WebhookEnvelope.Change change : entry.changes()) {
                String where = "entry[" + e + "].changes[" + c + "]";
                if (change == null || change.field() == null || change.value() == null) {
                    throw malformed(where + " needs a field name and an object value");
                }
                String field = change.field();
                ChangeValue value = change.value();
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

    private void readMessagesChange(String where, String wabaId, ChangeValue value, List<StatusUpdate> statuses,
                                    List<InboundMessage> inbound, List<AccountSignal> signals, List<UnidentifiedUpdate> unidentified) {
        String senderId = value.metadata() == null ? null : value.metadata().phoneNumberId();
        String display = value.metadata() == null ? null : value.metadata().displayPhoneNumber();
        int i = 0;
        for (ChangeValue.Status s : orEmpty(value.statuses())) {
            if (s == null || s.id() == null || s.status() == null) {
                throw malformed(where + ".value.statuses[" + i + "] needs an id and a status");
            }
            i++;
            var status = DeliveryStatus.fromMeta(s.status());
            if (status.isEmpty()) {
                Log.debugf("ignoring unknown status '%s' for %s", s.status(), s.id());
                continue;
            }
            ChangeValue.WebhookError error = s.firstError();
            // recipient_id is the phone (absent on a send addressed by BSUID); recipient_user_id the BSUID. A failed status
            // of a phone send may carry neither: it is matched to its send by wamid and callback data, not by recipient.
            String recipientId = s.recipientId();
            String recipientPhone = recipientId == null ? null : PhoneNumbers.toE164(PhoneNumbers.fromWaId(recipientId)).orElse(null);
            String recipientUserId = s.recipientUserId();
            statuses.add(new StatusUpdate(s.id(), status.get(), epochSeconds(s.timestamp()),
                    recipientPhone, senderId, s.bizOpaqueCallbackData(),
                    error == null ? null : error.code(), error == null ? null : error.title(),
                    error == null ? null : error.details() != null ? error.details() : error.message(),
                    s.pricing() == null ? null : s.pricing().category(), Bsuid.isBsuid(recipientUserId) ? recipientUserId : null));
        }
        Contacts contacts = new Contacts(orEmpty(value.contacts()));
        int m = 0;
        for (ChangeValue.InboundMessage message : orEmpty(value.messages())) {
            if (message == null || message.id() == null) {
                throw malformed(where + ".value.messages[" + m + "] needs an id");
            }
            m++;
            InboundMessage parsed = inboundMessage(message, senderId, display, contacts);
            if (parsed.address() == null) {
                unidentified.add(new UnidentifiedUpdate("messages", "inbound", "no valid phone (from) and no BSUID (from_user_id)",
                        senderId, CloudApiJson.tree(message).toString(), parsed.dedupeKey()));
            } else {
                inbound.add(parsed);
            }
        }
        int k = 0;
        for (ChangeValue.WebhookError error : orEmpty(value.errors())) {
            if (error == null) {
                continue;
            }
            // system, app or account errors Meta reports beside the messages (reference §1.5)
            JsonNode tree = CloudApiJson.tree(error);
            signals.add(new AccountSignal(AccountSignal.Kind.OTHER, "messages.errors", wabaId, senderId,
                    "ERROR_" + error.code(), null, null, null, error.title(),
                    null, null, null, null, null, flat(tree), hash(wabaId, "messages.errors:" + k++, tree)));
        }
    }

    private static InboundMessage inboundMessage(ChangeValue.InboundMessage m, String senderId, String display, Contacts contacts) {
        String type = m.type();
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
                body = m.text() == null ? null : m.text().body();
            }
            case "button" -> {
                kind = InboundMessage.Kind.BUTTON;
                payload = m.button() == null ? null : m.button().payload();
                buttonText = m.button() == null ? null : m.button().text();
            }
            case "interactive" -> {
                kind = InboundMessage.Kind.INTERACTIVE;
                ChangeValue.Reply reply = m.interactive() == null ? null : m.interactive().reply();
                payload = reply == null ? null : reply.id();
                buttonText = reply == null ? null : reply.title();
            }
            case "unsupported" -> kind = InboundMessage.Kind.UNSUPPORTED;
            case "system" -> {
                // a number change: user_changed_number (new wa_id and BSUID) or user_changed_user_id (new BSUID only)
                kind = InboundMessage.Kind.OTHER;
                ChangeValue.SystemChange system = m.system();
                if (system != null) {
                    systemType = system.type();
                    body = system.body();
                    newWaId = system.waId() != null ? system.waId() : system.newWaId();
                    newUserId = system.userId() != null ? system.userId() : system.newUserId();
                    previousUserId = system.previousUserId(); // user_changed_user_id names the user only here
                }
            }
            default -> kind = InboundMessage.Kind.OTHER;
        }
        String from = m.from();
        String fromUserId = m.fromUserId();
        ChangeValue.Contact contact = contacts.of(from, fromUserId);
        String contactUserId = contact == null ? null : contact.userId();
        String userId = fromUserId != null ? fromUserId : contactUserId != null ? contactUserId : previousUserId;
        String parentUserId = m.fromParentUserId() != null ? m.fromParentUserId() : contact == null ? null : contact.parentUserId();
        String waId = from != null ? from : contact == null ? null : contact.waId();
        return new InboundMessage(m.id(), waId, senderId, display, contact == null ? null : contact.profileName(), kind, body,
                payload, buttonText, m.context() == null ? null : m.context().id(), epochSeconds(m.timestamp()), userId,
                parentUserId, contact == null ? null : contact.username(), systemType, newWaId, newUserId);
    }

    /**
     * A change's {@code contacts}: each names a user by {@code wa_id} and/or {@code user_id}, with a profile. A message
     * finds its contact by either; a change with a single contact gives it to every message (Meta sends one per user).
     */
    private record Contacts(List<ChangeValue.Contact> all) {

        /** The contact naming the user, the only one, or null. */
        ChangeValue.Contact of(String waId, String userId) {
            for (ChangeValue.Contact c : all) {
                if (c != null && ((waId != null && waId.equals(c.waId())) || (userId != null && userId.equals(c.userId())))) {
                    return c;
                }
            }
            return all.size() == 1 ? all.get(0) : null;
        }
    }

    private void readAccountChange(String field, String wabaId, ChangeValue v, List<AccountSignal> signals,
                                   List<UnidentifiedUpdate> unidentified) {
        JsonNode tree = CloudApiJson.tree(v);
        String key = hash(wabaId, field, tree);
        Map<String, String> attributes = flat(tree);
        switch (field) {
            case "message_template_status_update" -> signals.add(new AccountSignal(AccountSignal.Kind.TEMPLATE_STATUS, field,
                    wabaId, null, v.event(), v.messageTemplateId(), v.messageTemplateName(),
                    v.messageTemplateLanguage(), v.reason(), null, null, null, null, null, attributes, key));
            case "template_category_update" -> {
                // Meta sends two shapes: a completed change (previous_category, new_category) and an impending one
                // (correct_category = what it will become, new_category = what it still is, category_update_timestamp)
                boolean impending = v.correctCategory() != null;
                signals.add(new AccountSignal(AccountSignal.Kind.TEMPLATE_STATUS, field, wabaId, null,
                        impending ? TemplateEvents.CATEGORY_UPDATE_PENDING : TemplateEvents.CATEGORY_UPDATE,
                        v.messageTemplateId(), v.messageTemplateName(), v.messageTemplateLanguage(),
                        impending ? v.correctCategory() : v.newCategory(), null, null, null, null, null, attributes, key));
            }
            case "message_template_quality_update" -> signals.add(new AccountSignal(AccountSignal.Kind.TEMPLATE_QUALITY, field,
                    wabaId, null, null, v.messageTemplateId(), v.messageTemplateName(),
                    v.messageTemplateLanguage(), null, v.previousQualityScore(),
                    v.newQualityScore(), null, null, null, attributes, key));
            case "phone_number_quality_update" -> {
                String display = v.displayPhoneNumber();
                String currentLimit = MessagingTier.of(v.currentLimit());
                String oldLimit = MessagingTier.of(v.oldLimit());
                putIfPresent(attributes, "current_limit", currentLimit);
                putIfPresent(attributes, "old_limit", oldLimit);
                putIfPresent(attributes, "max_daily_conversations_per_business",
                        MessagingTier.of(v.maxDailyConversationsPerBusiness()));
                signals.add(new AccountSignal(AccountSignal.Kind.PHONE_QUALITY, field, wabaId, senderOf(v, display),
                        v.event(), null, null, null, null, oldLimit, currentLimit, null, null, null, attributes, key));
            }
            case "account_update" -> {
                String display = v.phoneNumber();
                putIfPresent(attributes, "display_phone_number", display);
                restrictions(orEmpty(v.restrictionInfo()), attributes);
                if (v.banInfo() != null) {
                    putIfPresent(attributes, "waba_ban_state", v.banInfo().wabaBanState());
                    putIfPresent(attributes, "waba_ban_date", v.banInfo().wabaBanDate());
                }
                putIfPresent(attributes, "violation_type", v.violationInfo() == null ? null : v.violationInfo().violationType());
                signals.add(new AccountSignal(AccountSignal.Kind.ACCOUNT_UPDATE, field, wabaId, senderOf(v, display),
                        v.event(), null, null, null, null, null, null, null, null, null, attributes, key));
            }
            case "account_alerts" -> {
                ChangeValue.AlertInfo alert = v.alertInfo();
                if (alert != null) {
                    putIfPresent(attributes, "alert_type", alert.alertType());
                    putIfPresent(attributes, "alert_severity", alert.alertSeverity());
                    putIfPresent(attributes, "alert_status", alert.alertStatus());
                    putIfPresent(attributes, "alert_description", alert.alertDescription());
                }
                String senderId = "PHONE_NUMBER".equals(v.entityType()) ? v.entityId() : null;
                signals.add(new AccountSignal(AccountSignal.Kind.ACCOUNT_UPDATE, field, wabaId, senderId,
                        alert == null ? null : alert.alertType(), null, null, null, alert == null ? null : alert.alertDescription(),
                        null, null, null, null, null, attributes, key));
            }
            case "business_capability_update" -> {
                // the portfolio's limit: the tier, else the legacy per-phone integer (-1 = unlimited)
                String limit = MessagingTier.of(v.maxDailyConversationsPerBusiness() != null
                        ? v.maxDailyConversationsPerBusiness() : v.maxDailyConversationPerPhone());
                putIfPresent(attributes, "max_daily_conversations_per_business", limit);
                signals.add(new AccountSignal(AccountSignal.Kind.ACCOUNT_UPDATE, field, wabaId, null,
                        "BUSINESS_CAPABILITY_UPDATE", null, null, null, null, null, limit, null, null, null, attributes, key));
            }
            case "user_preferences" -> {
                Contacts contacts = new Contacts(orEmpty(v.contacts()));
                String senderId = v.metadataPhoneNumberId();
                for (ChangeValue.UserPreference p : orEmpty(v.userPreferences())) {
                    if (p == null) {
                        continue;
                    }
                    // the user by phone (wa_id, may be withheld) and/or BSUID (user_id, here or in the change's contacts)
                    ChangeValue.Contact contact = contacts.of(p.waId(), p.userId());
                    String waId = p.waId() != null ? p.waId() : contact == null ? null : contact.waId();
                    String userId = p.userId() != null ? p.userId() : contact == null ? null : contact.userId();
                    String parentUserId = p.parentUserId() != null ? p.parentUserId() : contact == null ? null : contact.parentUserId();
                    boolean phone = waId != null && PhoneNumbers.toE164(PhoneNumbers.fromWaId(waId)).isPresent();
                    JsonNode preference = CloudApiJson.tree(p);
                    String dedupeKey = hash(wabaId, field, preference);
                    if (!phone && !Bsuid.isBsuid(userId)) {
                        unidentified.add(new UnidentifiedUpdate(field, "user_preferences", "no valid phone (wa_id) and no BSUID (user_id)",
                                senderId, preference.toString(), dedupeKey));
                        continue;
                    }
                    signals.add(new AccountSignal(AccountSignal.Kind.USER_PREFERENCES, field, wabaId,
                            senderId, null, null, null, null, p.detail(), null,
                            null, phone ? waId : null, p.category(), p.value(), flat(preference),
                            dedupeKey, Bsuid.isBsuid(userId) ? userId : null, Bsuid.isBsuid(parentUserId) ? parentUserId : null));
                }
            }
            default -> signals.add(new AccountSignal(AccountSignal.Kind.OTHER, field, wabaId, null, v.event(),
                    null, null, null, null, null, null, null, null, null, attributes, key));
        }
    }

    /**
     * The phone-number-id a change names ({@code phone_number_id} in the value or its metadata), else the sender whose
     * display number it names, else null.
     */
    private String senderOf(ChangeValue value, String displayNumber) {
        String id = value.phoneNumberId() != null ? value.phoneNumberId() : value.metadataPhoneNumberId();
        return id != null ? id : senders.senderFor(displayNumber).orElse(null);
    }

    /** {@code restriction_type}: every type, comma-separated; {@code expiration}: the latest (epoch seconds). */
    private static void restrictions(List<ChangeValue.RestrictionInfo> restrictions, Map<String, String> attributes) {
        StringJoiner types = new StringJoiner(",");
        Long latest = null;
        for (ChangeValue.RestrictionInfo restriction : restrictions) {
            if (restriction == null) {
                continue;
            }
            if (restriction.restrictionType() != null) {
                types.add(restriction.restrictionType());
            }
            String expiration = restriction.expiration() == null ? "" : restriction.expiration().strip();
            if (expiration.matches("\\d{1,18}")) {
                long at = Long.parseLong(expiration);
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

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
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

    /** Meta's epoch seconds (a string or a number); now when absent or unreadable. */
    private static Instant epochSeconds(String value) {
        if (value == null) {
            return Instant.now();
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(value.strip()));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Instant.now();
        }
    }
}
