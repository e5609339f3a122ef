package dev.safesend.ingest.domain.campaign;

import dev.safesend.ingest.domain.Category;
import dev.safesend.ingest.domain.Violation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a campaign sends, to whom, when and how fast.
 *
 * @param template       the template's name, its fallback language and the languages it is sent in (each contact gets
 *                       its own language when it is one of them, else the fallback)
 * @param parameters     body parameter → where its value comes from ("1", "2" … or the names of a NAMED template)
 * @param segmentId      the consent-service segment whose members opted in for the category are the audience
 * @param schedule       when it starts and the windows it sends in
 * @param pacing         the campaign's own ceilings
 * @param priority       1 (urgent lane) to 4; within a sender's bulk lane P2 is taken before P3 before P4
 * @param holdoutPercent the share of the audience kept as a control group that receives nothing
 * @param ttl            how long each message may wait in dispatch before it expires
 * @param autoResume     whether an automatic pause ends by itself when its cause clears
 */
public record CampaignDefinition(String name, String project, Category category, TemplateChoice template,
                                 Map<String, ParameterSource> parameters, String segmentId, Schedule schedule,
                                 Pacing pacing, int priority, double holdoutPercent, Duration ttl, boolean autoResume) {

    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    public static final Duration MAX_TTL = Duration.ofDays(30);

    public CampaignDefinition {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(ordered(parameters));
        schedule = schedule == null ? Schedule.ANYTIME : schedule;
        pacing = pacing == null ? Pacing.NONE : pacing;
        priority = priority == 0 ? 3 : priority;
        ttl = ttl == null ? DEFAULT_TTL : ttl;
    }

    /** Positional keys ("1", "2" …) in numeric order; names in the order given. */
    private static Map<String, ParameterSource> ordered(Map<String, ParameterSource> given) {
        if (given.keySet().stream().allMatch(k -> k != null && k.matches("[0-9]{1,3}"))) {
            Map<String, ParameterSource> sorted = new java.util.TreeMap<>(java.util.Comparator.comparingInt(Integer::parseInt));
            sorted.putAll(given);
            return new LinkedHashMap<>(sorted);
        }
        return new LinkedHashMap<>(given);
    }

    /** The template and the languages it is sent in. */
    public record TemplateChoice(String name, String language, List<String> languages) {
        public TemplateChoice {
            languages = languages == null || languages.isEmpty() ? (language == null ? List.of() : List.of(language)) : List.copyOf(languages);
            if (language != null && !languages.contains(language)) {
                List<String> all = new ArrayList<>(languages);
                all.add(0, language);
                languages = List.copyOf(all);
            }
        }
    }

    /**
     * @param startAt      no message before this (null: as soon as it is started)
     * @param windows      daily windows in the recipient's local time (empty: any time of day)
     * @param weekendShare on Saturdays and Sundays (recipient's local day) the release rate is this share of the weekday
     *                     rate, 0–1 (1: no difference; 0: no weekend sends)
     * @param timeZone     the zone for recipients whose number names none (a BSUID of a region with several zones)
     */
    public record Schedule(Instant startAt, List<SendWindow> windows, double weekendShare, ZoneId timeZone) {
        public static final Schedule ANYTIME = new Schedule(null, List.of(), 1.0, ZoneId.of("UTC"));

        public Schedule {
            windows = windows == null ? List.of() : List.copyOf(windows);
            timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
        }
    }

    /** The campaign's own ceilings (0: none). */
    public record Pacing(int maxPerHour, int maxPerDay) {
        public static final Pacing NONE = new Pacing(0, 0);
    }

    /** Problems of shape alone, as (field, code, message); the template and audience checks need the registries. */
    public List<Violation> problems() {
        List<Violation> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new Violation("name", "required", "a campaign needs a name"));
        }
        if (project == null || project.isBlank()) {
            problems.add(new Violation("project", "required", "a campaign belongs to a project"));
        }
        if (category == null) {
            problems.add(new Violation("category", "required", "MARKETING, UTILITY or AUTHENTICATION"));
        } else if (category == Category.SERVICE || category == Category.AUTHENTICATION) {
            problems.add(new Violation("category", "not_allowed",
                    category + " messages answer a person one at a time; a campaign sends MARKETING or UTILITY templates"));
        }
        if (template == null || template.name() == null || template.name().isBlank()) {
            problems.add(new Violation("template.name", "required", "a campaign sends an approved template"));
        } else if (template.language() == null || template.language().isBlank()) {
            problems.add(new Violation("template.language", "required", "the fallback language of the template"));
        }
        parameters.forEach((key, source) -> {
            String field = "parameters." + key;
            if (source == null || (source.value() == null && source.field() == null)) {
                problems.add(new Violation(field, "required", "give a contact field (with an optional fallback) or a value"));
            } else if (!source.fixed() && !source.knownField()) {
                problems.add(new Violation(field + ".field", "unknown_field", "'" + source.field()
                        + "' is not a contact field: use name, language, region or attributes.<key>"));
            }
        });
        if (segmentId == null || segmentId.isBlank()) {
            problems.add(new Violation("audience.segmentId", "required", "the audience is a consent-service segment"));
        }
        if (priority < 1 || priority > 4) {
            problems.add(new Violation("priority", "out_of_range", "1 (most urgent) to 4"));
        }
        if (holdoutPercent < 0 || holdoutPercent >= 100) {
            problems.add(new Violation("holdoutPercent", "out_of_range", "0 ≤ holdoutPercent < 100"));
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            problems.add(new Violation("ttl", "out_of_range", "a positive duration of at most 30 days, such as PT48H"));
        }
        if (pacing.maxPerHour() < 0 || pacing.maxPerDay() < 0) {
            problems.add(new Violation("pacing", "out_of_range", "limits are positive, or 0 for none"));
        }
        if (schedule.weekendShare() < 0 || schedule.weekendShare() > 1) {
            problems.add(new Violation("schedule.weekendShare", "out_of_range", "a share between 0 and 1"));
        }
        for (int i = 0; i < schedule.windows().size(); i++) {
            SendWindow w = schedule.windows().get(i);
            if (w == null || w.start() == null || w.end() == null) {
                problems.add(new Violation("schedule.windows[" + i + "]", "required", "a window has a start and an end (HH:mm)"));
            } else if (w.start().equals(w.end())) {
                problems.add(new Violation("schedule.windows[" + i + "]", "never_opens", "a window from " + w.start()
                        + " to " + w.end() + " never opens"));
            }
        }
        return problems;
    }

}
