package dev.safesend.ingest.rest;

import dev.safesend.ingest.domain.UnidentifiedUpdate;
import dev.safesend.ingest.service.UnidentifiedUpdates;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/webhooks/unidentified}: webhook updates that named neither a valid phone nor a BSUID, newest first,
 * paged with {@code limit} and {@code cursor}. Meta sent them and answered 200 was right (they are not retried), but
 * nobody can be messaged or suppressed by them, so an operator should look.
 */
@Path("/v1/webhooks/unidentified")
@Produces(MediaType.APPLICATION_JSON)
public class UnidentifiedUpdateResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final UnidentifiedUpdates updates;

    public UnidentifiedUpdateResource(UnidentifiedUpdates updates) {
        this.updates = updates;
    }

    @GET
    @Blocking
    @RolesAllowed({"admin", "operator"})
    public Page list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.validation("the listing parameters are not valid",
                    List.of(new Problem.FieldError("limit", "out_of_range", "limit must be 1 to " + MAX_LIMIT)));
        }
        Long before;
        try {
            before = cursor == null || cursor.isBlank() ? null : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ProblemException.validation("the listing parameters are not valid",
                    List.of(new Problem.FieldError("cursor", "invalid", "cursor must be a nextCursor this endpoint gave")));
        }
        List<UnidentifiedUpdate.Stored> rows = updates.page(size, before);
        List<Item> items = rows.stream().map(r -> new Item(r.id(), r.update().field(), r.update().kind(), r.update().reason(),
                r.update().senderId(), r.update().payload(), r.receivedAt())).toList();
        String next = rows.size() == size ? String.valueOf(rows.get(rows.size() - 1).id()) : null;
        return new Page(items, next);
    }

    public record Item(long id, String field, String kind, String reason, String senderId, String payload, Instant receivedAt) {
    }

    public record Page(List<Item> items, String nextCursor) {
    }
}
