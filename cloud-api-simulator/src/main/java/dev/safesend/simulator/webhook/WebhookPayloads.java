package dev.safesend.simulator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.cloudapi.wire.ChangeValue;
import dev.safesend.cloudapi.wire.CloudApiJson;
import dev.safesend.cloudapi.wire.WebhookEnvelope;
import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.InboundMessage;
import dev.safesend.simulator.domain.MessageStatus;
import dev.safesend.simulator.domain.NumberChangeNotice;
import dev.safesend.simulator.domain.StatusUpdate;
import dev.safesend.simulator.domain.UserPreferenceChange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds webhook bodies in Meta's envelope (reference §3.4-§3.6) as cloud-api-wire's records, written by its writer. {@code entry[].id} is the WABA of
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
        WebhookUpdate first = updates.get(0);
        Long time = null;
        WebhookEnvelope.Change change;
        if (first instanceof WebhookUpdate.Status status) {
            List<StatusUpdate> all = updates.stream().map(update -> ((WebhookUpdate.Status) update).status()).toList();
            List<ChangeValue.Status> statuses = new ArrayList<>(all.size());
            for (StatusUpdate update : all) {
                statuses.add(status(update));
            }
            change = new WebhookEnvelope.Change("messages", ChangeValue.messages(metadata(status.status().phoneNumberId()),
                    statusContacts(all), null, statuses, null));
        } else if (first instanceof WebhookUpdate.Inbound inbound) {
            change = new WebhookEnvelope.Change("messages", inbound(inbound.message()));
        } else if (first instanceof WebhookUpdate.NumberChange numberChange) {
            change = new WebhookEnvelope.Change("messages", numberChange(numberChange.notice()));
        } else if (first instanceof WebhookUpdate.Preference preference) {
            change = new WebhookEnvelope.Change("user_preferences", preference(preference.change()));
        } else if (first instanceof WebhookUpdate.AccountChange account) {
            time = account.at().getEpochSecond();
            change = new WebhookEnvelope.Change(account.field(), accountValue(account.value()));
        } else {
            throw new IllegalArgumentException("no webhook for " + first);
        }
        return CloudApiJson.write(new WebhookEnvelope(WebhookEnvelope.WHATSAPP_BUSINESS_ACCOUNT,
                List.of(new WebhookEnvelope.Entry(wabaOf(first), time, List.of(change)))));
    }

    /** An account change's value passes through as given: its fields, in their order. */
    private ChangeValue accountValue(Object value) {
        JsonNode tree = json.valueToTree(value);
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (tree != null && tree.isObject()) {
            tree.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
        }
        return ChangeValue.ofFields(fields);
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

    private ChangeValue.Metadata metadata(String phoneNumberId) {
        return new ChangeValue.Metadata(numbers.displayNumber(phoneNumberId), phoneNumberId);
    }

    private ChangeValue.Status status(StatusUpdate update) {
        ChangeValue.Conversation conversation = null;
        if (update.conversationId() != null && update.pricing() != null) {
            conversation = new ChangeValue.Conversation(update.conversationId(), update.conversationExpiry() == null ? null
                    : Long.toString(update.conversationExpiry().getEpochSecond()), new ChangeValue.Origin(update.pricing().category()));
        }
        ChangeValue.Pricing pricing = update.pricing() == null ? null : new ChangeValue.Pricing(update.pricing().billable(),
                "PMP", update.pricing().type(), update.pricing().category());
        List<ChangeValue.WebhookError> errors = null;
        if (update.error() != null) {
            errors = List.of(new ChangeValue.WebhookError(update.error().error().code(), update.error().error().title(),
                    update.error().error().title(), new ChangeValue.ErrorData(update.error().details()), ERROR_CODES_HREF));
        }
        return new ChangeValue.Status(update.wamid(), update.status().wireName(), Long.toString(update.at().getEpochSecond()),
                update.recipientId(), update.recipientUserId(), update.callbackData(), conversation, pricing, errors);
    }

    /**
     * The {@code contacts} of a status POST: one per recipient of a sent, delivered or read status
     * (failed statuses have none), with {@code wa_id} for messages sent by phone and
     * {@code profile.username} when a delivered or read status reports a user who has one; null when there are none.
     */
    private static List<ChangeValue.Contact> statusContacts(List<StatusUpdate> statuses) {
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
            return null;
        }
        List<ChangeValue.Contact> list = new ArrayList<>(contacts.size());
        contacts.forEach((userId, contact) -> list.add(new ChangeValue.Contact(
                contact[1] == null ? null : new ChangeValue.Profile(null, contact[1]), userId, null, contact[0])));
        return list;
    }

    private ChangeValue inbound(InboundMessage message) {
        ChangeValue.Contact contact = new ChangeValue.Contact(new ChangeValue.Profile(message.profileName(), message.username()),
                message.userId(), null, message.waId());
        ChangeValue.Context context = message.contextWamid() == null ? null
                : new ChangeValue.Context(numbers.displayNumber(message.phoneNumberId()), message.contextWamid());
        ChangeValue.InboundMessage node = message.isButton()
                ? inboundMessage(context, message, "button", null, new ChangeValue.Button(message.buttonPayload(),
                        message.buttonText() != null ? message.buttonText() : message.buttonPayload()))
                : inboundMessage(context, message, "text", new ChangeValue.Text(message.text()), null);
        return ChangeValue.messages(metadata(message.phoneNumberId()), List.of(contact), List.of(node), null, null);
    }

    private static ChangeValue.InboundMessage inboundMessage(ChangeValue.Context context, InboundMessage message, String type,
                                                             ChangeValue.Text text, ChangeValue.Button button) {
        return new ChangeValue.InboundMessage(context, message.waId(), message.userId(), null, message.wamid(),
                Long.toString(message.at().getEpochSecond()), type, text, button, null, null);
    }

    /** A system message, with no {@code contacts} (as at Meta). */
    private ChangeValue numberChange(NumberChangeNotice notice) {
        ChangeValue.SystemChange system = new ChangeValue.SystemChange(notice.body(), notice.showsPhone() ? notice.newPhone() : null,
                null, notice.newUserId(), null, null, notice.type());
        ChangeValue.InboundMessage node = new ChangeValue.InboundMessage(null, notice.showsPhone() ? notice.oldPhone() : null,
                notice.oldUserId(), null, notice.wamid(), Long.toString(notice.at().getEpochSecond()), "system", null, null,
                null, system);
        return ChangeValue.messages(metadata(notice.phoneNumberId()), null, List.of(node), null, null);
    }

    private ChangeValue preference(UserPreferenceChange change) {
        ChangeValue.Contact contact = new ChangeValue.Contact(new ChangeValue.Profile(change.profileName(), null),
                change.userId(), null, change.waId());
        ChangeValue.UserPreference preference = new ChangeValue.UserPreference(change.waId(), change.userId(), null,
                UserPreferenceChange.CATEGORY, change.value().wireName(), change.detail(), change.at().getEpochSecond(), null);
        return ChangeValue.messages(metadata(change.phoneNumberId()), List.of(contact), null, null, List.of(preference));
    }
}
