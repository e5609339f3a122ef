package dev.safesend.analytics.service;

import dev.safesend.analytics.config.AttributionConfig;
import dev.safesend.analytics.domain.CampaignAttribution;
import dev.safesend.analytics.domain.ContactSegment;
import dev.safesend.analytics.domain.ConversionJourney;
import dev.safesend.analytics.domain.ConversionRules;
import dev.safesend.servicekit.tenancy.ProjectScope;
import dev.safesend.analytics.domain.SegmentRanking;
import dev.safesend.analytics.repository.AttributionReportRepository;
import dev.safesend.analytics.repository.TouchpointRepository;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Attribution's reports: a campaign's figures, segments ranked by conversion rate, a contact's conversions and journeys. */
@ApplicationScoped
public class AttributionReports {

    public static final int MAX_SEGMENTS = 1_000;
    public static final int MAX_JOURNEYS = 100;

    private final AttributionReportRepository reports;
    private final TouchpointRepository touchpoints;
    private final AttributionConfig config;

    public AttributionReports(AttributionReportRepository reports, TouchpointRepository touchpoints, AttributionConfig config) {
        this.reports = reports;
        this.touchpoints = touchpoints;
        this.config = config;
    }

    /** 404 when attribution knows nothing of the campaign, 403 when its project is outside the caller's. */
    public CampaignAttribution campaign(String campaignId, ProjectScope scope) {
        String project = reports.campaignProject(campaignId).orElseThrow(() -> ProblemException.notFound("campaign", campaignId));
        if (!scope.allows(project)) {
            throw new ProblemException(Problem.of(403, "project-forbidden", "Project not allowed",
                    "this token may not act for project '" + project + "'"));
        }
        return reports.campaign(campaignId, project, config.conversionWindow());
    }

    /** Touched contacts per segment of {@code by}, ranked by conversion rate (top {@code limit}); the contacts are streamed. */
    public List<SegmentRanking.Segment> segments(ContactSegment.By by, String campaignId, int limit, ProjectScope scope) {
        SegmentRanking ranking = new SegmentRanking();
        Map<String, String> segmentOfPrefix = new HashMap<>();
        try {
            reports.touchedContacts(scope.listOrNull(), campaignId, c -> ranking.add(segment(c.contact(), by, segmentOfPrefix),
                    c.converted(), c.value()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ranking.top(limit);
    }

    /** The contact's conversions of the caller's projects, newest first, each with its journey; 400 naming {@code address}. */
    public List<ConversionJourney> journeys(String address, ProjectScope scope) {
        String normalised = ConversionRules.normalisedContact(address);
        if (normalised == null) {
            throw ProblemException.validation("the address is not usable", List.of(new Problem.FieldError("address", "invalid_contact",
                    "'" + address + "' is neither an E.164 phone (+<country code><number>) nor a BSUID")));
        }
        String key = touchpoints.keys(List.of(normalised)).get(normalised);
        List<String> addresses = touchpoints.addressesOf(List.of(key));
        return reports.journeys(addresses, scope.listOrNull(), MAX_JOURNEYS);
    }

    /** A phone's segment is cached by its first digits (country and area) for the geocoder's sake; a BSUID's by its region. */
    private static String segment(String address, ContactSegment.By by, Map<String, String> cache) {
        if (by == ContactSegment.By.TYPE) {
            return ContactSegment.of(address, by);
        }
        String prefix = address.startsWith("+") ? address.substring(0, Math.min(address.length(), 7)) : address.substring(0, Math.min(2, address.length()));
        return cache.computeIfAbsent(prefix, p -> ContactSegment.of(address, by));
    }
}
