package dev.safesend.simulator.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.safesend.simulator.domain.Recipient;

import java.util.List;

/** The 200 answer of the send endpoint (reference §1.4). */
public record SendResponse(@JsonProperty("messaging_product") String messagingProduct, List<Contact> contacts,
                           List<Message> messages) {

    /** {@code contacts[{input, wa_id}]} for a phone send, {@code contacts[{input, user_id}]} for a BSUID send. */
    public static SendResponse of(Recipient recipient, String wamid, boolean template) {
        return new SendResponse("whatsapp", List.of(new Contact(recipient.input(), recipient.waId(), recipient.userId())),
                List.of(new Message(wamid, template ? "accepted" : null)));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String input, @JsonProperty("wa_id") String waId, @JsonProperty("user_id") String userId) {
    }

    public record Message(String id,
                          @JsonProperty("message_status") @JsonInclude(JsonInclude.Include.NON_NULL) String messageStatus) {
    }
}
