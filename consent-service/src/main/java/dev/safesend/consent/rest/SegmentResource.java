package dev.safesend.consent.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.Segment;
import dev.safesend.consent.domain.SegmentDefinition;
import dev.safesend.consent.mapping.ContactApiMapper;
import dev.safesend.consent.service.SegmentService;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import dev.safesend.servicekit.tenancy.ProjectAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Segments and audiences. {@code GET /v1/segments/{id}/audience?category=MARKETING} answers pages
 * ({@code limit} ≤ 10,000, {@code cursor}) as {@code {items, nextCursor}}, or, with {@code Accept: application/x-ndjson}
 * (or {@code stream=true}), the whole audience as one JSON object per line, streamed as it is read. Only contacts
 * currently OPTED_IN for the category are returned. {@code GET /v1/segments/{id}/counts?category=MARKETING} says how
 * many contacts match the segment, how many of them are in that audience (by region and language) and why the others
 * are not.
 */
@Path("/v1/segments")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SegmentResource {

    public static final String NDJSON = "application/x-ndjson";

    private final SegmentService segments;
    private final ContactApiMapper mapper;
    private final ObjectMapper json;
    private final ProjectAccess access;

    public SegmentResource(SegmentService segments, ContactApiMapper mapper, ObjectMapper json, ProjectAccess access) {
        this.segments = segments;
        this.mapper = mapper;
        this.json = json;
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    public Response create(SegmentBody body) {
        if (body == null) {
            throw ProblemException.validation("a body is required", List.of());
        }
        access.require(body.project());
        SegmentDefinition definition = mapper.toDomain(body);
        var problems = definition.problems();
        if (!problems.isEmpty()) {
            throw ProblemException.validation("the segment is not valid",
                    problems.stream().map(p -> new Problem.FieldError(p.getKey(), "invalid", p.getValue())).toList());
        }
        Segment segment = segments.create(definition);
        return Response.created(URI.create("/v1/segments/" + segment.id())).entity(mapper.toView(segment)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "operator", "viewer"})
    public SegmentBody get(@PathParam("id") String id) {
        return mapper.toView(find(id));
    }

    @GET
    @Path("/{id}/audience")
    @Produces({MediaType.APPLICATION_JSON, NDJSON})
    @RolesAllowed({"admin", "operator", "viewer"})
    public Response audience(@PathParam("id") String id, @QueryParam("category") String rawCategory,
                             @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
                             @QueryParam("stream") boolean stream, @HeaderParam("Accept") String accept) {
        Category category = category(rawCategory);
        Segment segment = find(id);
        if (stream || (accept != null && accept.contains(NDJSON))) {
            StreamingOutput body = out -> {
                BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
                ObjectWriter writer = json.writerFor(AudienceMemberView.class).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
                try (JsonGenerator generator = json.getFactory().createGenerator(buffered)) {
                    generator.setRootValueSeparator(null);
                    segments.stream(segment, category, member -> {
                        try {
                            writer.writeValue(generator, mapper.toView(member));
                            generator.writeRaw('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            };
            return Response.ok(body, NDJSON).build();
        }
        int size = limit == null ? 1000 : limit;
        if (size < 1 || size > 10_000) {
            throw ProblemException.validation("limit must be between 1 and 10000",
                    List.of(new Problem.FieldError("limit", "out_of_range", "1 … 10000")));
        }
        SegmentService.Page page = segments.page(segment, category, cursor, size);
        return Response.ok(new AudiencePage(page.items().stream().map(mapper::toView).toList(), page.nextCursor()),
                MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}/counts")
    @RolesAllowed({"admin", "operator", "viewer"})
    public SegmentCountsView counts(@PathParam("id") String id, @QueryParam("category") String rawCategory) {
        Category category = category(rawCategory);
        Segment segment = find(id);
        return mapper.toView(segment, category, segments.counts(segment, category));
    }

    /** The segment, 404 when unknown or when it belongs to a project the token may not act for (its existence is not told). */
    private Segment find(String id) {
        return segments.find(id).filter(s -> access.scope().allows(s.definition().project()))
                .orElseThrow(() -> ProblemException.notFound("segment", id));
    }

    private static Category category(String raw) {
        try {
            return Category.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.validation("category is required",
                    List.of(new Problem.FieldError("category", "invalid", "MARKETING, UTILITY or AUTHENTICATION")));
        }
    }
}
