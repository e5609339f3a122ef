package dev.safesend.ingest.domain;

import java.util.Locale;
import java.util.Set;

/**
 * How a {@code message_template_status_update} event changes a template's status in the registry
 * (reference/cloud-api.md §3.6, §4): the event names the new status, with two exceptions. REINSTATED puts the
 * template back to APPROVED; FLAGGED is a quality warning, not a status, and leaves the template sendable.
 * Events that are not statuses (e.g. CATEGORY_UPDATE) change nothing.
 */
public final class TemplateEvents {

    static final Set<String> STATUSES = Set.of("APPROVED", "REJECTED", "PENDING", "PAUSED", "DISABLED", "IN_APPEAL",
            "LOCKED", "LIMIT_EXCEEDED", "ARCHIVED", "UNARCHIVED", "DELETED", "PENDING_DELETION");

    private TemplateEvents() {
    }

    public static String statusAfter(String current, String event) {
        if (event == null) {
            return current;
        }
        String e = event.toUpperCase(Locale.ROOT);
        if (e.equals("REINSTATED") || e.equals("UNARCHIVED")) {
            return "APPROVED";
        }
        return STATUSES.contains(e) ? e : current;
    }

    /** PAUSED and DISABLED stop campaigns that use the template (they are held by whoever runs them). */
    public static boolean stopsSending(String status) {
        return "PAUSED".equalsIgnoreCase(status) || "DISABLED".equalsIgnoreCase(status);
    }
}
