package dev.safesend.simulator.rest;

import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.InboundMessage;
import dev.safesend.simulator.domain.Recipient;
import dev.safesend.simulator.service.InboundMessageService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /sim/users/{waId}/messages}: a user writes to, or taps a button of, a business number. */
@Path("/sim/users/{waId}/messages")
public class SimUsersResource {

    private final InboundMessageService inbound;

    public SimUsersResource(InboundMessageService inbound) {
        this.inbound = inbound;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public UserMessageResponse write(@PathParam("waId") String waId, UserMessageRequest request) {
        Recipient user = Recipient.parse(waId)
                .orElseThrow(() -> new SimRequestException("waId must be a phone number, got '" + waId + "'"));
        if (request == null) {
            throw new SimRequestException("a JSON body with 'to' and 'text' or 'buttonPayload' is required");
        }
        if (!BusinessNumbers.isPhoneNumberId(request.to())) {
            throw new SimRequestException("'to' must be the business phone-number-id (digits)");
        }
        boolean hasText = request.text() != null && !request.text().isEmpty();
        boolean hasButton = request.buttonPayload() != null && !request.buttonPayload().isEmpty();
        if (hasText == hasButton) {
            throw new SimRequestException("exactly one of 'text' and 'buttonPayload' is required");
        }
        InboundMessage message = inbound.receive(user.waId(), request.to(), request.profileName(),
                hasText ? request.text() : null, hasButton ? request.buttonPayload() : null,
                hasButton ? request.buttonText() : null, request.contextWamid());
        return new UserMessageResponse(message.wamid(), message.at());
    }
}
