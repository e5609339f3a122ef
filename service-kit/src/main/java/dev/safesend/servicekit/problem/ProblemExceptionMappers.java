package dev.safesend.servicekit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/** Turns every error a safesend REST endpoint can raise into RFC 9457 problem+json. */
public class ProblemExceptionMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(respond(Problem.of(401, "unauthorized", "Authentication required",
                "a valid bearer token is required"), uri)).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "forbidden", "Not allowed", "your role does not allow this operation"), uri);
    }

    /**
     * Quarkus REST's Jackson support brings its own mapper for {@link MismatchedInputException} (a plain 400, JSON
     * or empty body) that is more specific than {@link #unreadableJson} and would win; this one takes precedence.
     * An unknown field (where a service reads JSON strictly) is a validation problem with code unknown_field.
     */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return respond(Problem.validation("the body has a field the API does not know",
                    List.of(new Problem.FieldError(path(unknown), "unknown_field", "'" + unknown.getPropertyName()
                            + "' is not a field here; known: " + unknown.getKnownPropertyIds()))), uri);
        }
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            String code = e instanceof InvalidFormatException ? "invalid_format" : "invalid_type";
            return respond(Problem.validation("the body does not match the expected shape",
                    List.of(new Problem.FieldError(field, code, firstLine(e.getOriginalMessage())))), uri);
        }
        return respond(Problem.of(400, "malformed-json", "Malformed JSON", firstLine(e.getOriginalMessage())), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "HTTP " + status
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(Problem.of(status, "http-" + status, title, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Log.errorf(e, "unexpected error on %s", uri.getPath());
        return respond(Problem.of(500, "internal", "Internal error", "an unexpected error occurred; it has been logged"), uri);
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.instance() == null && uri != null ? problem.withInstance(uri.getPath()) : problem)
                .build();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "the body could not be read";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
