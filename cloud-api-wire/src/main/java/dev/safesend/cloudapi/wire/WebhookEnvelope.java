package dev.safesend.cloudapi.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The body Meta POSTs to a webhook: {@code {"object": "whatsapp_business_account", "entry": [{"id": <WABA>, "time"?,
 * "changes": [{"field", "value"}]}]}}. Every change's value is one {@link ChangeValue}, whatever its field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"object", "entry"})
public record WebhookEnvelope(@JsonProperty("object") String object, @JsonProperty("entry") List<Entry> entry) {

    public static final String WHATSAPP_BUSINESS_ACCOUNT = "whatsapp_business_account";

    /** One WABA's changes; {@code time} (epoch seconds) is set on account-level changes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "time", "changes"})
    public record Entry(@JsonProperty("id") String id, @JsonProperty("time") Long time,
                        @JsonProperty("changes") List<Change> changes) {
    }

    /** {@code field} names what changed ({@code messages}, {@code account_update}, ...); {@code value} says how. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"field", "value"})
    public record Change(@JsonProperty("field") String field, @JsonProperty("value") ChangeValue value) {
    }
}
