package dev.safesend.healthmonitor.domain;

import java.util.Set;

/**
 * Whether a template must not be sent: Meta paused or disabled it, or rates its quality RED. A template that is
 * APPROVED, REINSTATED or rated GREEN/YELLOW again is released.
 *
 * @param status  the last status from message_template_status_update (APPROVED, PAUSED, DISABLED, …)
 * @param quality the last quality from message_template_quality_update (GREEN, YELLOW, RED, UNKNOWN)
 */
public record TemplateHold(String wabaId, String name, String language, String status, String quality) {

    private static final Set<String> HELD_STATUSES = Set.of("PAUSED", "DISABLED", "FLAGGED", "LOCKED", "PENDING_DELETION",
            "DELETED", "ARCHIVED", "REJECTED");

    /** The hold reason, or null when the template may be sent. */
    public String reason() {
        if (status != null && HELD_STATUSES.contains(status)) {
            return "TEMPLATE_" + status;
        }
        if ("RED".equals(quality)) {
            return "TEMPLATE_QUALITY_RED";
        }
        return null;
    }

    public TemplateHold withStatus(String newStatus) {
        return new TemplateHold(wabaId, name, language, newStatus, quality);
    }

    public TemplateHold withQuality(String newQuality) {
        return new TemplateHold(wabaId, name, language, status, newQuality);
    }
}
