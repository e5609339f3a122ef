package dev.safesend.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.MessagingLimit;
import dev.safesend.simulator.domain.QualityRating;
import dev.safesend.simulator.service.NumberQualityService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /sim/numbers/{phoneNumberId}/quality}: read or set a business number's quality rating and
 * messaging limit; a change emits the webhooks Meta sends for it.
 */
@Path("/sim/numbers/{phoneNumberId}/quality")
@Produces(MediaType.APPLICATION_JSON)
public class SimNumbersResource {

    private static final Set<String> FIELDS = Set.of("rating", "messagingLimit");

    private final NumberQualityService quality;

    public SimNumbersResource(NumberQualityService quality) {
        this.quality = quality;
    }

    @GET
    public NumberQualityBody show(@PathParam("phoneNumberId") String phoneNumberId) {
        requireNumber(phoneNumberId);
        return NumberQualityBody.of(quality.view(phoneNumberId), List.of(), false);
    }

    /** {@code {"rating":"GREEN|YELLOW|RED","messagingLimit":"TIER_250|TIER_2K|TIER_10K|TIER_100K|TIER_UNLIMITED"}}, either or both. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public NumberQualityBody update(@PathParam("phoneNumberId") String phoneNumberId, JsonNode body) {
        requireNumber(phoneNumberId);
        if (body == null || !body.isObject()) {
            throw new SimRequestException("a JSON object with 'rating' and/or 'messagingLimit' is required");
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new SimRequestException("unknown field '" + name + "' (known: rating, messagingLimit)");
            }
        }
        QualityRating rating = value(body, "rating", QualityRating.class);
        MessagingLimit limit = value(body, "messagingLimit", MessagingLimit.class);
        if (rating == null && limit == null) {
            throw new SimRequestException("'rating' and/or 'messagingLimit' is required");
        }
        NumberQualityService.Update update = quality.update(phoneNumberId, rating, limit);
        return NumberQualityBody.of(update.number(), update.events(), update.capabilityUpdated());
    }

    private static <E extends Enum<E>> E value(JsonNode body, String field, Class<E> type) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList().toString();
        if (!value.isTextual()) {
            throw new SimRequestException("'" + field + "' must be one of " + allowed);
        }
        try {
            return Enum.valueOf(type, value.asText().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SimRequestException("'" + field + "' must be one of " + allowed + ", got '" + value.asText() + "'");
        }
    }

    private static void requireNumber(String phoneNumberId) {
        if (!BusinessNumbers.isPhoneNumberId(phoneNumberId)) {
            throw new SimRequestException("the phone-number-id must be digits, got '" + phoneNumberId + "'");
        }
    }
}
