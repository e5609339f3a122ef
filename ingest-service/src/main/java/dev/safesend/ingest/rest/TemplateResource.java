package dev.safesend.ingest.rest;

import dev.safesend.ingest.domain.Template;
import dev.safesend.ingest.mapping.MessageApiMapper;
import dev.safesend.ingest.service.TemplateRegistryService;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** The template registry: {@code GET /v1/templates} (paged, filterable) and {@code POST /v1/templates:sync}. */
@Path("/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final TemplateRegistryService registry;
    private final MessageApiMapper mapper;

    public TemplateResource(TemplateRegistryService registry, MessageApiMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    @GET
    @Blocking
    @RolesAllowed({"admin", "operator", "viewer", "sender"})
    public TemplateView.Page list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
                                  @QueryParam("status") String status, @QueryParam("name") String name) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.validation("the listing parameters are not valid", List.of(new Problem.FieldError(
                    "limit", "out_of_range", "limit must be 1 to " + MAX_LIMIT)));
        }
        String after = decode(cursor);
        List<Template> matching = registry.list().stream()
                .filter(t -> status == null || t.status().equalsIgnoreCase(status))
                .filter(t -> name == null || t.name().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)))
                .filter(t -> after == null || position(t).compareTo(after) > 0)
                .limit(size + 1L)
                .toList();
        List<Template> page = matching.size() > size ? matching.subList(0, size) : matching;
        String next = matching.size() > size ? encode(position(page.get(page.size() - 1))) : null;
        return new TemplateView.Page(page.stream().map(mapper::toView).toList(), next);
    }

    private static String position(Template t) {
        return t.name() + "\u0000" + t.language();
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation("the listing parameters are not valid", List.of(new Problem.FieldError(
                    "cursor", "invalid_cursor", "cursor is not one this API returned")));
        }
    }
}
