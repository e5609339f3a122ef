package dev.safesend.ingest.domain.campaign;

import java.util.Map;

/**
 * Where a template parameter comes from: a contact field ({@code name}, {@code language}, {@code region},
 * {@code attributes.<key>}) with a fallback for contacts that lack it, or a fixed value for everyone.
 */
public record ParameterSource(String field, String fallback, String value) {

    public static final java.util.Set<String> CONTACT_FIELDS = java.util.Set.of("name", "language", "region");
    public static final String ATTRIBUTES = "attributes.";

    public boolean fixed() {
        return value != null;
    }

    public boolean knownField() {
        return field != null && (CONTACT_FIELDS.contains(field) || (field.startsWith(ATTRIBUTES) && field.length() > ATTRIBUTES.length()));
    }

    /** The contact's value for the field, else the fallback, else null (the contact cannot be personalised). */
    public String resolve(CampaignContact contact) {
        if (fixed()) {
            return value;
        }
        String v = contact.field(field);
        return v == null || v.isBlank() ? (fallback == null || fallback.isBlank() ? null : fallback) : v;
    }

    /** True when this contact has its own value for the field (not the fallback). */
    public boolean presentIn(CampaignContact contact) {
        if (fixed()) {
            return true;
        }
        String v = contact.field(field);
        return v != null && !v.isBlank();
    }

    static String attribute(Map<String, String> attributes, String field) {
        return attributes == null ? null : attributes.get(field.substring(ATTRIBUTES.length()));
    }
}
