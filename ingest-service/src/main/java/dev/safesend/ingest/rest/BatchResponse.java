package dev.safesend.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.safesend.servicekit.problem.Problem;

import java.util.List;

/** Answer of {@code POST /v1/messages:batch} (202): counts, and every item by its index, accepted or rejected with why. */
public record BatchResponse(long accepted, long rejected, List<Item> items) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Item(int index, String status, MessageAcceptedResponse message, List<Problem.FieldError> errors) {
    }
}
