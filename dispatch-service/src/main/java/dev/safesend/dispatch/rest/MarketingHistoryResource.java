package dev.safesend.dispatch.rest;

import dev.safesend.dispatch.mapping.MarketingHistoryApiMapper;
import dev.safesend.dispatch.service.MarketingHistoryService;
import dev.safesend.servicekit.identity.Bsuid;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/recipients:marketing-history}: what the gate's per-person marketing rules (the 30-day
 * identical-content rule and the marketing frequency cap) would do to up to 5,000 recipients, each with the digest of
 * the content it would receive, at a given instant. Campaign forecasts in ingest ask it for the recipients not yet
 * released. A read: viewers (ingest's service token), operators and admins; 503 while PostgreSQL cannot be read. (A root
 * resource of its own: JAX-RS cannot share a root with a {@code :method} suffix.)
 */
@Path("/v1/recipients:marketing-history")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class MarketingHistoryResource {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{32}");
    /** Field errors reported at most, so a page of bad items does not answer with thousands of them. */
    private static final int MAX_ERRORS = 20;

    private final MarketingHistoryService history;
    private final MarketingHistoryApiMapper mapper;

    public MarketingHistoryResource(MarketingHistoryService history, MarketingHistoryApiMapper mapper) {
        this.history = history;
        this.mapper = mapper;
    }

    @POST
    @RolesAllowed({"admin", "operator", "viewer"})
    public MarketingHistoryBody judge(MarketingHistoryQueryBody body) {
        validate(body);
        try {
            return mapper.toBody(history.judge(mapper.toDomain(body), body.at()));
        } catch (StoreUnavailableException e) {
            throw new ProblemException(Problem.of(503, "store-unavailable", "The send history cannot be read now", e.getMessage()));
        }
    }

    private static void validate(MarketingHistoryQueryBody body) {
        int max = MarketingHistoryService.MAX_ITEMS;
        if (body == null || body.items() == null) {
            throw ProblemException.validation("nothing was judged", List.of(new Problem.FieldError("items", "required",
                    "items is required: 1 to " + max + " {recipient, contentHash}")));
        }
        if (body.items().isEmpty() || body.items().size() > max) {
            throw ProblemException.validation("nothing was judged", List.of(new Problem.FieldError("items",
                    body.items().isEmpty() ? "items_empty" : "too_many_items",
                    "a request judges 1 to " + max + " recipients; " + body.items().size() + " given")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < body.items().size() && errors.size() < MAX_ERRORS; i++) {
            MarketingHistoryQueryBody.Item item = body.items().get(i);
            String at = "items[" + i + "]";
            if (item == null) {
                errors.add(new Problem.FieldError(at, "required", "an item is {recipient, contentHash}"));
                continue;
            }
            if (item.recipient() == null || item.recipient().isBlank()) {
                errors.add(new Problem.FieldError(at + ".recipient", "required", "the recipient's phone (E.164) or BSUID"));
            } else if (!E164.matcher(item.recipient()).matches() && !Bsuid.isBsuid(item.recipient())) {
                errors.add(new Problem.FieldError(at + ".recipient", "invalid_recipient",
                        "neither a phone in E.164 (+ and 7 to 15 digits) nor a BSUID"));
            }
            if (item.contentHash() == null || !DIGEST.matcher(item.contentHash()).matches()) {
                errors.add(new Problem.FieldError(at + ".contentHash", item.contentHash() == null ? "required" : "invalid_format",
                        "the content's digest: 32 lower-case hex digits (service-kit's ContentDigest)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("nothing was judged", errors);
        }
    }
}
