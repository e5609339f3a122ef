package dev.safesend.cloudapi.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The body of {@code POST /{version}/{phone-number-id}/messages}: a free-form text or a template, addressed by phone
 * ({@code to}) or by business-scoped user ID ({@code recipient}; Meta lets {@code to} win when both are set), with
 * {@code biz_opaque_callback_data} echoed back on every status. {@code interactive} (and the other message kinds the
 * simulator accepts) is carried as the JSON it is: no service builds or reads its inside.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"messaging_product", "recipient_type", "to", "recipient", "type", "text", "template", "interactive",
        "context", "biz_opaque_callback_data"})
public record SendRequest(@JsonProperty("messaging_product") String messagingProduct,
                          @JsonProperty("recipient_type") String recipientType,
                          @JsonProperty("to") String to,
                          @JsonProperty("recipient") String recipient,
                          @JsonProperty("type") String type,
                          @JsonProperty("text") Text text,
                          @JsonProperty("template") Template template,
                          @JsonProperty("interactive") JsonNode interactive,
                          @JsonProperty("context") Context context,
                          @JsonProperty("biz_opaque_callback_data") String bizOpaqueCallbackData) {

    public static final String WHATSAPP = "whatsapp";
    public static final String INDIVIDUAL = "individual";

    /** A text message to one person. */
    public static SendRequest text(String to, String recipient, Text text, String callbackData) {
        return new SendRequest(WHATSAPP, INDIVIDUAL, to, recipient, "text", text, null, null, null, callbackData);
    }

    /** A template message to one person. */
    public static SendRequest template(String to, String recipient, Template template, String callbackData) {
        return new SendRequest(WHATSAPP, INDIVIDUAL, to, recipient, "template", null, template, null, null, callbackData);
    }

    /** {@code text: {preview_url, body}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"preview_url", "body"})
    public record Text(@JsonProperty("preview_url") Boolean previewUrl, @JsonProperty("body") String body) {
    }

    /** {@code template: {name, language: {code}, components: [...]}}; dispatch always sends components, even empty. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "language", "components"})
    public record Template(@JsonProperty("name") String name, @JsonProperty("language") Language language,
                           @JsonProperty("components") List<Component> components) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Language(@JsonProperty("code") String code) {
    }

    /** A header, body or button component; {@code sub_type} and {@code index} (a string at Meta) only on buttons. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "sub_type", "index", "parameters"})
    public record Component(@JsonProperty("type") String type, @JsonProperty("sub_type") String subType,
                            @JsonProperty("index") String index, @JsonProperty("parameters") List<Parameter> parameters) {

        public static Component header(List<Parameter> parameters) {
            return new Component("header", null, null, parameters);
        }

        public static Component body(List<Parameter> parameters) {
            return new Component("body", null, null, parameters);
        }

        public static Component button(String subType, int index, List<Parameter> parameters) {
            return new Component("button", subType, Integer.toString(index), parameters);
        }
    }

    /**
     * One parameter: {@code {type: text, text}} or {@code {type: payload, payload}} as safesend sends them;
     * {@code parameter_name} for named parameters; the media and other kinds Meta defines as the JSON they are.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "parameter_name", "text", "payload", "image", "video", "document", "currency",
            "date_time", "location", "coupon_code", "action"})
    public record Parameter(@JsonProperty("type") String type, @JsonProperty("parameter_name") String parameterName,
                            @JsonProperty("text") String text, @JsonProperty("payload") String payload,
                            @JsonProperty("image") JsonNode image, @JsonProperty("video") JsonNode video,
                            @JsonProperty("document") JsonNode document, @JsonProperty("currency") JsonNode currency,
                            @JsonProperty("date_time") JsonNode dateTime, @JsonProperty("location") JsonNode location,
                            @JsonProperty("coupon_code") String couponCode, @JsonProperty("action") JsonNode action) {

        public static Parameter text(String text) {
            return new Parameter("text", null, text, null, null, null, null, null, null, null, null, null);
        }

        public static Parameter payload(String payload) {
            return new Parameter("payload", null, null, payload, null, null, null, null, null, null, null, null);
        }
    }

    /** {@code context: {message_id}}: the message this one replies to. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Context(@JsonProperty("message_id") String messageId) {
    }
}
