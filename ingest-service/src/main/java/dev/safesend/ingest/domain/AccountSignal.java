package dev.safesend.ingest.domain;

import java.util.Map;

/**
 * A non-message webhook change: template status/quality, phone quality, account update, user preferences, or a
 * field ingest does not know (kind OTHER, kept with its scalar attributes). {@code dedupeKey} identifies the change
 * itself (a hash of the entry id, the field and the value), so a retried delivery is dropped.
 */
public record AccountSignal(Kind kind, String field, String wabaId, String senderId, String event, String templateId,
                            String templateName, String templateLanguage, String reason, String previousQuality,
                            String newQuality, String waId, String preferenceCategory, String preferenceValue,
                            Map<String, String> attributes, String dedupeKey, String userId, String parentUserId) {

    /** A signal without a user (all but user_preferences), or a user known by phone only. */
    public AccountSignal(Kind kind, String field, String wabaId, String senderId, String event, String templateId,
                         String templateName, String templateLanguage, String reason, String previousQuality,
                         String newQuality, String waId, String preferenceCategory, String preferenceValue,
                         Map<String, String> attributes, String dedupeKey) {
        this(kind, field, wabaId, senderId, event, templateId, templateName, templateLanguage, reason, previousQuality,
                newQuality, waId, preferenceCategory, preferenceValue, attributes, dedupeKey, null, null);
    }

    public enum Kind { TEMPLATE_STATUS, TEMPLATE_QUALITY, PHONE_QUALITY, ACCOUNT_UPDATE, USER_PREFERENCES, OTHER }

    public AccountSignal {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
