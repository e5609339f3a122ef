package dev.safesend.ingest.service;

import dev.safesend.ingest.client.ConsentClient;
import dev.safesend.ingest.client.ConsentSegments;
import dev.safesend.ingest.client.UnavailableException;
import dev.safesend.ingest.domain.Template;
import dev.safesend.ingest.domain.Violation;
import dev.safesend.ingest.domain.campaign.CampaignContact;
import dev.safesend.ingest.domain.campaign.CampaignDefinition;
import dev.safesend.ingest.domain.campaign.CampaignValidationException;
import dev.safesend.ingest.domain.campaign.ParameterSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a campaign must satisfy before it is saved or started, so that it never silently sends nothing: its shape,
 * every language of its template approved in the registry with the campaign's category and exactly the parameters
 * the mapping gives, an audience that is not empty, and no mapped field that no member has without a fallback.
 */
@ApplicationScoped
public class CampaignChecks {

    /** Members looked at for "no contact has this field". */
    static final int SAMPLE = 1000;

    private final TemplateRegistryService templates;
    private final ConsentSegments consent;

    public CampaignChecks(TemplateRegistryService templates, ConsentSegments consent) {
        this.templates = templates;
        this.consent = consent;
    }

    /** @throws CampaignValidationException naming each field that cannot be used */
    public void validate(CampaignDefinition d) {
        List<Violation> problems = new ArrayList<>(d.problems());
        if (problems.isEmpty()) {
            problems.addAll(templateProblems(d));
        }
        if (problems.isEmpty()) {
            problems.addAll(audienceProblems(d));
        }
        if (!problems.isEmpty()) {
            throw new CampaignValidationException(problems);
        }
    }

    private List<Violation> templateProblems(CampaignDefinition d) {
        List<Violation> problems = new ArrayList<>();
        String name = d.template().name();
        Set<String> known = templates.languagesOf(name);
        if (known.isEmpty()) {
            problems.add(new Violation("template.name", "unknown_template", "no template '" + name + "' in the registry"));
            return problems;
        }
        for (int i = 0; i < d.template().languages().size(); i++) {
            String language = d.template().languages().get(i);
            String field = language.equals(d.template().language()) ? "template.language" : "template.languages[" + i + "]";
            Optional<Template> t = templates.find(name, language);
            if (t.isEmpty()) {
                problems.add(new Violation(field, "unknown_language", "template '" + name + "' has no language '" + language
                        + "'; it has " + known));
                continue;
            }
            Template template = t.get();
            if (!template.approved()) {
                problems.add(new Violation(field, "template_not_approved", "'" + name + "' (" + language + ") is " + template.status()));
            }
            if (!d.category().name().equalsIgnoreCase(template.category())) {
                problems.add(new Violation("category", "category_mismatch", "template '" + name + "' is " + template.category()));
            }
            if (template.headerTakesText() || template.headerMediaType() != null || template.hasOtherComponentsThanBody()
                    && template.buttons().stream().anyMatch(b -> b.url() != null && b.url().contains("{{"))) {
                problems.add(new Violation(field, "unsupported_template", "'" + name + "' (" + language
                        + ") needs header or button parameters; a campaign maps body parameters only"));
            }
            Set<String> expected = new LinkedHashSet<>(template.bodyPlaceholders());
            if (!expected.equals(d.parameters().keySet())) {
                problems.add(new Violation("parameters", "parameter_mismatch", "'" + name + "' (" + language + ") takes "
                        + expected + "; the mapping gives " + d.parameters().keySet()));
            }
        }
        return problems;
    }

    private List<Violation> audienceProblems(CampaignDefinition d) {
        List<Violation> problems = new ArrayList<>();
        String category = d.category().name();
        Optional<ConsentClient.SegmentCounts> found = counts(consent, d);
        if (found.isEmpty()) {
            problems.add(new Violation("audience.segmentId", "unknown_segment", "no segment '" + d.segmentId() + "'"));
            return problems;
        }
        ConsentClient.SegmentCounts counts = found.get();
        if (counts.optedIn() == 0) {
            problems.add(new Violation("audience.segmentId", "empty_audience", "segment '" + d.segmentId() + "' matches "
                    + counts.matched() + " contacts, none opted in for " + category));
            return problems;
        }
        List<Map.Entry<String, ParameterSource>> unguarded = d.parameters().entrySet().stream()
                .filter(e -> !e.getValue().fixed() && (e.getValue().fallback() == null || e.getValue().fallback().isBlank()))
                .toList();
        if (!unguarded.isEmpty()) {
            List<CampaignContact> sample = consent.audience(d.segmentId(), category, null, SAMPLE)
                    .map(ConsentClient.AudiencePage::items).orElse(List.of()).stream().map(CampaignChecks::contact).toList();
            for (Map.Entry<String, ParameterSource> e : unguarded) {
                if (sample.stream().noneMatch(e.getValue()::presentIn)) {
                    problems.add(new Violation("parameters." + e.getKey() + ".field", "no_contact_has_it", "none of the first "
                            + sample.size() + " members has '" + e.getValue().field() + "': give a fallback"));
                }
            }
        }
        return problems;
    }

    /** The segment's counts, empty for an unknown segment. @throws CampaignDependencyUnavailableException when consent does not answer */
    static Optional<ConsentClient.SegmentCounts> counts(ConsentSegments consent, CampaignDefinition d) {
        try {
            return consent.counts(d.segmentId(), d.category().name());
        } catch (UnavailableException e) {
            throw new CampaignDependencyUnavailableException(e.getMessage(), e);
        }
    }

    static CampaignContact contact(ConsentClient.Member m) {
        return new CampaignContact(m.phone(), m.name(), m.language(), m.region(), m.attributes());
    }
}
