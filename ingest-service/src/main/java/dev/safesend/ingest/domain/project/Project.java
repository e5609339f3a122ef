package dev.safesend.ingest.domain.project;

import dev.safesend.ingest.domain.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A tenant: every message, contact, campaign and report belongs to one project. The id is a lowercase slug that
 * never changes; tokens name the projects they may act for by it (claim {@code projects}).
 *
 * @param owners      who answers for the project (people or teams; free text, at least one)
 * @param quotas      messages per UTC day and month; {@link Quotas#NONE} is unlimited
 * @param defaultPool the sender pool (phone-number-ids) its messages and campaigns are routed through; empty: the configured routing (SenderRouting#poolFor)
 */
public record Project(String id, String displayName, List<String> owners, Quotas quotas, List<String> defaultPool) {

    /** 2 to 63 characters: lowercase letters, digits and hyphens, starting with a letter or digit. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    public static final int MAX_DISPLAY_NAME_LENGTH = 200;
    public static final int MAX_OWNERS = 20;
    public static final int MAX_OWNER_LENGTH = 200;
    public static final int MAX_POOL_SIZE = 100;
    private static final Pattern SENDER_ID = Pattern.compile("[0-9]{5,32}");

    public Project {
        owners = owners == null ? List.of() : List.copyOf(owners);
        quotas = quotas == null ? Quotas.NONE : quotas;
        defaultPool = defaultPool == null ? List.of() : List.copyOf(defaultPool);
    }

    /**
     * Messages a project may have accepted per UTC day and per UTC month; null is unlimited.
     */
    public record Quotas(Long messagesPerDay, Long messagesPerMonth) {
        public static final Quotas NONE = new Quotas(null, null);

        /** The limit for one period, or null when that period is unlimited. */
        public Long limit(QuotaPeriod period) {
            return period == QuotaPeriod.DAY ? messagesPerDay : messagesPerMonth;
        }

        public boolean limited() {
            return messagesPerDay != null || messagesPerMonth != null;
        }
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The violation of a project id as a request names it (field {@code field}), or null when it is well-formed. */
    public static Violation checkId(String field, String id) {
        if (id == null || id.isBlank()) {
            return new Violation(field, "required", field + " is required");
        }
        if (!isValidId(id)) {
            return new Violation(field, "invalid_project_id", "'" + abbreviate(id) + "' is not a project id: 2 to 63 lowercase"
                    + " letters, digits and hyphens, starting with a letter or digit");
        }
        return null;
    }

    /** Every broken rule of a project as registered, in field order; empty when it may be stored. */
    public static List<Violation> check(Project p) {
        List<Violation> violations = new ArrayList<>();
        Violation id = checkId("id", p.id());
        if (id != null) {
            violations.add(id);
        }
        if (p.displayName() == null || p.displayName().isBlank()) {
            violations.add(new Violation("displayName", "required", "displayName is required"));
        } else if (p.displayName().length() > MAX_DISPLAY_NAME_LENGTH) {
            violations.add(new Violation("displayName", "too_long", "displayName has at most " + MAX_DISPLAY_NAME_LENGTH + " characters"));
        }
        if (p.owners().isEmpty()) {
            violations.add(new Violation("owners", "required", "owners is required: at least one person or team"));
        } else if (p.owners().size() > MAX_OWNERS) {
            violations.add(new Violation("owners", "too_many", "at most " + MAX_OWNERS + " owners"));
        }
        for (int i = 0; i < p.owners().size(); i++) {
            String owner = p.owners().get(i);
            if (owner == null || owner.isBlank() || owner.length() > MAX_OWNER_LENGTH || owner.contains(",")) {
                violations.add(new Violation("owners[" + i + "]", "invalid_owner",
                        "an owner is 1 to " + MAX_OWNER_LENGTH + " characters without commas"));
            }
        }
        checkQuota(violations, "quotas.messagesPerDay", p.quotas().messagesPerDay());
        checkQuota(violations, "quotas.messagesPerMonth", p.quotas().messagesPerMonth());
        Long day = p.quotas().messagesPerDay();
        Long month = p.quotas().messagesPerMonth();
        if (day != null && month != null && day > 0 && month > 0 && month < day) {
            violations.add(new Violation("quotas.messagesPerMonth", "below_daily_quota",
                    "messagesPerMonth (" + month + ") is below messagesPerDay (" + day + ")"));
        }
        if (p.defaultPool().size() > MAX_POOL_SIZE) {
            violations.add(new Violation("defaultPool", "too_many", "at most " + MAX_POOL_SIZE + " senders"));
        }
        for (int i = 0; i < p.defaultPool().size(); i++) {
            String sender = p.defaultPool().get(i);
            if (sender == null || !SENDER_ID.matcher(sender).matches()) {
                violations.add(new Violation("defaultPool[" + i + "]", "invalid_sender_id",
                        "a sender is a phone-number-id: 5 to 32 digits"));
            }
        }
        return violations;
    }

    private static void checkQuota(List<Violation> violations, String field, Long value) {
        if (value != null && value < 1) {
            violations.add(new Violation(field, "out_of_range", field + " is at least 1 (leave it out for no limit)"));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 70 ? s : s.substring(0, 67) + "...";
    }
}
