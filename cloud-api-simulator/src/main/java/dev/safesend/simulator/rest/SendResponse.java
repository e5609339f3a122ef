package dev.safesend.simulator.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The 200 answer of the send endpoint (reference §1.4). */
public record SendResponse(@JsonProperty("messaging_product") String messagingProduct, List<Contact> contacts,
                           List<Message> messages) {

    public static SendResponse of(String input, String waId, String wamid, boolean template) {
        return new SendResponse("whatsapp", List.of(new Contact(input, waId)),
                List.of(new Message(wamid, template ? "accepted" : null)));
    }

    public record Contact(String input, @JsonProperty("wa_id") String waId) {
    }

    public record Message(String id,
                          @JsonProperty("message_status") @JsonInclude(JsonInclude.Include.NON_NULL) String messageStatus) {
    }
}
