package dev.safesend.cloudapi.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The 200 answer of the send endpoint: {@code {messaging_product, contacts: [{input, wa_id | user_id}],
 * messages: [{id, message_status?}]}}; {@code message_status} ("accepted") comes on template sends only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"messaging_product", "contacts", "messages"})
public record SendResponse(@JsonProperty("messaging_product") String messagingProduct,
                           @JsonProperty("contacts") List<Contact> contacts,
                           @JsonProperty("messages") List<Message> messages) {

    /** The wamid Meta gave the message ({@code messages[0].id}), or null when the answer carries none. */
    public String wamid() {
        return messages == null || messages.isEmpty() || messages.get(0) == null ? null : messages.get(0).id();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"input", "wa_id", "user_id"})
    public record Contact(@JsonProperty("input") String input, @JsonProperty("wa_id") String waId,
                          @JsonProperty("user_id") String userId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "message_status"})
    public record Message(@JsonProperty("id") String id, @JsonProperty("message_status") String messageStatus) {
    }
}
