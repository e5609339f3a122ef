package dev.safesend.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemExceptionMappers;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Quarkus REST's Jackson support brings its own mapper for {@link MismatchedInputException} (a plain 400, JSON
 * or empty body), which is more specific than service-kit's {@link JsonProcessingException} mapper and so wins.
 * These take precedence and answer problem+json with the field path and a code (invalid_type, invalid_format).
 */
public class JsonProblemMappers {

    private final ProblemExceptionMappers problems = new ProblemExceptionMappers();

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String path = unknown.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return Response.status(400).type(Problem.MEDIA_TYPE).entity(Problem.validation("the body has a field the API does not know",
                    List.of(new Problem.FieldError(path, "unknown_field", "'" + unknown.getPropertyName()
                            + "' is not a field here; known: " + unknown.getKnownPropertyIds()))).withInstance(uri.getPath())).build();
        }
        return problems.unreadableJson(e, uri);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return problems.unreadableJson(e, uri);
    }
}
