package dev.safesend.ingest.domain.campaign;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * How fast a running campaign hands messages to its senders' lanes: the rule the releaser applies every turn and the
 * forecast replays in 10-second steps, so the forecast is computed from the same rules rather than estimated.
 *
 * <p>A recipient's message may be released while one of the campaign's windows is open in the recipient's local
 * time (any time when there are none). The release rate is the senders' rate, lowered to the campaign's hourly
 * ceiling, times the weekend share on the recipient's Saturday and Sunday; the hourly and daily ceilings also bound
 * the count over the last hour and the last 24 hours.
 */
public final class ReleasePlan {

    private final CampaignDefinition.Schedule schedule;
    private final CampaignDefinition.Pacing pacing;
    private final SendWindow quiet;

    public ReleasePlan(CampaignDefinition.Schedule schedule, CampaignDefinition.Pacing pacing) {
        this(schedule, pacing, null);
    }

    /**
     * @param quiet the senders' quiet hours in the recipient's local time (e.g. 21:00–08:00), in which dispatch defers
     *              marketing: a marketing campaign releases nothing there; null for none (other categories)
     */
    public ReleasePlan(CampaignDefinition.Schedule schedule, CampaignDefinition.Pacing pacing, SendWindow quiet) {
        this.schedule = schedule;
        this.pacing = pacing;
        this.quiet = quiet;
    }

    /** The plan a campaign releases by: its schedule and pacing, and for marketing the senders' quiet hours. */
    public static ReleasePlan forCampaign(CampaignDefinition d, SendWindow sendersQuietHours) {
        return new ReleasePlan(d.schedule(), d.pacing(), d.category() == dev.safesend.ingest.domain.Category.MARKETING ? sendersQuietHours : null);
    }

    /** The share of the weekday rate that applies in this zone now: 0 outside every window and in quiet hours. */
    public double factor(ZoneId zone, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        if (!schedule.windows().isEmpty() && schedule.windows().stream().noneMatch(w -> w.contains(local.toLocalTime()))) {
            return 0;
        }
        if (quiet != null && quiet.contains(local.toLocalTime())) {
            return 0;
        }
        DayOfWeek day = local.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? schedule.weekendShare() : 1.0;
    }

    /**
     * The factor for a campaign whose remaining recipients are spread over zones: the average factor of the zones
     * open now, weighted by how many recipients each still has (0 when none is open). A closed zone does not slow
     * the open ones down; a zone in its weekend slows the campaign by its share of the recipients.
     */
    public double factor(java.util.Map<ZoneId, Long> remaining, Instant now) {
        double weighted = 0;
        long open = 0;
        for (java.util.Map.Entry<ZoneId, Long> e : remaining.entrySet()) {
            double f = factor(e.getKey(), now);
            if (f > 0 && e.getValue() > 0) {
                weighted += f * e.getValue();
                open += e.getValue();
            }
        }
        return open == 0 ? 0 : weighted / open;
    }

    /** Whether the campaign may release anything at all yet. */
    public boolean started(Instant now) {
        return schedule.startAt() == null || !now.isBefore(schedule.startAt());
    }

    /** Messages per second the campaign may release at full factor: the senders' rate, lowered to the hourly ceiling. */
    public double ratePerSecond(double sendersPerSecond) {
        double rate = sendersPerSecond;
        if (pacing.maxPerHour() > 0) {
            rate = Math.min(rate, pacing.maxPerHour() / 3600.0);
        }
        return rate;
    }

    /** How many more the ceilings allow, given what was released in the last hour and the last 24 hours. */
    public long ceilingRoom(long releasedLastHour, long releasedLastDay) {
        long room = Long.MAX_VALUE;
        if (pacing.maxPerHour() > 0) {
            room = Math.min(room, pacing.maxPerHour() - releasedLastHour);
        }
        if (pacing.maxPerDay() > 0) {
            room = Math.min(room, pacing.maxPerDay() - releasedLastDay);
        }
        return Math.max(0, room);
    }

}
