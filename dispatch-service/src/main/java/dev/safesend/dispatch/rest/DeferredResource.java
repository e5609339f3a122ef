package dev.safesend.dispatch.rest;

import dev.safesend.servicekit.tenancy.ProjectAccess;
import dev.safesend.dispatch.domain.DeferredMessages;
import dev.safesend.dispatch.domain.SenderNotFoundException;
import dev.safesend.dispatch.service.DeferredListing;
import dev.safesend.dispatch.service.SenderRegistryService;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/senders/{id}/deferred}: what waits in a sender's deferral store, due first, and why. */
@Path("/v1/senders/{id}/deferred")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DeferredResource {

    private final SenderRegistryService registry;
    private final ProjectAccess access;
    private final DeferredListing deferred;

    public DeferredResource(SenderRegistryService registry, DeferredListing deferred, ProjectAccess access) {
        this.access = access;
        this.registry = registry;
        this.deferred = deferred;
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    public DeferredPage list(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("50") int limit,
                             @QueryParam("cursor") String cursor, @QueryParam("reason") String reason) {
        if (limit < 1 || limit > 500) {
            throw ProblemException.validation("limit must be 1–500",
                    List.of(new Problem.FieldError("limit", "out_of_range", "limit must be between 1 and 500")));
        }
        DeferredMessages.Position after = decode(cursor);
        try {
            access.require(registry.get(id).project());
        } catch (SenderNotFoundException e) {
            throw new ProblemException(Problem.of(404, "not-found", "sender not found", e.getMessage()));
        }
        List<DeferredMessages.DeferredRow> page = deferred.page(id, reason == null || reason.isBlank() ? null : reason,
                after, limit + 1);
        boolean more = page.size() > limit;
        List<DeferredMessages.DeferredRow> items = more ? page.subList(0, limit) : page;
        Map<String, Long> counts = deferred.countsByReason(id);
        return new DeferredPage(items.stream().map(DeferredResource::toBody).toList(), more ? encode(items.get(limit - 1)) : null,
                counts.values().stream().mapToLong(Long::longValue).sum(), counts);
    }

    private static DeferredMessageBody toBody(DeferredMessages.DeferredRow r) {
        return new DeferredMessageBody(r.messageId(), r.lane(), r.recipient(), r.category(), r.dueAt(), r.reason(), r.attempts(),
                r.deferredAt());
    }

    /** The cursor is the last item's (dueAt, messageId), opaque to clients. */
    private static String encode(DeferredMessages.DeferredRow last) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((last.dueAt() + "|" + last.messageId()).getBytes(StandardCharsets.UTF_8));
    }

    private static DeferredMessages.Position decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            if (bar < 1 || bar == plain.length() - 1) {
                throw new IllegalArgumentException("no separator");
            }
            return new DeferredMessages.Position(Instant.parse(plain.substring(0, bar)), plain.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ProblemException.validation("the cursor is not one this API handed out",
                    List.of(new Problem.FieldError("cursor", "invalid_cursor", "use the nextCursor of a previous page")));
        }
    }
}
