package dev.safesend.healthmonitor.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One contact's engagement with one project's marketing: the delivery times of the marketing messages it has not
 * read since it last engaged (at most K kept). With K unread deliveries in a row it becomes dormant for D days;
 * dispatch then suppresses its marketing (LOW_ENGAGEMENT). A read of one of those messages (even a late one) or a
 * reply makes it engaged again. When the dormancy ends the count starts afresh, so it gets K more chances.
 *
 * @param unread       the unread marketing messages delivered since the last engagement, oldest first
 * @param dormantUntil while dormant: until when (null: engaged)
 */
public record ContactEngagement(String project, String contact, List<Unread> unread, Instant dormantUntil,
                                Instant lastEngagedAt) {

    /** One delivered marketing message not read yet. */
    public record Unread(String messageId, Instant deliveredAt) {
    }

    public ContactEngagement {
        unread = List.copyOf(unread);
    }

    public static ContactEngagement fresh(String project, String contact) {
        return new ContactEngagement(project, contact, List.of(), null, null);
    }

    public boolean dormant(Instant now) {
        return dormantUntil != null && now.isBefore(dormantUntil);
    }

    /** A marketing message was delivered at {@code at}. */
    public ContactEngagement delivered(String messageId, Instant at, int k, Duration dormancy, Instant now) {
        List<Unread> list = new ArrayList<>(dormantUntil != null && !dormant(now) ? List.of() : unread);
        Instant until = dormantUntil != null && !dormant(now) ? null : dormantUntil;
        if (list.stream().noneMatch(u -> u.messageId().equals(messageId))) {
            list.add(new Unread(messageId, at));
            list.sort(java.util.Comparator.comparing(Unread::deliveredAt));
        }
        while (list.size() > k) {
            list.remove(0);
        }
        if (until == null && list.size() >= k) {
            until = now.plus(dormancy);
        }
        return new ContactEngagement(project, contact, list, until, lastEngagedAt);
    }

    /** A marketing message delivered at {@code deliveredAt} was read at {@code at}: it and older ones no longer count. */
    public ContactEngagement read(String messageId, Instant deliveredAt, Instant at) {
        List<Unread> list = new ArrayList<>(unread);
        list.removeIf(u -> u.messageId().equals(messageId) || deliveredAt == null || !u.deliveredAt().isAfter(deliveredAt));
        return new ContactEngagement(project, contact, list, null, latest(lastEngagedAt, at));
    }

    /** The contact wrote to the business: engaged, whatever it left unread. */
    public ContactEngagement replied(Instant at) {
        return new ContactEngagement(project, contact, List.of(), null, latest(lastEngagedAt, at));
    }

    /** True when the state dispatch acts on (dormant or not, and until when) differs. */
    public boolean decisionDiffers(ContactEngagement other) {
        return !java.util.Objects.equals(dormantUntil, other.dormantUntil);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
