package dev.safesend.ingest.domain;

import java.util.Locale;
import java.util.Set;

/**
 * How a {@code message_template_status_update} event changes a template's status in the registry
 * (Meta's Cloud API documentation): the event names the new status, with two exceptions. REINSTATED puts the
 * template back to APPROVED; FLAGGED is a quality warning, not a status, and leaves the template sendable.
 * Events that are not statuses (e.g. CATEGORY_UPDATE) leave the status alone. A {@code template_category_update}
 * is the event CATEGORY_UPDATE (done: the template now has its new category) or CATEGORY_UPDATE_PENDING (Meta
 * will change it later; until then the template keeps its category).
 */
public final class TemplateEvents {

    /** A completed {@code template_category_update}: the signal's reason is the new category. */
    public static final String CATEGORY_UPDATE = "CATEGORY_UPDATE";
    /** An impending {@code template_category_update}: the signal's reason is the category the template will get. */
    public static final String CATEGORY_UPDATE_PENDING = "CATEGORY_UPDATE_PENDING";

    /** The categories a template can have (SERVICE is a free-form reply, never a template). */
    static final Set<String> TEMPLATE_CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");

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

    /** Whether the event is a category change (done or pending) rather than a status change. */
    public static boolean isCategoryEvent(String event) {
        return CATEGORY_UPDATE.equalsIgnoreCase(event) || CATEGORY_UPDATE_PENDING.equalsIgnoreCase(event);
    }

    /**
     * The template's category after a category event: the new one for a completed change to a template category;
     * the current one for a pending change, any other event, or a category Meta may add later that ingest cannot
     * check requests against.
     */
    public static String categoryAfter(String current, String event, String newCategory) {
        if (!CATEGORY_UPDATE.equalsIgnoreCase(event) || newCategory == null) {
            return current;
        }
        String category = newCategory.strip().toUpperCase(Locale.ROOT);
        return TEMPLATE_CATEGORIES.contains(category) ? category : current;
    }
}
