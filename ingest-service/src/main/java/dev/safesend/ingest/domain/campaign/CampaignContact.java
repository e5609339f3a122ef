package dev.safesend.ingest.domain.campaign;

import java.util.Map;

/** One audience member as consent-service hands it out: its address (phone or BSUID) and what personalises a message. */
public record CampaignContact(String address, String name, String language, String region, Map<String, String> attributes) {

    public CampaignContact {
        attributes = attributes == null ? Map.of() : attributes;
    }

    /** A field by the names a parameter mapping uses, or null. */
    public String field(String field) {
        if (field == null) {
            return null;
        }
        return switch (field) {
            case "name" -> name;
            case "language" -> language;
            case "region" -> region;
            default -> field.startsWith(ParameterSource.ATTRIBUTES) ? ParameterSource.attribute(attributes, field) : null;
        };
    }
}
