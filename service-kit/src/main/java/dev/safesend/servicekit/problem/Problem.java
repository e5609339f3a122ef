package dev.safesend.servicekit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem detail, as every safesend REST error answers ({@code application/problem+json}).
 * {@code type} is a stable URI per kind of problem; {@code errors} lists field problems of a validation failure.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://safesend.dev/problems/";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(int status, String kind, String title, String detail) {
        return new Problem(TYPE_BASE + kind, title, status, detail, null, List.of());
    }

    public static Problem validation(String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + "validation", "Request is not valid", 400, detail, null, errors);
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, errors);
    }

    /** One problem with one field: {@code field} is a JSON path such as {@code template.bodyParameters[1]}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String code, String message) {
    }
}
