package dev.safesend.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.InboundMessage;
import dev.safesend.simulator.domain.Recipient;
import dev.safesend.simulator.domain.UserPreferenceChange;
import dev.safesend.simulator.domain.WhatsAppUser;
import dev.safesend.simulator.service.InboundMessageService;
import dev.safesend.simulator.service.UserService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Locale;

/**
 * {@code /sim/users/{id}}: the test plays a WhatsApp user, named by a phone (E.164, "+" optional) or
 * a BSUID. It reads or sets the profile, writes to (or taps a button of) a business number, changes
 * number, and stops or resumes marketing messages.
 */
@Path("/sim/users/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class SimUsersResource {

    private final InboundMessageService inbound;
    private final UserService users;

    public SimUsersResource(InboundMessageService inbound, UserService users) {
        this.inbound = inbound;
        this.users = users;
    }

    @GET
    public UserProfileBody show(@PathParam("id") String id) {
        return profile(user(id));
    }

    @PUT
    @Path("profile")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserProfileBody setProfile(@PathParam("id") String id, JsonNode body) {
        WhatsAppUser user = user(id);
        if (body == null || !body.isObject()) {
            throw new SimRequestException("a JSON object with 'username', 'name' and/or 'inContactBook' is required");
        }
        String username = text(body, "username", user.username());
        String name = text(body, "name", user.name());
        Boolean inContactBook = null;
        if (body.hasNonNull("inContactBook")) {
            if (!body.get("inContactBook").isBoolean()) {
                throw new SimRequestException("'inContactBook' must be true or false");
            }
            inContactBook = body.get("inContactBook").booleanValue();
        }
        try {
            return profile(users.updateProfile(user, username, name, inContactBook));
        } catch (IllegalArgumentException e) {
            throw new SimRequestException(e.getMessage());
        }
    }

    @POST
    @Path("messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserMessageResponse write(@PathParam("id") String id, UserMessageRequest request) {
        WhatsAppUser user = user(id);
        if (request == null) {
            throw new SimRequestException("a JSON body with 'to' and 'text' or 'buttonPayload' is required");
        }
        requireBusinessNumber(request.to());
        boolean hasText = request.text() != null && !request.text().isEmpty();
        boolean hasButton = request.buttonPayload() != null && !request.buttonPayload().isEmpty();
        if (hasText == hasButton) {
            throw new SimRequestException("exactly one of 'text' and 'buttonPayload' is required");
        }
        InboundMessage message = inbound.receive(user, request.to(), request.profileName(),
                hasText ? request.text() : null, hasButton ? request.buttonPayload() : null,
                hasButton ? request.buttonText() : null, request.contextWamid());
        return new UserMessageResponse(message.wamid(), message.at());
    }

    @POST
    @Path("number-change")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserProfileBody changeNumber(@PathParam("id") String id, NumberChangeRequest request) {
        WhatsAppUser user = user(id);
        if (request == null || request.newPhone() == null) {
            throw new SimRequestException("a JSON body with 'newPhone' is required");
        }
        Recipient newPhone = Recipient.parse(request.newPhone()).orElseThrow(() -> new SimRequestException(
                "'newPhone' must be a phone number in E.164, got '" + request.newPhone() + "'"));
        try {
            return profile(users.changeNumber(user, newPhone.waId()));
        } catch (IllegalArgumentException e) {
            throw new SimRequestException(e.getMessage());
        } catch (IllegalStateException e) {
            throw new SimRequestException(409, e.getMessage());
        }
    }

    @POST
    @Path("preferences")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserProfileBody setPreferences(@PathParam("id") String id, UserPreferencesRequest request) {
        WhatsAppUser user = user(id);
        if (request == null) {
            throw new SimRequestException("a JSON body with 'to' and 'value' (stop or resume) is required");
        }
        requireBusinessNumber(request.to());
        UserPreferenceChange.Value value;
        try {
            value = UserPreferenceChange.Value.valueOf(String.valueOf(request.value()).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SimRequestException("'value' must be 'stop' or 'resume', got '" + request.value() + "'");
        }
        return profile(users.setMarketingPreference(user, request.to(), value));
    }

    private WhatsAppUser user(String id) {
        try {
            return users.find(id).orElseThrow(() -> new SimRequestException(404, "no user holds the BSUID '" + id + "'"));
        } catch (IllegalArgumentException e) {
            throw new SimRequestException("the user id must be a phone number (E.164) or a BSUID, got '" + id + "'");
        }
    }

    private UserProfileBody profile(WhatsAppUser user) {
        return UserProfileBody.of(user, users.defaultWabaId());
    }

    private static void requireBusinessNumber(String to) {
        if (!BusinessNumbers.isPhoneNumberId(to)) {
            throw new SimRequestException("'to' must be the business phone-number-id (digits)");
        }
    }

    /** The field's text; {@code current} when the field is absent; null when it is null or blank. */
    private static String text(JsonNode body, String field, String current) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode value = body.get(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new SimRequestException("'" + field + "' must be a string or null");
        }
        return value.asText().isBlank() ? null : value.asText().trim();
    }
}
