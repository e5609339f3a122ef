package dev.safesend.consent.mapping;

import dev.safesend.consent.domain.AudienceMember;
import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.ConsentState;
import dev.safesend.consent.domain.Contact;
import dev.safesend.consent.domain.ContactDetails;
import dev.safesend.consent.domain.ImportJob;
import dev.safesend.consent.domain.LedgerEntry;
import dev.safesend.consent.domain.Segment;
import dev.safesend.consent.domain.SegmentCounts;
import dev.safesend.consent.domain.SegmentDefinition;
import dev.safesend.consent.rest.AudienceMemberView;
import dev.safesend.consent.rest.ContactUpdate;
import dev.safesend.consent.rest.ContactView;
import dev.safesend.consent.rest.ExportView;
import dev.safesend.consent.rest.ImportView;
import dev.safesend.consent.rest.LedgerEntryView;
import dev.safesend.consent.rest.SegmentBody;
import dev.safesend.consent.rest.SegmentCountsView;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** REST ↔ domain for contacts, consent, imports and segments. */
@ApplicationScoped
public class ContactApiMapper {

    public ContactDetails toDomain(ContactUpdate u) {
        return new ContactDetails(u.waId() == null ? null : u.waId().replace("+", ""), u.name(), u.language(), u.project(),
                u.tags(), u.attributes());
    }

    public ContactView toView(Contact c, Map<String, Map<Category, ConsentState>> consent) {
        return toView(c, consent, List.of(c.phone()));
    }

    public ContactView toView(Contact c, Map<String, Map<Category, ConsentState>> consent, List<String> addresses) {
        return new ContactView(c.phone(), c.waId(), c.name(), c.language(), c.region(), c.project(), c.tags(), c.attributes(),
                c.createdAt(), c.updatedAt(), c.lastInboundAt(), c.lastContactedAt(), c.version(), consentView(consent),
                c.identity().phone(), c.identity().bsuid(), c.identity().parentBsuid(), c.identity().username(), addresses);
    }

    public Map<String, Map<String, String>> consentView(Map<String, Map<Category, ConsentState>> consent) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        consent.forEach((project, states) -> {
            Map<String, String> m = new LinkedHashMap<>();
            for (Category c : Category.values()) {
                m.put(c.name(), states.getOrDefault(c, ConsentState.UNKNOWN).name());
            }
            out.put(project, m);
        });
        return out;
    }

    public List<LedgerEntryView> toView(List<LedgerEntry> history) {
        return history.stream().map(e -> new LedgerEntryView(e.id(), e.project(), e.category().name(), e.state().name(),
                e.evidence().source().name(), e.evidence().at(), e.evidence().proof(), e.recordedAt(), e.actor(), e.version())).toList();
    }

    public ExportView toView(String phone, Optional<Contact> contact, Map<String, Map<Category, ConsentState>> consent,
                             List<LedgerEntry> history, Optional<Instant> erasedAt, Instant exportedAt) {
        return new ExportView(phone, exportedAt, contact.map(c -> toView(c, consent)).orElse(null), consentView(consent),
                toView(history), erasedAt.isPresent(), erasedAt.orElse(null));
    }

    public ImportView toView(ImportJob j) {
        return new ImportView(j.id(), j.project(), j.status().name(), j.rowsRead(), j.contactsImported(), j.duplicatesMerged(),
                j.rowsRejected(), j.consentChanges(), j.failure(), j.createdAt(), j.startedAt(), j.finishedAt(),
                j.errors().stream().map(e -> new ImportView.RowErrorView(e.line(), e.maskedPhone(), e.code(), e.message())).toList());
    }

    public SegmentDefinition toDomain(SegmentBody b) {
        return new SegmentDefinition(b.name(), b.project(), b.tagsAll(), b.tagsAny(), b.attributes(), b.regions(), b.languages(),
                b.lastContactedMoreThan(), b.lastContactedWithin(), b.lastInboundMoreThan(), b.lastInboundWithin());
    }

    public SegmentBody toView(Segment s) {
        SegmentDefinition d = s.definition();
        return new SegmentBody(s.id(), d.name(), d.project(), d.tagsAll(), d.tagsAny(), d.attributes(), d.regions(), d.languages(),
                d.lastContactedMoreThan(), d.lastContactedWithin(), d.lastInboundMoreThan(), d.lastInboundWithin(), s.createdAt());
    }

    public AudienceMemberView toView(AudienceMember m) {
        return new AudienceMemberView(m.phone(), m.waId(), m.name(), m.language(), m.region(), m.attributes());
    }

    public SegmentCountsView toView(Segment s, Category category, SegmentCounts counts) {
        Map<String, Long> dropped = new LinkedHashMap<>();
        for (SegmentCounts.Drop reason : SegmentCounts.Drop.values()) {
            dropped.put(reason.name(), counts.dropped().getOrDefault(reason, 0L));
        }
        return new SegmentCountsView(s.id(), category.name(), counts.matched(), counts.optedIn(), dropped,
                counts.optedInByRegion(), counts.optedInByLanguage(), counts.countedAt());
    }
}
