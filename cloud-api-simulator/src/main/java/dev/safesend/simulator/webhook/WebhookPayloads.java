package dev.safesend.simulator.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.InboundMessage;
import dev.safesend.simulator.domain.MessageStatus;
import dev.safesend.simulator.domain.NumberChangeNotice;
import dev.safesend.simulator.domain.StatusUpdate;
import dev.safesend.simulator.domain.UserPreferenceChange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds webhook bodies in Meta's envelope (reference §3.4-§3.6). {@code entry[].id} is the WABA of
 * the business number; every messages webhook carries the user's BSUID ({@code user_id},
 * {@code from_user_id}, {@code recipient_user_id}), the phone only where the user shows it.
 */
final class WebhookPayloads {

    static final String ERROR_CODES_HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

    private final ObjectMapper json;
    private final String wabaId;
    private final BusinessNumbers numbers;

    WebhookPayloads(ObjectMapper json, String wabaId, BusinessNumbers numbers) {
        this.json = json;
        this.wabaId = wabaId;
        this.numbers = numbers;
    }

    /** The body of one POST: several statuses of one business number, or a single other update. */
    byte[] envelope(List<WebhookUpdate> updates) {
        ObjectNode root = json.createObjectNode();
        root.put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject();
        WebhookUpdate first = updates.get(0);
        entry.put("id", wabaOf(first));
        if (first instanceof WebhookUpdate.AccountChange change) {
            entry.put("time", change.at().getEpochSecond());
        }
        ObjectNode change = entry.putArray("changes").addObject();
        if (first instanceof WebhookUpdate.Status status) {
            change.put("field", "messages");
            ObjectNode value = messagesValue(change, status.status().phoneNumberId());
            List<StatusUpdate> all = updates.stream().map(update -> ((WebhookUpdate.Status) update).status()).toList();
            statusContacts(value, all);
            ArrayNode statuses = value.putArray("statuses");
            for (StatusUpdate update : all) {
                statuses.add(status(update));
            }
        } else if (first instanceof WebhookUpdate.Inbound inbound) {
            change.put("field", "messages");
            inbound(messagesValue(change, inbound.message().phoneNumberId()), inbound.message());
        } else if (first instanceof WebhookUpdate.NumberChange numberChange) {
            change.put("field", "messages");
            numberChange(messagesValue(change, numberChange.notice().phoneNumberId()), numberChange.notice());
        } else if (first instanceof WebhookUpdate.Preference preference) {
            change.put("field", "user_preferences");
            preference(messagesValue(change, preference.change().phoneNumberId()), preference.change());
        } else if (first instanceof WebhookUpdate.AccountChange account) {
            change.put("field", account.field());
            change.set("value", json.valueToTree(account.value()));
        }
        try {
            return json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise webhook", e);
        }
    }

    /** The WABA of the update's business number ({@code entry[].id}); account changes name theirs, else the default WABA. */
    private String wabaOf(WebhookUpdate update) {
        if (update instanceof WebhookUpdate.Status status) {
            return numbers.wabaId(status.status().phoneNumberId());
        }
        if (update instanceof WebhookUpdate.Inbound inbound) {
            return numbers.wabaId(inbound.message().phoneNumberId());
        }
        if (update instanceof WebhookUpdate.NumberChange numberChange) {
            return numbers.wabaId(numberChange.notice().phoneNumberId());
        }
        if (update instanceof WebhookUpdate.Preference preference) {
            return numbers.wabaId(preference.change().phoneNumberId());
        }
        if (update instanceof WebhookUpdate.AccountChange account && account.wabaId() != null) {
            return account.wabaId();
        }
        return wabaId;
    }

    private ObjectNode messagesValue(ObjectNode change, String phoneNumberId) {
        ObjectNode value = change.putObject("value");
        value.put("messaging_product", "whatsapp");
        ObjectNode metadata = value.putObject("metadata");
        metadata.put("display_phone_number", numbers.displayNumber(phoneNumberId));
        metadata.put("phone_number_id", phoneNumberId);
        return value;
    }

    private ObjectNode status(StatusUpdate update) {
        ObjectNode node = json.createObjectNode();
        node.put("id", update.wamid());
        node.put("status", update.status().wireName());
        node.put("timestamp", Long.toString(update.at().getEpochSecond()));
        if (update.recipientId() != null) {
            node.put("recipient_id", update.recipientId());
        }
        if (update.recipientUserId() != null) {
            node.put("recipient_user_id", update.recipientUserId());
        }
        if (update.callbackData() != null) {
            node.put("biz_opaque_callback_data", update.callbackData());
        }
        if (update.conversationId() != null && update.pricing() != null) {
            ObjectNode conversation = node.putObject("conversation");
            conversation.put("id", update.conversationId());
            if (update.conversationExpiry() != null) {
                conversation.put("expiration_timestamp", Long.toString(update.conversationExpiry().getEpochSecond()));
            }
            conversation.putObject("origin").put("type", update.pricing().category());
        }
        if (update.pricing() != null) {
            ObjectNode pricing = node.putObject("pricing");
            pricing.put("billable", update.pricing().billable());
            pricing.put("pricing_model", "PMP");
            pricing.put("type", update.pricing().type());
            pricing.put("category", update.pricing().category());
        }
        if (update.error() != null) {
            ObjectNode error = node.putArray("errors").addObject();
            error.put("code", update.error().error().code());
            error.put("title", update.error().error().title());
            error.put("message", update.error().error().title());
            error.putObject("error_data").put("details", update.error().details());
            error.put("href", ERROR_CODES_HREF);
        }
        return node;
    }

