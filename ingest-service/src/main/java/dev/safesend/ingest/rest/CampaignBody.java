package dev.safesend.ingest.rest;

import java.util.List;
import java.util.Map;

/**
 * A campaign as {@code POST/PUT /v1/campaigns} takes it. {@code parameters} maps each body parameter ("1", "2" … or a
 * NAMED template's names) to {@code {field, fallback}} (a contact field: name, language, region or attributes.&lt;key&gt;)
 * or {@code {value}}; {@code priority} is 1–4 or "P1"–"P4"; {@code ttl} an ISO-8601 duration.
 */
public record CampaignBody(String name, String project, String category, Template template, Map<String, Parameter> parameters,
                           Audience audience, Schedule schedule, Pacing pacing, Object priority, Double holdoutPercent,
                           String ttl, Boolean autoResume) {

    public record Template(String name, String language, List<String> languages) {
    }

    public record Parameter(String field, String fallback, String value) {
    }

    public record Audience(String segmentId) {
    }

    /** {@code windows}: [{start: "09:00", end: "12:00"}], in the recipient's local time. */
    public record Schedule(String startAt, List<Window> windows, Double weekendShare, String timeZone) {
    }

    public record Window(String start, String end) {
    }

    public record Pacing(Integer maxPerHour, Integer maxPerDay) {
    }
}
