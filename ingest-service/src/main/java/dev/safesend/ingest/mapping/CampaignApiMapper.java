package dev.safesend.ingest.mapping;

import dev.safesend.ingest.domain.Category;
import dev.safesend.ingest.domain.Violation;
import dev.safesend.ingest.domain.campaign.Campaign;
import dev.safesend.ingest.domain.campaign.CampaignDefinition;
import dev.safesend.ingest.domain.campaign.CampaignFigures;
import dev.safesend.ingest.domain.campaign.CampaignTransition;
import dev.safesend.ingest.domain.campaign.CampaignValidationException;
import dev.safesend.ingest.domain.campaign.ParameterSource;
import dev.safesend.ingest.domain.campaign.SendWindow;
import dev.safesend.ingest.rest.CampaignBody;
import dev.safesend.ingest.rest.CampaignView;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Campaigns: REST bodies ↔ domain. A value that cannot be read is reported with its field, all of them at once. */
@ApplicationScoped
public class CampaignApiMapper {

    /** @throws CampaignValidationException naming every field that cannot be read */
    public CampaignDefinition toDomain(CampaignBody b) {
        List<Violation> problems = new ArrayList<>();
        if (b == null) {
            throw new CampaignValidationException(List.of(new Violation("", "required", "a campaign body is required")));
        }
        Category category = null;
        if (b.category() != null) {
            try {
                category = Category.valueOf(b.category().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new Violation("category", "invalid", "MARKETING or UTILITY"));
            }
        }
        Map<String, ParameterSource> parameters = new LinkedHashMap<>();
        if (b.parameters() != null) {
            b.parameters().forEach((k, p) -> parameters.put(k, p == null ? null : new ParameterSource(p.field(), p.fallback(), p.value())));
        }
        CampaignDefinition.Schedule schedule = schedule(b.schedule(), problems);
        Duration ttl = null;
        if (b.ttl() != null) {
            try {
                ttl = Duration.parse(b.ttl());
            } catch (DateTimeException e) {
                problems.add(new Violation("ttl", "invalid", "an ISO-8601 duration such as PT48H"));
            }
        }
        int priority = priority(b.priority(), problems);
        if (!problems.isEmpty()) {
            throw new CampaignValidationException(problems);
        }
        return new CampaignDefinition(b.name(), b.project(), category,
                b.template() == null ? null : new CampaignDefinition.TemplateChoice(b.template().name(), b.template().language(), b.template().languages()),
                parameters, b.audience() == null ? null : b.audience().segmentId(), schedule,
                b.pacing() == null ? null : new CampaignDefinition.Pacing(orZero(b.pacing().maxPerHour()), orZero(b.pacing().maxPerDay())),
                priority, b.holdoutPercent() == null ? 0 : b.holdoutPercent(), ttl, Boolean.TRUE.equals(b.autoResume()));
    }

    private static CampaignDefinition.Schedule schedule(CampaignBody.Schedule s, List<Violation> problems) {
        if (s == null) {
            return null;
        }
        Instant startAt = null;
        if (s.startAt() != null) {
            try {
                startAt = Instant.parse(s.startAt());
            } catch (DateTimeException e) {
                problems.add(new Violation("schedule.startAt", "invalid", "an ISO-8601 UTC time such as 2026-12-06T07:00:00Z"));
            }
        }
        List<SendWindow> windows = new ArrayList<>();
        if (s.windows() != null) {
            for (int i = 0; i < s.windows().size(); i++) {
                CampaignBody.Window w = s.windows().get(i);
                try {
                    windows.add(w == null || w.start() == null || w.end() == null ? null
                            : new SendWindow(LocalTime.parse(w.start()), LocalTime.parse(w.end())));
                } catch (DateTimeException e) {
                    problems.add(new Violation("schedule.windows[" + i + "]", "invalid", "start and end are local times HH:mm"));
                }
            }
        }
        ZoneId zone = null;
        if (s.timeZone() != null) {
            try {
                zone = ZoneId.of(s.timeZone());
            } catch (DateTimeException e) {
                problems.add(new Violation("schedule.timeZone", "invalid", "an IANA time zone such as Africa/Harare"));
            }
        }
        return new CampaignDefinition.Schedule(startAt, windows, s.weekendShare() == null ? 1.0 : s.weekendShare(), zone);
    }

    private static int priority(Object raw, List<Violation> problems) {
        if (raw == null) {
            return 0;
        }
        String text = raw.toString().toUpperCase(Locale.ROOT);
        if (text.matches("P?[1-4]")) {
            return Integer.parseInt(text.substring(text.length() - 1));
        }
        problems.add(new Violation("priority", "out_of_range", "1 to 4, or P1 to P4"));
        return 0;
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    public CampaignView toView(Campaign c, CampaignFigures.Progress progress, List<CampaignTransition> history) {
        CampaignDefinition d = c.definition();
        Map<String, CampaignBody.Parameter> parameters = new LinkedHashMap<>();
        d.parameters().forEach((k, p) -> parameters.put(k, new CampaignBody.Parameter(p.field(), p.fallback(), p.value())));
        CampaignDefinition.Schedule s = d.schedule();
        return new CampaignView(c.id(), c.state().name(), c.pauseReason(), d.name(), d.project(), d.category().name(),
                new CampaignBody.Template(d.template().name(), d.template().language(), d.template().languages()), parameters,
                new CampaignBody.Audience(d.segmentId()),
                new CampaignBody.Schedule(s.startAt() == null ? null : s.startAt().toString(),
                        s.windows().stream().map(w -> new CampaignBody.Window(w.start().toString(), w.end().toString())).toList(),
                        s.weekendShare(), s.timeZone().getId()),
                new CampaignBody.Pacing(d.pacing().maxPerHour(), d.pacing().maxPerDay()), d.priority(), d.holdoutPercent(),
                d.ttl().toString(), d.autoResume(), c.createdBy(), c.createdAt(), c.updatedAt(), c.startedAt(), c.finishedAt(),
                c.recipients(), c.audienceDone(), progress == null ? null : toView(progress),
                history == null ? null : history.stream().map(t -> new CampaignView.TransitionView(
                        t.from() == null ? null : t.from().name(), t.to().name(), t.actor(), t.reason(), t.at())).toList());
    }

    public CampaignView.ProgressView toView(CampaignFigures.Progress p) {
        return new CampaignView.ProgressView(p.counts(), p.reasons(), p.total(), p.remaining(), p.currentRatePerSecond(),
                p.estimatedCompletionAt());
    }

    public CampaignView.ForecastView toView(CampaignFigures.Forecast f) {
        return new CampaignView.ForecastView(f.eligible(), f.dropped(), f.deferred(), f.estimatedCompletionAt(), f.ratePerSecond(),
                f.sendersFromDispatch(), f.budgetLeft() == Long.MAX_VALUE ? null : f.budgetLeft(), f.basis(), f.notCounted());
    }
}
