package dev.safesend.simulator.rest;

import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.MetaError;
import dev.safesend.simulator.domain.NumberQuality;
import dev.safesend.simulator.domain.RejectedException;
import dev.safesend.simulator.service.NumberQualityService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET /{version}/{phone-number-id}?fields=…}: Meta's read of a business phone number, the
 * fields asked for (comma-separated) and {@code id}, e.g. {@code {"quality_rating":"GREEN","id":"…"}}.
 * Without {@code fields}, Meta's default set. A field the node does not have is refused with code 100.
 */
@Path("/{version: v\\d+\\.\\d+}")
public class PhoneNumbersResource {

    static final String VERIFIED_NAME = "Simulated Business";
    static final List<String> DEFAULT_FIELDS = List.of("verified_name", "code_verification_status",
            "display_phone_number", "quality_rating", "platform_type", "throughput");

    private static final Map<String, Function<NumberQualityService.PhoneNumberView, Object>> FIELDS = fields();

    private final MetaCallPipeline pipeline;
    private final NumberQualityService quality;

    public PhoneNumbersResource(MetaCallPipeline pipeline, NumberQualityService quality) {
        this.pipeline = pipeline;
        this.quality = quality;
    }

    @GET
    @Path("{phoneNumberId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> read(@PathParam("phoneNumberId") String phoneNumberId,
                              @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @QueryParam("fields") String fields) {
        return pipeline.answer(authorization, () -> {
            if (!BusinessNumbers.isPhoneNumberId(phoneNumberId)) {
                throw new RejectedException(MetaError.INVALID_PARAMETER, "Unsupported get request. Object with ID '"
                        + phoneNumberId + "' does not exist, cannot be loaded due to missing permissions, or does not "
                        + "support this operation.");
            }
            Set<String> wanted = wanted(fields);
            NumberQualityService.PhoneNumberView number = quality.view(phoneNumberId);
            Map<String, Object> answer = new LinkedHashMap<>();
            for (String field : wanted) {
                answer.put(field, FIELDS.get(field).apply(number));
            }
            answer.put("id", number.id());
            return Response.ok(answer).build();
        });
    }

    private static Set<String> wanted(String fields) {
        if (fields == null || fields.isBlank()) {
            return new LinkedHashSet<>(DEFAULT_FIELDS);
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String field : fields.split(",")) {
            String name = field.trim();
            if (name.isEmpty() || "id".equals(name)) {
                continue;
            }
            if (!FIELDS.containsKey(name)) {
                throw new RejectedException(MetaError.INVALID_PARAMETER,
                        "Tried accessing nonexisting field (" + name + ") on node type (WhatsAppBusinessPhoneNumber)");
            }
            wanted.add(name);
        }
        return wanted;
    }

    private static Map<String, Function<NumberQualityService.PhoneNumberView, Object>> fields() {
        Map<String, Function<NumberQualityService.PhoneNumberView, Object>> fields = new LinkedHashMap<>();
        fields.put("verified_name", number -> VERIFIED_NAME);
        fields.put("code_verification_status", number -> "VERIFIED");
        fields.put("display_phone_number", NumberQualityService.PhoneNumberView::formattedDisplay);
        fields.put("quality_rating", number -> number.quality().rating().name());
        fields.put("platform_type", number -> "CLOUD_API");
        fields.put("throughput", number -> Map.of("level", number.throughputLevel()));
        fields.put("whatsapp_business_manager_messaging_limit", number -> number.quality().messagingLimit().name());
        fields.put("messaging_limit_tier", number -> number.quality().messagingLimit().name());
        fields.put("name_status", number -> "APPROVED");
        fields.put("status", number -> status(number.quality()));
        return Map.copyOf(fields);
    }

    /** CONNECTED, or FLAGGED while the rating is RED (Meta's legacy model). */
    private static String status(NumberQuality quality) {
        return quality.flagged() ? "FLAGGED" : "CONNECTED";
    }
}
