package dev.safesend.dispatch.rest;

import dev.safesend.dispatch.domain.InvalidSenderException;
import dev.safesend.dispatch.domain.Sender;
import dev.safesend.dispatch.domain.SenderHealth;
import dev.safesend.dispatch.domain.SenderNotFoundException;
import dev.safesend.dispatch.mapping.SenderApiMapper;
import dev.safesend.dispatch.service.SenderRegistryService;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import dev.safesend.servicekit.tenancy.ProjectAccess;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sender registry: admins register numbers, operators pause and resume them, viewers read them with the health
 * decision dispatch applies to each.
 */
@Path("/v1/senders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class SenderResource {

    private final SenderRegistryService registry;
    private final SenderApiMapper mapper;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final ProjectAccess access;

    public SenderResource(SenderRegistryService registry, SenderApiMapper mapper, com.fasterxml.jackson.databind.ObjectMapper json,
                          ProjectAccess access) {
        this.access = access;
        this.registry = registry;
        this.mapper = mapper;
        this.json = json;
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    public SenderPage list(@QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor) {
        if (limit < 1 || limit > 500) {
            throw ProblemException.validation("limit must be 1–500",
                    List.of(new Problem.FieldError("limit", "out_of_range", "limit must be between 1 and 500")));
        }
        List<Sender> page = registry.page(cursor, limit + 1, access.scope().listOrNull()); // a project's token sees its numbers
        boolean more = page.size() > limit;
        List<Sender> items = more ? page.subList(0, limit) : page;
        Map<String, SenderHealth> health = registry.health(items.stream().map(Sender::senderId).toList());
        return new SenderPage(items.stream().map(s -> mapper.toBody(s, health.get(s.senderId()))).toList(),
                more ? items.get(items.size() - 1).senderId() : null);
    }

    @POST
    @RolesAllowed("admin")
    public Response register(SenderBody body) {
        access.require(body == null ? null : body.project());
        Sender saved = handle(() -> registry.register(mapper.toDomain(null, body)));
        return Response.created(URI.create("/v1/senders/" + saved.senderId())).entity(body(saved)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "operator", "viewer"})
    public SenderBody get(@PathParam("id") String id) {
        return body(handle(() -> owned(id)));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("admin")
    public SenderBody update(@PathParam("id") String id, SenderBody body) {
        access.require(body == null ? null : body.project());
        return body(handle(() -> {
            Sender current = owned(id);
            Sender kept = mapper.toDomain(id, body).withPause(current.state(), current.pauseReason(), current.pauseSource(),
                    current.pausedAt());
            return registry.register(kept);
        }));
    }

    /**
     * {@code POST /v1/senders/{id}:pause} and {@code :resume} (Google-style custom methods). One method
     * takes both because the JAX-RS path matcher does not split a template on the colon.
     */
    @POST
    @Path("/{target}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({"admin", "operator"})
    public SenderBody act(@PathParam("target") String target, String rawBody) {
        PauseBody body = readPause(rawBody);
        int colon = target.lastIndexOf(':');
        String id = colon < 0 ? target : target.substring(0, colon);
        String action = colon < 0 ? "" : target.substring(colon + 1);
        if (action.equals("pause") || action.equals("resume")) {
            handle(() -> owned(id));
        }
        return switch (action) {
            case "pause" -> body(handle(() -> registry.pause(id, body == null ? null : body.reason())));
            case "resume" -> body(handle(() -> registry.resume(id)));
            default -> throw new ProblemException(Problem.of(404, "not-found", "Unknown action",
                    "use POST /v1/senders/{id}:pause or /v1/senders/{id}:resume"));
        };
    }

    /** The sender, 403 when it belongs to a project outside the caller's token. */
    private Sender owned(String id) {
        Sender sender = registry.get(id);
        access.require(sender.project());
        return sender;
    }

    /** The sender with the health decision dispatch applies to it. */
    private SenderBody body(Sender sender) {
        return mapper.toBody(sender, registry.health(sender.senderId()).orElse(null));
    }

    /** The optional pause body: none (any content type) or {@code {"reason": "…"}}. */
    private PauseBody readPause(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return json.readValue(raw, PauseBody.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.validation("the body must be {\"reason\": \"…\"}",
                    List.of(new Problem.FieldError("reason", "malformed_json", e.getOriginalMessage())));
        }
    }

    /** Runs a registry action, turning its domain exceptions into problem+json. */
    private static Sender handle(Supplier<Sender> action) {
        try {
            return action.get();
        } catch (SenderNotFoundException e) {
            throw new ProblemException(Problem.of(404, "not-found", "sender not found", e.getMessage()));
        } catch (InvalidSenderException e) {
            throw ProblemException.validation("the sender was not saved",
                    e.violations().stream().map(v -> new Problem.FieldError(v.field(), v.code(), v.message())).toList());
        }
    }
}
