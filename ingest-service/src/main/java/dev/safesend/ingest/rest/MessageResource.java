package dev.safesend.ingest.rest;

import dev.safesend.ingest.domain.IdempotencyConflictException;
import dev.safesend.ingest.domain.RequestRejectedException;
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

import java.util.List;
import java.util.regex.Pattern;

/**
 * The send API for internal systems (role {@code sender}; admins may send too). With an {@code Idempotency-Key}
 * header the first result is returned for 24 h (header {@code Idempotent-Replayed: true}) and a reuse with a
 * different body is a 409.
 */
@Path("/v1/messages")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final MessageIntakeService intake;
    private final MessageApiMapper mapper;
    private final SendGate gate;

    public MessageResource(MessageIntakeService intake, MessageApiMapper mapper, SendGate gate) {
        this.intake = intake;
        this.mapper = mapper;
        this.gate = gate;
    }

    @POST
    @Blocking
    @RolesAllowed({"sender", "admin"})
    public Response send(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, SendMessageRequest body) {
        String key = checkKey(idempotencyKey);
        List<String> project = java.util.Collections.singletonList(body == null ? null : body.project());
        try (SendGate.Admission admission = gate.admit(project, false)) {
            var result = intake.accept(mapper.toDomain(body), key);
            admission.accepted(result.replayed() ? List.of() : project);
            return Response.accepted(mapper.toResponse(result.result())).header(REPLAYED, result.replayed() ? "true" : null).build();
        } catch (RequestRejectedException e) {
            throw ProblemException.validation("the message was not accepted; nothing was sent", mapper.errors(e.violations(), ""));
        } catch (IdempotencyConflictException e) {
            throw conflict(e);
        }
    }

    static String checkKey(String key) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw ProblemException.validation("the Idempotency-Key header is not usable", List.of(new Problem.FieldError(
                    IDEMPOTENCY_KEY, "invalid_idempotency_key", "an Idempotency-Key is 1 to 255 visible ASCII characters")));
        }
        return key;
    }

    static ProblemException conflict(IdempotencyConflictException e) {
        return new ProblemException(Problem.of(409, "idempotency-key-reused", "Idempotency key reused",
                "Idempotency-Key '" + e.key() + "' was used within the last 24 h for a different request; "
                        + "nothing was sent. Use a new key for a new request."));
    }
}