    /**
     * The {@code contacts} of a status POST: one per recipient of a sent, delivered or read status
     * (failed statuses have none), with {@code wa_id} for messages sent by phone and
     * {@code profile.username} when a delivered or read status reports a user who has one.
     */
    private void statusContacts(ObjectNode value, List<StatusUpdate> statuses) {
        Map<String, String[]> contacts = new LinkedHashMap<>();
        for (StatusUpdate update : statuses) {
            if (update.status() == MessageStatus.FAILED || update.recipientUserId() == null) {
                continue;
            }
            String[] contact = contacts.computeIfAbsent(update.recipientUserId(),
                    id -> new String[] {update.recipientId(), null});
            boolean reached = update.status() == MessageStatus.DELIVERED || update.status() == MessageStatus.READ;
            if (reached && update.username() != null) {
                contact[1] = update.username();
            }
        }
        if (contacts.isEmpty()) {
            return;
        }
        ArrayNode array = value.putArray("contacts");
        contacts.forEach((userId, contact) -> {
            ObjectNode node = array.addObject();
            if (contact[1] != null) {
                node.putObject("profile").put("username", contact[1]);
            }
            node.put("user_id", userId);
            if (contact[0] != null) {
                node.put("wa_id", contact[0]);
            }
        });
    }

    private void inbound(ObjectNode value, InboundMessage message) {
        ObjectNode contact = value.putArray("contacts").addObject();
        ObjectNode profile = contact.putObject("profile");
        profile.put("name", message.profileName());
        if (message.username() != null) {
            profile.put("username", message.username());
        }
        if (message.userId() != null) {
            contact.put("user_id", message.userId());
        }
        if (message.waId() != null) {
            contact.put("wa_id", message.waId());
        }
        ObjectNode node = value.putArray("messages").addObject();
        if (message.contextWamid() != null) {
            ObjectNode context = node.putObject("context");
            context.put("from", numbers.displayNumber(message.phoneNumberId()));
            context.put("id", message.contextWamid());
        }
        if (message.waId() != null) {
            node.put("from", message.waId());
        }
        if (message.userId() != null) {
            node.put("from_user_id", message.userId());
        }
        node.put("id", message.wamid());
        node.put("timestamp", Long.toString(message.at().getEpochSecond()));
        if (message.isButton()) {
            node.put("type", "button");
            ObjectNode button = node.putObject("button");
            button.put("payload", message.buttonPayload());
            button.put("text", message.buttonText() != null ? message.buttonText() : message.buttonPayload());
        } else {
            node.put("type", "text");
            node.putObject("text").put("body", message.text());
        }
    }

    /** A system message, with no {@code contacts} (as at Meta). */
    private void numberChange(ObjectNode value, NumberChangeNotice notice) {
        ObjectNode node = value.putArray("messages").addObject();
        if (notice.showsPhone()) {
            node.put("from", notice.oldPhone());
        }
        node.put("from_user_id", notice.oldUserId());
        node.put("id", notice.wamid());
        node.put("timestamp", Long.toString(notice.at().getEpochSecond()));
        node.put("type", "system");
        ObjectNode system = node.putObject("system");
        system.put("body", notice.body());
        if (notice.showsPhone()) {
            system.put("wa_id", notice.newPhone());
        }
        system.put("user_id", notice.newUserId());
        system.put("type", notice.type());
    }

    private void preference(ObjectNode value, UserPreferenceChange change) {
        ObjectNode contact = value.putArray("contacts").addObject();
        contact.putObject("profile").put("name", change.profileName());
        contact.put("user_id", change.userId());
        if (change.waId() != null) {
            contact.put("wa_id", change.waId());
        }
        ObjectNode preference = value.putArray("user_preferences").addObject();
        if (change.waId() != null) {
            preference.put("wa_id", change.waId());
        }
        preference.put("user_id", change.userId());
        preference.put("category", UserPreferenceChange.CATEGORY);
        preference.put("value", change.value().wireName());
        preference.put("detail", change.detail());
        preference.put("timestamp", change.at().getEpochSecond());
    }
}
