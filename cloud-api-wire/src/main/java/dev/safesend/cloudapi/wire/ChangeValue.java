package dev.safesend.cloudapi.wire;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code value} of a webhook change. Meta's reference gives each field its own value object; they share names
 * ({@code event}, {@code metadata}, {@code display_phone_number}, ...) and never give one name two shapes, so one record
 * holds them all and a reader takes the fields its change field defines:
 * <ul>
 *   <li>{@code messages}: {@code messaging_product}, {@code metadata}, {@code contacts}, {@code messages},
 *       {@code statuses}, {@code errors};</li>
 *   <li>{@code user_preferences}: {@code metadata}, {@code contacts}, {@code user_preferences};</li>
 *   <li>template changes: {@code event}, {@code message_template_*}, {@code reason}, the categories and quality
 *       scores;</li>
 *   <li>{@code phone_number_quality_update}, {@code account_update}, {@code account_alerts},
 *       {@code business_capability_update}: the number, limits, restriction, ban, violation and alert fields.</li>
 * </ul>
 * Whatever else a value carries is kept in {@link #other()} (and written back after the named fields), because an
 * account change is stored with every attribute Meta sent. Scalars Meta sends as numbers are read as their text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"messaging_product", "metadata", "contacts", "messages", "statuses", "errors", "user_preferences"})
