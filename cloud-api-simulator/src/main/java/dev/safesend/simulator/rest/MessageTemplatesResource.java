package dev.safesend.simulator.rest;

import dev.safesend.simulator.domain.MetaError;
import dev.safesend.simulator.domain.RejectedException;
import dev.safesend.simulator.domain.Template;
import dev.safesend.simulator.domain.TemplateRegistry;
import dev.safesend.simulator.service.TemplateCatalogService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * {@code GET /{version}/{waba-id}/message_templates}: the WABA's templates with Graph cursor paging
 * ({@code limit}, {@code after}) and the filters Meta offers ({@code status}, {@code category},
 * {@code language}, {@code name} as a case-insensitive substring). {@code fields} is accepted and
 * ignored: every field is returned.
 */
@Path("/{version: v\\d+\\.\\d+}/{wabaId}/message_templates")
public class MessageTemplatesResource {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 1000;

    private final MetaCallPipeline pipeline;
    private final TemplateCatalogService catalog;

    public MessageTemplatesResource(MetaCallPipeline pipeline, TemplateCatalogService catalog) {
        this.pipeline = pipeline;
        this.catalog = catalog;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> list(@PathParam("wabaId") String wabaId,
                              @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @QueryParam("limit") String limit, @QueryParam("after") String after,
                              @QueryParam("status") String status, @QueryParam("category") String category,
                              @QueryParam("language") String language, @QueryParam("name") String name,
                              @Context UriInfo uri) {
        return pipeline.answer(authorization, () -> {
            int pageSize = pageSize(limit);
            Predicate<Template> filter = filter(status, category, language, name);
            TemplateRegistry.TemplatePage page;
            try {
                page = catalog.page(wabaId, filter, after == null ? null : decode(after), pageSize)
                        .orElseThrow(() -> new RejectedException(MetaError.INVALID_PARAMETER, "Unsupported get request. "
                                + "Object with ID '" + wabaId + "' does not exist, cannot be loaded due to missing "
                                + "permissions, or does not support this operation."));
            } catch (IllegalArgumentException e) {
                throw new RejectedException(MetaError.INVALID_PARAMETER, "Invalid 'after' cursor.");
            }
            List<TemplateListResponse.Item> items = page.items().stream().map(TemplateListResponse.Item::of).toList();
            if (items.isEmpty()) {
                return Response.ok(new TemplateListResponse(items, null)).build();
            }
            String afterCursor = encode(items.get(items.size() - 1).id());
            String next = page.hasMore()
                    ? uri.getRequestUriBuilder().replaceQueryParam("after", afterCursor).build().toString()
                    : null;
            TemplateListResponse.Paging paging = new TemplateListResponse.Paging(
                    new TemplateListResponse.Cursors(encode(items.get(0).id()), afterCursor), next);
            return Response.ok(new TemplateListResponse(items, paging)).build();
        });
    }

    private static int pageSize(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new RejectedException(MetaError.INVALID_PARAMETER, "Param limit must be a number between 1 and " + MAX_LIMIT + ".");
    }

    private static Predicate<Template> filter(String status, String category, String language, String name) {
        Predicate<Template> filter = template -> true;
        if (status != null && !status.isBlank()) {
            filter = filter.and(t -> t.status().name().equalsIgnoreCase(status.trim()));
        }
        if (category != null && !category.isBlank()) {
            filter = filter.and(t -> t.category().name().equalsIgnoreCase(category.trim()));
        }
        if (language != null && !language.isBlank()) {
            filter = filter.and(t -> t.language().equalsIgnoreCase(language.trim()));
        }
        if (name != null && !name.isBlank()) {
            String needle = name.trim().toLowerCase(Locale.ROOT);
            filter = filter.and(t -> t.name().toLowerCase(Locale.ROOT).contains(needle));
        }
        return filter;
    }

    private static String encode(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad cursor", e);
        }
    }
}
