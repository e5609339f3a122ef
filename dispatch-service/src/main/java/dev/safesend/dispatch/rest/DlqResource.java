package dev.safesend.dispatch.rest;

import dev.safesend.dispatch.domain.DeadLetters;
import dev.safesend.dispatch.mapping.DlqApiMapper;
import dev.safesend.dispatch.service.DlqService;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import dev.safesend.servicekit.tenancy.ProjectAccess;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The dead-letter topics of what dispatch consumes ({@code <topic>.dlq}): viewers read them, operators re-drive
 * records to their original topic. Records stay in the DLQ (Kafka cannot delete one); copies carry
 * {@code safesend-redriven-from}. A token limited to projects sees and re-drives only records of its projects
 * ({@link DlqService}); selecting any other record is a 403 and nothing is re-driven.
 */
@Path("/v1/dlq/{topic}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DlqResource {

    private final DlqService dlq;
    private final DlqApiMapper mapper;
    private final ProjectAccess access;

    public DlqResource(DlqService dlq, DlqApiMapper mapper, ProjectAccess access) {
        this.dlq = dlq;
        this.mapper = mapper;
        this.access = access;
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    public DeadLetterPage list(@PathParam("topic") String topic, @QueryParam("limit") @DefaultValue("50") int limit,
                               @QueryParam("cursor") String cursor) {
        if (limit < 1 || limit > DlqService.MAX_PAGE) {
            throw ProblemException.validation("limit must be 1–" + DlqService.MAX_PAGE,
                    List.of(new Problem.FieldError("limit", "out_of_range", "limit must be between 1 and " + DlqService.MAX_PAGE)));
        }
        return mapper.toPage(handle(topic, () -> dlq.list(topic, cursor, limit, access.scope())));
    }

    @POST
    @Path("/redrive")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    public RedriveReportBody redrive(@PathParam("topic") String topic, RedriveBody body) {
        boolean byRecords = body != null && body.records() != null && !body.records().isEmpty();
        boolean byIds = body != null && body.messageIds() != null && !body.messageIds().isEmpty();
        if (byRecords == byIds) {
            throw ProblemException.validation("select the records to re-drive by either records or messageIds",
                    List.of(new Problem.FieldError(byRecords ? "messageIds" : "records", byRecords ? "exclusive" : "required",
                            "give a non-empty records [{partition, offset}] or messageIds [\"…\"], not both")));
        }
        int count = byRecords ? body.records().size() : body.messageIds().size();
        if (count > DlqService.MAX_REDRIVE) {
            throw ProblemException.validation("too many records in one re-drive",
                    List.of(new Problem.FieldError(byRecords ? "records" : "messageIds", "too_many",
                            "at most " + DlqService.MAX_REDRIVE + " per request")));
        }
        if (byRecords) {
            List<Problem.FieldError> errors = new ArrayList<>();
            List<DeadLetters.Ref> refs = new ArrayList<>();
            for (int i = 0; i < body.records().size(); i++) {
                RedriveBody.RecordPosition p = body.records().get(i);
                if (p == null || p.partition() == null || p.partition() < 0) {
                    errors.add(new Problem.FieldError("records[" + i + "].partition", "required", "a partition ≥ 0 is required"));
                } else if (p.offset() == null || p.offset() < 0) {
                    errors.add(new Problem.FieldError("records[" + i + "].offset", "required", "an offset ≥ 0 is required"));
                } else {
                    refs.add(new DeadLetters.Ref(p.partition(), p.offset()));
                }
            }
            if (!errors.isEmpty()) {
                throw ProblemException.validation("every record needs a partition and an offset", errors);
            }
            return mapper.toBody(handle(topic, () -> dlq.redriveRecords(topic, refs, access.scope())));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < body.messageIds().size(); i++) {
            String id = body.messageIds().get(i);
            if (id == null || id.isBlank()) {
                errors.add(new Problem.FieldError("messageIds[" + i + "]", "required", "a message id must not be blank"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("every message id must be given", errors);
        }
        return mapper.toBody(handle(topic, () -> dlq.redriveMessages(topic, body.messageIds(), access.scope())));
    }

    /** Runs a DLQ action, turning its exceptions into problem+json. */
    private static <T> T handle(String topic, Supplier<T> action) {
        try {
            return action.get();
        } catch (DlqService.UnknownTopicException e) {
            throw new ProblemException(Problem.of(404, "not-found", "no such dead-letter topic",
                    "dispatch does not consume '" + topic + "', so it keeps no dead letters of it"));
        } catch (DlqService.ProjectNotAllowed e) {
            throw ProjectAccess.forbiddenOwner(e.project());
        } catch (DlqService.SelectionRejected e) {
            throw ProblemException.validation(e.getMessage(), List.of(new Problem.FieldError(e.field(), e.code(), e.getMessage())));
        } catch (DlqService.DeadLettersUnavailableException e) {
            throw new ProblemException(Problem.of(503, "kafka-unavailable", "Kafka is unavailable", e.getMessage()));
        }
    }
}