@JsonDeserialize(builder = ChangeValue.Builder.class)
public record ChangeValue(
        @JsonProperty("messaging_product") String messagingProduct,
        @JsonProperty("metadata") Metadata metadata,
        @JsonProperty("contacts") List<Contact> contacts,
        @JsonProperty("messages") List<InboundMessage> messages,
        @JsonProperty("statuses") List<Status> statuses,
        @JsonProperty("errors") List<WebhookError> errors,
        @JsonProperty("user_preferences") List<UserPreference> userPreferences,
        @JsonProperty("event") String event,
        @JsonProperty("message_template_id") String messageTemplateId,
        @JsonProperty("message_template_name") String messageTemplateName,
        @JsonProperty("message_template_language") String messageTemplateLanguage,
        @JsonProperty("reason") String reason,
        @JsonProperty("previous_category") String previousCategory,
        @JsonProperty("new_category") String newCategory,
        @JsonProperty("correct_category") String correctCategory,
        @JsonProperty("previous_quality_score") String previousQualityScore,
        @JsonProperty("new_quality_score") String newQualityScore,
        @JsonProperty("display_phone_number") String displayPhoneNumber,
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("phone_number_id") String phoneNumberId,
        @JsonProperty("current_limit") String currentLimit,
        @JsonProperty("old_limit") String oldLimit,
        @JsonProperty("max_daily_conversations_per_business") String maxDailyConversationsPerBusiness,
        @JsonProperty("max_daily_conversation_per_phone") String maxDailyConversationPerPhone,
        @JsonProperty("restriction_info") List<RestrictionInfo> restrictionInfo,
        @JsonProperty("ban_info") BanInfo banInfo,
        @JsonProperty("violation_info") ViolationInfo violationInfo,
        @JsonProperty("entity_type") String entityType,
        @JsonProperty("entity_id") String entityId,
        @JsonProperty("alert_info") AlertInfo alertInfo,
        Map<String, JsonNode> other) {

    public ChangeValue {
        other = other == null ? Map.of() : other;
    }

    /** A value holding exactly the given JSON fields, in their order (an account change the simulator passes through). */
    public static ChangeValue ofFields(Map<String, JsonNode> fields) {
        return new ChangeValue(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                new LinkedHashMap<>(fields));
    }

    /** A {@code messages} or {@code user_preferences} value. */
    public static ChangeValue messages(Metadata metadata, List<Contact> contacts, List<InboundMessage> messages,
                                       List<Status> statuses, List<UserPreference> userPreferences) {
        return new ChangeValue(SendRequest.WHATSAPP, metadata, contacts, messages, statuses, null, userPreferences, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    /** The fields no component names, in the order they came; written after the named ones. */
    @Override
    @JsonAnyGetter
    public Map<String, JsonNode> other() {
        return other;
    }

    /** {@code metadata.phone_number_id}, or null. */
    public String metadataPhoneNumberId() {
        return metadata == null ? null : metadata.phoneNumberId();
    }


    /**
     * How Jackson reads a value: a builder whose setters it calls field by field, then one constructor call. (Read
     * through the record's 31-argument constructor, every value would buffer all 31 arguments; this is the cheaper
     * path for the one record every webhook change has.)
     */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {

        private String messagingProduct;
        private Metadata metadata;
        private List<Contact> contacts;
        private List<InboundMessage> messages;
        private List<Status> statuses;
        private List<WebhookError> errors;
        private List<UserPreference> userPreferences;
        private String event;
        private String messageTemplateId;
        private String messageTemplateName;
        private String messageTemplateLanguage;
        private String reason;
        private String previousCategory;
        private String newCategory;
        private String correctCategory;
        private String previousQualityScore;
        private String newQualityScore;
        private String displayPhoneNumber;
        private String phoneNumber;
        private String phoneNumberId;
        private String currentLimit;
        private String oldLimit;
        private String maxDailyConversationsPerBusiness;
        private String maxDailyConversationPerPhone;
        private List<RestrictionInfo> restrictionInfo;
        private BanInfo banInfo;
        private ViolationInfo violationInfo;
        private String entityType;
        private String entityId;
        private AlertInfo alertInfo;
        private Map<String, JsonNode> other;

        @JsonProperty("messaging_product")
        public Builder messagingProduct(String value) {
            this.messagingProduct = value;
            return this;
        }

        @JsonProperty("metadata")
        public Builder metadata(Metadata value) {
            this.metadata = value;
            return this;
        }

        @JsonProperty("contacts")
        public Builder contacts(List<Contact> value) {
            this.contacts = value;
            return this;
        }

        @JsonProperty("messages")
        public Builder messages(List<InboundMessage> value) {
            this.messages = value;
            return this;
        }

        @JsonProperty("statuses")
        public Builder statuses(List<Status> value) {
            this.statuses = value;
            return this;
        }

        @JsonProperty("errors")
        public Builder errors(List<WebhookError> value) {
            this.errors = value;
            return this;
        }

        @JsonProperty("user_preferences")
        public Builder userPreferences(List<UserPreference> value) {
            this.userPreferences = value;
            return this;
        }

        @JsonProperty("event")
        public Builder event(String value) {
            this.event = value;
            return this;
        }

        @JsonProperty("message_template_id")
        public Builder messageTemplateId(String value) {
            this.messageTemplateId = value;
            return this;
        }

        @JsonProperty("message_template_name")
        public Builder messageTemplateName(String value) {
            this.messageTemplateName = value;
            return this;
        }

        @JsonProperty("message_template_language")
        public Builder messageTemplateLanguage(String value) {
            this.messageTemplateLanguage = value;
            return this;
        }

        @JsonProperty("reason")
        public Builder reason(String value) {
            this.reason = value;
            return this;
        }

        @JsonProperty("previous_category")
        public Builder previousCategory(String value) {
            this.previousCategory = value;
            return this;
        }

        @JsonProperty("new_category")
        public Builder newCategory(String value) {
            this.newCategory = value;
            return this;
        }

        @JsonProperty("correct_category")
        public Builder correctCategory(String value) {
            this.correctCategory = value;
            return this;
        }

        @JsonProperty("previous_quality_score")
        public Builder previousQualityScore(String value) {
            this.previousQualityScore = value;
            return this;
        }

        @JsonProperty("new_quality_score")
        public Builder newQualityScore(String value) {
            this.newQualityScore = value;
            return this;
        }

        @JsonProperty("display_phone_number")
        public Builder displayPhoneNumber(String value) {
            this.displayPhoneNumber = value;
            return this;
        }

        @JsonProperty("phone_number")
        public Builder phoneNumber(String value) {
            this.phoneNumber = value;
            return this;
        }

        @JsonProperty("phone_number_id")
        public Builder phoneNumberId(String value) {
            this.phoneNumberId = value;
            return this;
        }

        @JsonProperty("current_limit")
        public Builder currentLimit(String value) {
            this.currentLimit = value;
            return this;
        }

        @JsonProperty("old_limit")
        public Builder oldLimit(String value) {
            this.oldLimit = value;
            return this;
        }

        @JsonProperty("max_daily_conversations_per_business")
        public Builder maxDailyConversationsPerBusiness(String value) {
            this.maxDailyConversationsPerBusiness = value;
            return this;
        }

        @JsonProperty("max_daily_conversation_per_phone")
        public Builder maxDailyConversationPerPhone(String value) {
            this.maxDailyConversationPerPhone = value;
            return this;
        }

        @JsonProperty("restriction_info")
        public Builder restrictionInfo(List<RestrictionInfo> value) {
            this.restrictionInfo = value;
            return this;
        }

        @JsonProperty("ban_info")
        public Builder banInfo(BanInfo value) {
            this.banInfo = value;
            return this;
        }

        @JsonProperty("violation_info")
        public Builder violationInfo(ViolationInfo value) {
            this.violationInfo = value;
            return this;
        }

        @JsonProperty("entity_type")
        public Builder entityType(String value) {
            this.entityType = value;
            return this;
        }

        @JsonProperty("entity_id")
        public Builder entityId(String value) {
            this.entityId = value;
            return this;
        }

        @JsonProperty("alert_info")
        public Builder alertInfo(AlertInfo value) {
            this.alertInfo = value;
            return this;
        }

        @JsonAnySetter
        public Builder other(String name, JsonNode value) {
            if (other == null) {
                other = new LinkedHashMap<>();
            }
            other.put(name, value);
            return this;
        }

        public ChangeValue build() {
            return new ChangeValue(messagingProduct, metadata, contacts, messages, statuses, errors, userPreferences, event, messageTemplateId, messageTemplateName, messageTemplateLanguage, reason, previousCategory, newCategory, correctCategory, previousQualityScore, newQualityScore, displayPhoneNumber, phoneNumber, phoneNumberId, currentLimit, oldLimit, maxDailyConversationsPerBusiness, maxDailyConversationPerPhone, restrictionInfo, banInfo, violationInfo, entityType, entityId, alertInfo, other);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"display_phone_number", "phone_number_id"})
    public record Metadata(@JsonProperty("display_phone_number") String displayPhoneNumber,
                           @JsonProperty("phone_number_id") String phoneNumberId) {
    }

    /** A user the change is about: by phone ({@code wa_id}, withheld by some users) and/or BSUID ({@code user_id}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"profile", "user_id", "parent_user_id", "wa_id"})
    public record Contact(@JsonProperty("profile") Profile profile, @JsonProperty("user_id") String userId,
                          @JsonProperty("parent_user_id") String parentUserId, @JsonProperty("wa_id") String waId) {

        public String profileName() {
            return profile == null ? null : profile.name();
        }

        public String username() {
            return profile == null ? null : profile.username();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "username"})
    public record Profile(@JsonProperty("name") String name, @JsonProperty("username") String username) {
    }

    /**
     * A delivery status of a message the business sent: {@code recipient_id} is the phone (absent on a send addressed
     * by BSUID), {@code recipient_user_id} the BSUID; {@code errors} on a failed status.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "status", "timestamp", "recipient_id", "recipient_user_id", "biz_opaque_callback_data",
            "conversation", "pricing", "errors"})
    @JsonDeserialize(builder = Status.Builder.class)
    public record Status(@JsonProperty("id") String id, @JsonProperty("status") String status,
                         @JsonProperty("timestamp") String timestamp, @JsonProperty("recipient_id") String recipientId,
                         @JsonProperty("recipient_user_id") String recipientUserId,
                         @JsonProperty("biz_opaque_callback_data") String bizOpaqueCallbackData,
                         @JsonProperty("conversation") Conversation conversation, @JsonProperty("pricing") Pricing pricing,
                         @JsonProperty("errors") List<WebhookError> errors) {

        /** Read field by field, as {@link ChangeValue.Builder}: a status webhook holds one or more of these per change. */
        @JsonPOJOBuilder(withPrefix = "")
        public static final class Builder {
            private String id;
            private String status;
            private String timestamp;
            private String recipientId;
            private String recipientUserId;
            private String bizOpaqueCallbackData;
            private Conversation conversation;
            private Pricing pricing;
            private List<WebhookError> errors;

            @JsonProperty("id")
            public Builder id(String value) {
                id = value;
                return this;
            }

            @JsonProperty("status")
            public Builder status(String value) {
                status = value;
                return this;
            }

            @JsonProperty("timestamp")
            public Builder timestamp(String value) {
                timestamp = value;
                return this;
            }

            @JsonProperty("recipient_id")
            public Builder recipientId(String value) {
                recipientId = value;
                return this;
            }

            @JsonProperty("recipient_user_id")
            public Builder recipientUserId(String value) {
                recipientUserId = value;
                return this;
            }

            @JsonProperty("biz_opaque_callback_data")
            public Builder bizOpaqueCallbackData(String value) {
                bizOpaqueCallbackData = value;
                return this;
            }

            @JsonProperty("conversation")
            public Builder conversation(Conversation value) {
                conversation = value;
                return this;
            }

            @JsonProperty("pricing")
            public Builder pricing(Pricing value) {
                pricing = value;
                return this;
            }

            @JsonProperty("errors")
            public Builder errors(List<WebhookError> value) {
                errors = value;
                return this;
            }

            public Status build() {
                return new Status(id, status, timestamp, recipientId, recipientUserId, bizOpaqueCallbackData, conversation,
                        pricing, errors);
            }
        }

        /** The first error, or null. */
        public WebhookError firstError() {
            return errors == null || errors.isEmpty() ? null : errors.get(0);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "expiration_timestamp", "origin"})
    public record Conversation(@JsonProperty("id") String id,
                               @JsonProperty("expiration_timestamp") String expirationTimestamp,
                               @JsonProperty("origin") Origin origin) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Origin(@JsonProperty("type") String type) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"billable", "pricing_model", "type", "category"})
    public record Pricing(@JsonProperty("billable") Boolean billable, @JsonProperty("pricing_model") String pricingModel,
                          @JsonProperty("type") String type, @JsonProperty("category") String category) {
    }

    /** An error on a status, a message or beside them: {@code code}, {@code title}, {@code message}, {@code error_data.details}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"code", "title", "message", "error_data", "href"})
    public record WebhookError(@JsonProperty("code") Integer code, @JsonProperty("title") String title,
                               @JsonProperty("message") String message, @JsonProperty("error_data") ErrorData errorData,
                               @JsonProperty("href") String href) {

        /** {@code error_data.details}, or null. */
        public String details() {
            return errorData == null ? null : errorData.details();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorData(@JsonProperty("details") String details) {
    }

    /**
     * A message a user sent: the kinds safesend reads ({@code text}, {@code button}, {@code interactive} replies,
     * {@code system} number changes); any other kind keeps only its envelope fields.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"context", "from", "from_user_id", "from_parent_user_id", "id", "timestamp", "type", "text",
            "button", "interactive", "system"})
    public record InboundMessage(@JsonProperty("context") Context context, @JsonProperty("from") String from,
                                 @JsonProperty("from_user_id") String fromUserId,
                                 @JsonProperty("from_parent_user_id") String fromParentUserId,
                                 @JsonProperty("id") String id, @JsonProperty("timestamp") String timestamp,
                                 @JsonProperty("type") String type, @JsonProperty("text") Text text,
                                 @JsonProperty("button") Button button, @JsonProperty("interactive") Interactive interactive,
                                 @JsonProperty("system") SystemChange system) {
    }

    /** The message a reply answers ({@code id}) and the business number it came from ({@code from}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"from", "id"})
    public record Context(@JsonProperty("from") String from, @JsonProperty("id") String id) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Text(@JsonProperty("body") String body) {
    }

    /** A quick-reply button press: the payload the template set and the button's text. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"payload", "text"})
    public record Button(@JsonProperty("payload") String payload, @JsonProperty("text") String text) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "button_reply", "list_reply"})
    public record Interactive(@JsonProperty("type") String type, @JsonProperty("button_reply") Reply buttonReply,
                              @JsonProperty("list_reply") Reply listReply) {

        /** The button reply, else the list reply, else null. */
        public Reply reply() {
            return buttonReply != null ? buttonReply : listReply;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "title", "description"})
    public record Reply(@JsonProperty("id") String id, @JsonProperty("title") String title,
                        @JsonProperty("description") String description) {
    }

    /**
     * A number change: {@code user_changed_number} (new {@code wa_id} and {@code user_id}) or
     * {@code user_changed_user_id} (new {@code user_id} only, the old one in {@code previous_user_id}); older payloads
     * name them {@code new_wa_id} / {@code new_user_id}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"body", "wa_id", "new_wa_id", "user_id", "new_user_id", "previous_user_id", "type"})
    public record SystemChange(@JsonProperty("body") String body, @JsonProperty("wa_id") String waId,
                               @JsonProperty("new_wa_id") String newWaId, @JsonProperty("user_id") String userId,
                               @JsonProperty("new_user_id") String newUserId,
                               @JsonProperty("previous_user_id") String previousUserId,
                               @JsonProperty("type") String type) {
    }

    /** A user's marketing preference ({@code category}, {@code value} stop/resume), by phone and/or BSUID. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"wa_id", "user_id", "parent_user_id", "category", "value", "detail", "timestamp"})
    public record UserPreference(@JsonProperty("wa_id") String waId, @JsonProperty("user_id") String userId,
                                 @JsonProperty("parent_user_id") String parentUserId,
                                 @JsonProperty("category") String category, @JsonProperty("value") String value,
                                 @JsonProperty("detail") String detail, @JsonProperty("timestamp") Long timestamp,
                                 @JsonAnySetter Map<String, JsonNode> other) {
        public UserPreference {
            other = other == null ? Map.of() : other;
        }

        @Override
        @JsonAnyGetter
        public Map<String, JsonNode> other() {
            return other;
        }
    }

    /** The account-change parts below keep every field Meta sent ({@code other}), as the change value does. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"restriction_type", "expiration"})
    public record RestrictionInfo(@JsonProperty("restriction_type") String restrictionType,
                                  @JsonProperty("expiration") String expiration, @JsonAnySetter Map<String, JsonNode> other) {
        public RestrictionInfo {
            other = other == null ? Map.of() : other;
        }

        @Override
        @JsonAnyGetter
        public Map<String, JsonNode> other() {
            return other;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"waba_ban_state", "waba_ban_date"})
    public record BanInfo(@JsonProperty("waba_ban_state") String wabaBanState, @JsonProperty("waba_ban_date") String wabaBanDate,
                          @JsonAnySetter Map<String, JsonNode> other) {
        public BanInfo {
            other = other == null ? Map.of() : other;
        }

        @Override
        @JsonAnyGetter
        public Map<String, JsonNode> other() {
            return other;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ViolationInfo(@JsonProperty("violation_type") String violationType, @JsonAnySetter Map<String, JsonNode> other) {
        public ViolationInfo {
            other = other == null ? Map.of() : other;
        }

        @Override
        @JsonAnyGetter
        public Map<String, JsonNode> other() {
            return other;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"alert_severity", "alert_status", "alert_type", "alert_description"})
    public record AlertInfo(@JsonProperty("alert_severity") String alertSeverity, @JsonProperty("alert_status") String alertStatus,
                            @JsonProperty("alert_type") String alertType,
                            @JsonProperty("alert_description") String alertDescription,
                            @JsonAnySetter Map<String, JsonNode> other) {
        public AlertInfo {
            other = other == null ? Map.of() : other;
        }

        @Override
        @JsonAnyGetter
        public Map<String, JsonNode> other() {
            return other;
        }
    }
}
