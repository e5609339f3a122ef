package dev.safesend.simulator.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.InboundMessage;
import dev.safesend.simulator.domain.StatusUpdate;

import java.util.List;

/** Builds webhook bodies in Meta's envelope (reference §3.4-§3.6). */
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
        entry.put("id", wabaId);
        WebhookUpdate first = updates.get(0);
        if (first instanceof WebhookUpdate.AccountChange change) {
            entry.put("time", change.at().getEpochSecond());
        }
        ObjectNode change = entry.putArray("changes").addObject();
        if (first instanceof WebhookUpdate.Status status) {
            change.put("field", "messages");
            ObjectNode value = messagesValue(change, status.status().phoneNumberId());
            ArrayNode statuses = value.putArray("statuses");
            for (WebhookUpdate update : updates) {
                statuses.add(status(((WebhookUpdate.Status) update).status()));
            }
        } else if (first instanceof WebhookUpdate.Inbound inbound) {
            change.put("field", "messages");
            inbound(messagesValue(change, inbound.message().phoneNumberId()), inbound.message());
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
        node.put("recipient_id", update.recipientId());
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

    private void inbound(ObjectNode value, InboundMessage message) {
        ObjectNode contact = value.putArray("contacts").addObject();
        contact.putObject("profile").put("name", message.profileName());
        contact.put("wa_id", message.waId());
        ObjectNode node = value.putArray("messages").addObject();
        if (message.contextWamid() != null) {
            ObjectNode context = node.putObject("context");
            context.put("from", numbers.displayNumber(message.phoneNumberId()));
            context.put("id", message.contextWamid());
        }
        node.put("from", message.waId());
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
}
