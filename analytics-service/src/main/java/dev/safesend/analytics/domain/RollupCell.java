package dev.safesend.analytics.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The rollup row a message counts in: the UTC hour it was accepted (or rejected) and its project, campaign, sender and
 * template. Absent attributes are empty strings (a message outside any campaign has campaign ""). Every step of the
 * message counts in this one cell, whenever it happens, so a cell's rates are true ratios of the same messages.
 */
public record RollupCell(Instant hour, String project, String campaignId, String senderId, String templateName,
                         String templateLanguage) implements Comparable<RollupCell> {

    public RollupCell {
        hour = hour.truncatedTo(ChronoUnit.HOURS);
        project = orEmpty(project);
        campaignId = orEmpty(campaignId);
        senderId = orEmpty(senderId);
        templateName = orEmpty(templateName);
        templateLanguage = orEmpty(templateLanguage);
    }

    /** The cell of a message from its birth event (ingest's ACCEPTED or REJECTED). */
    public static RollupCell of(StatusEvent birth) {
        return new RollupCell(birth.at(), birth.project(), birth.campaignId(), birth.senderId(), birth.templateName(),
                birth.templateLanguage());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A fixed order, so concurrent batches lock rollup rows in the same order and never deadlock. */
    @Override
    public int compareTo(RollupCell o) {
        int c = hour.compareTo(o.hour);
        if (c == 0) c = project.compareTo(o.project);
        if (c == 0) c = campaignId.compareTo(o.campaignId);
        if (c == 0) c = senderId.compareTo(o.senderId);
        if (c == 0) c = templateName.compareTo(o.templateName);
        if (c == 0) c = templateLanguage.compareTo(o.templateLanguage);
        return c;
    }
}
