package dev.safesend.cloudapi.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Meta's error answer: {@code {"error": {"message": "(#code) title", "type", "code", "error_subcode"?,
 * "error_data": {"messaging_product", "details"}, "fbtrace_id"}}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(@JsonProperty("error") Error error) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"message", "type", "code", "error_subcode", "error_data", "fbtrace_id"})
    public record Error(@JsonProperty("message") String message, @JsonProperty("type") String type,
                        @JsonProperty("code") Integer code, @JsonProperty("error_subcode") Integer errorSubcode,
                        @JsonProperty("error_data") ErrorData errorData, @JsonProperty("fbtrace_id") String fbtraceId) {

        /** {@code error_data.details}, or null. */
        public String details() {
            return errorData == null ? null : errorData.details();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"messaging_product", "details"})
    public record ErrorData(@JsonProperty("messaging_product") String messagingProduct, @JsonProperty("details") String details) {
    }
}
