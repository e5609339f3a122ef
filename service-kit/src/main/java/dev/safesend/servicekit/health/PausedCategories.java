package dev.safesend.servicekit.health;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which message categories a sender-health decision (wa.sender-health.v1) holds: the one rule ingest routes by and
 * dispatch's gate holds by, so the two services cannot disagree about a number.
 * <ul>
 *   <li>HEALTHY, WARNING and THROTTLED (WARNING's name in older records) hold nothing: throttling is pacing.</li>
 *   <li>CRITICAL holds MARKETING only, whatever its reasons: a quality, opt-out or spam problem must not block OTPs
 *       and order updates.</li>
 *   <li>PAUSED holds MARKETING, and every category when a reason says the number cannot send at all
 *       ({@link #ALL_CATEGORY_REASONS}: an operator's {@code MANUAL} pause, {@code ALL_CATEGORIES}, Meta's account-level
 *       blocks {@code META_368} and {@code META_131031}, {@code ACCOUNT_RESTRICTION}, {@code ACCOUNT_DISABLED}); a reason
 *       {@code PAUSE_<CATEGORY>} (e.g. {@code PAUSE_UTILITY}) holds that category too.</li>
 *   <li>A state this rule does not know (or none) is read as PAUSED, failing closed, as an Avro reader does with a
 *       newer symbol.</li>
 * </ul>
 * Reasons and categories are compared without regard to case or surrounding blanks.
 */
public final class PausedCategories {

    /** Meta's message categories, every one a decision may hold. */
    public static final List<String> CATEGORIES = List.of("MARKETING", "UTILITY", "AUTHENTICATION", "SERVICE");

    /** Reasons of a PAUSED decision that hold every category. */
    public static final Set<String> ALL_CATEGORY_REASONS = Set.of("MANUAL", "ALL_CATEGORIES", "ACCOUNT_DISABLED",
            "ACCOUNT_RESTRICTION", "META_368", "META_131031");

    private static final Set<String> SENDING_STATES = Set.of("HEALTHY", "WARNING", "THROTTLED");

    private PausedCategories() {
    }

    /**
     * @param state    the decision's state (HEALTHY, WARNING, THROTTLED, CRITICAL, PAUSED)
     * @param reasons  the decision's reasons (null: none)
     * @param category the message's category (MARKETING, UTILITY, AUTHENTICATION, SERVICE)
     * @return whether a message of {@code category} must be held under this decision
     */
    public static boolean pauses(String state, Collection<String> reasons, String category) {
        String s = normalised(state);
        if (SENDING_STATES.contains(s)) {
            return false;
        }
        String c = normalised(category);
        if (c.equals("MARKETING")) {
            return true;
        }
        if (s.equals("CRITICAL")) {
            return false;
        }
        // PAUSED, or a state this rule does not know
        if (reasons != null) {
            for (String reason : reasons) {
                String r = normalised(reason);
                if (ALL_CATEGORY_REASONS.contains(r) || r.equals("PAUSE_" + c)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String normalised(String value) {
        return value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    }
}
