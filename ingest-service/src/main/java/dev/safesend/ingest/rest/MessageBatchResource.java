package dev.safesend.ingest.rest;

import dev.safesend.ingest.domain.BatchRejectedException;
import dev.safesend.ingest.domain.IdempotencyConflictException;
import dev.safesend.ingest.domain.MessageRequest;
import dev.safesend.ingest.domain.RequestRejectedException;
import dev.safesend.ingest.domain.Violation;
import dev.safesend.ingest.mapping.MessageApiMapper;
import dev.safesend.ingest.service.MessageIntakeService;
import dev.safesend.ingest.service.SendGate;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;

import static dev.safesend.ingest.rest.MessageResource.IDEMPOTENCY_KEY;
import static dev.safesend.ingest.rest.MessageResource.REPLAYED;
import static dev.safesend.ingest.rest.MessageResource.checkKey;
import static dev.safesend.ingest.rest.MessageResource.conflict;

/**
 * {@code POST /v1/messages:batch}: up to 1,000 messages; the valid ones are accepted (202), the others reported by
 * index; when none is valid the answer is a 400 with every item's problems ({@code messages[i].field}).
 * Idempotency-Key covers the whole batch. (A root resource of its own: JAX-RS cannot share the {@code /v1/messages}
 * root with a {@code :batch} suffix.)
 */
@Path("/v1/messages:batch")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MessageBatchResource {

    private final MessageIntakeService intake;
    private final MessageApiMapper mapper;
    private final SendGate gate;

    public MessageBatchResource(MessageIntakeService intake, MessageApiMapper mapper, SendGate gate) {
        this.intake = intake;
        this.mapper = mapper;
        this.gate = gate;
    }

    @POST
    @Blocking
    @RolesAllowed({"sender", "admin"})
    public Response sendBatch(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, SendBatchRequest body) {
        String key = checkKey(idempotencyKey);
        if (body == null || body.messages() == null) {
            throw ProblemException.validation("the batch was not accepted; nothing was sent",
                    List.of(new Problem.FieldError("messages", "required", "messages is required: an array of 1 to "
                            + intake.maxBatchSize() + " messages")));
        }
        if (body.messages().isEmpty() || body.messages().size() > intake.maxBatchSize()) {
            throw ProblemException.validation("the batch was not accepted; nothing was sent",
                    List.of(new Problem.FieldError("messages", body.messages().isEmpty() ? "batch_empty" : "batch_too_large",
                            "a batch carries 1 to " + intake.maxBatchSize() + " messages; " + body.messages().size() + " given")));
        }
        List<MessageRequest> requests = new ArrayList<>(body.messages().size());
        List<List<Violation>> unreadable = new ArrayList<>(body.messages().size());
        for (SendMessageRequest item : body.messages()) {
            try {
                requests.add(mapper.toDomain(item));
                unreadable.add(null);
            } catch (RequestRejectedException e) {
                requests.add(null);
                unreadable.add(e.violations());
            }
        }
        List<String> projects = body.messages().stream().map(m -> m == null ? null : m.project()).toList();
        try (SendGate.Admission admission = gate.admit(projects, true)) {
            var result = intake.acceptBatch(requests, unreadable, key);
            admission.accepted(result.replayed() ? List.of() : result.result().items().stream()
                    .filter(i -> i.accepted()).map(i -> projects.get(i.index())).toList());
            return Response.accepted(mapper.toResponse(result.result())).header(REPLAYED, result.replayed() ? "true" : null).build();
        } catch (BatchRejectedException e) {
            throw ProblemException.validation("no message of the batch was accepted; nothing was sent", mapper.batchErrors(e.outcome()));
        } catch (IdempotencyConflictException e) {
            throw conflict(e);
        }
    }

}
