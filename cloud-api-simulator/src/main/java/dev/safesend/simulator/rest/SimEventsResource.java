package dev.safesend.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.safesend.simulator.service.AccountEventService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /sim/events/{field}}: emits a signed account-level webhook whose change is
 * {@code {"field": field, "value": <body>}} (message_template_status_update,
 * phone_number_quality_update, account_update, user_preferences, ...).
 */
@Path("/sim/events/{field}")
public class SimEventsResource {

    private static final Pattern FIELD = Pattern.compile("[a-z][a-z_]{0,63}");

    private final AccountEventService events;

    public SimEventsResource(AccountEventService events) {
        this.events = events;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> emit(@PathParam("field") String field, JsonNode value) {
        if (!FIELD.matcher(field).matches()) {
            throw new SimRequestException("field must be a webhook field name like 'account_update', got '" + field + "'");
        }
        if (value == null || !value.isObject()) {
            throw new SimRequestException("the body must be the change's value object");
        }
        events.emit(field, value);
        return Map.of("field", field, "queued", true);
    }
}
