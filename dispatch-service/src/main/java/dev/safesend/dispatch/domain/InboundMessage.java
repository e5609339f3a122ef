package dev.safesend.dispatch.domain;

import java.time.Instant;
import java.util.List;

/**
 * A message a person wrote to a business number, as far as dispatch cares: it opens the 24 h window for that number,
 * and its position on wa.inbound-messages.v1 says until when the person's consent may be changing because of it.
 * {@code phone} is the address the user wrote from (a phone, or a BSUID when Meta withheld it); {@code identifiers} every
 * identifier the message named (phone and BSUID), each getting the window and the hold. A system message about the
 * user (a number change) does not open the window ({@code opensWindow} false) but holds them like any other.
 */
public record InboundMessage(String senderId, String phone, Instant receivedAt, InboundPosition position, List<String> identifiers,
                             boolean opensWindow) {

    public InboundMessage {
        identifiers = identifiers == null || identifiers.isEmpty() ? List.of(phone) : List.copyOf(identifiers);
    }

    /** A message the user wrote, known by one address. */
    public InboundMessage(String senderId, String phone, Instant receivedAt, InboundPosition position) {
        this(senderId, phone, receivedAt, position, null, true);
    }
}
