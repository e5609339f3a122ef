package dev.safesend.dispatch.mapping;

import dev.safesend.dispatch.domain.ConsentSnapshot;
import dev.safesend.dispatch.domain.ContactEngagement;
import dev.safesend.dispatch.domain.InboundMessage;
import dev.safesend.dispatch.domain.InboundPosition;
import dev.safesend.dispatch.domain.SenderHealth;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.health.ContactEngagementChanged;
import dev.safesend.schemas.health.HeldTemplate;
import dev.safesend.schemas.health.SenderHealthChanged;
import dev.safesend.schemas.message.InboundMessageReceived;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Avro events of other services → dispatch's projection values. */
@ApplicationScoped
public class ProjectionEventMapper {

    public ConsentSnapshot consent(ConsentChanged e) {
        Map<String, ConsentSnapshot.ProjectConsent> projects = new HashMap<>();
        e.getProjects().forEach((project, p) -> projects.put(project, new ConsentSnapshot.ProjectConsent(
                p.getMarketing().name(), p.getUtility().name(), p.getAuthentication().name())));
        // records written before the projects map existed carry one project's states in the top-level fields
        projects.putIfAbsent(e.getProject(), new ConsentSnapshot.ProjectConsent(e.getMarketing().name(),
                e.getUtility().name(), e.getAuthentication().name()));
        return new ConsentSnapshot(e.getPhone(), e.getVersion(), e.getErased(), projects, e.getAddresses());
    }

    /** An inbound message and where it sits on its topic; one without a phone or a sender cannot be recorded. */
    public InboundMessage inbound(InboundMessageReceived e, int partition, long offset) {
        if (e.getPhone() == null || e.getSenderId() == null || e.getReceivedAt() == null) {
            throw new IllegalArgumentException("inbound message " + e.getEventId() + " has no phone, sender or time");
        }
        List<String> identifiers = new ArrayList<>(List.of(e.getPhone()));
        if (e.getUserId() != null && !identifiers.contains(e.getUserId())) {
            identifiers.add(e.getUserId());
        }
        return new InboundMessage(e.getSenderId(), e.getPhone(), e.getReceivedAt(), new InboundPosition(partition, offset), identifiers,
                e.getSystemType() == null);
    }

    /** The whole decision; changedAt is the record's occurredAt (when health-monitor took it). */
    public SenderHealth senderHealth(SenderHealthChanged e) {
        List<SenderHealth.HeldTemplate> held = new ArrayList<>();
        for (HeldTemplate t : e.getHeldTemplates()) {
            held.add(new SenderHealth.HeldTemplate(t.getName(), t.getLanguage(), t.getReason()));
        }
        return new SenderHealth(e.getSenderId(), e.getState().name(), e.getThrottleFactor(), e.getReasons(), e.getUntil(),
                e.getOccurredAt(), e.getHealthScore(), e.getQualityRating(), e.getPortfolioId(), e.getMessagingTier(), held);
    }

    /** A contact's engagement with a project; one that names no project or contact cannot be recorded. */
    public ContactEngagement engagement(ContactEngagementChanged e) {
        if (e.getProject() == null || e.getProject().isBlank() || e.getContact() == null || e.getContact().isBlank()) {
            throw new IllegalArgumentException("engagement record " + e.getEventId() + " names no project or no contact");
        }
        return new ContactEngagement(e.getProject(), e.getContact(), e.getState().name(), e.getDormantUntil(), e.getOccurredAt());
    }

    /** wa.contact-engagement.v1's key, {@code project/contact} (a tombstone carries nothing else). */
    public EngagementKey engagementKey(String key) {
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new IllegalArgumentException("engagement key '" + key + "' is not project/contact");
        }
        return new EngagementKey(key.substring(0, slash), key.substring(slash + 1));
    }

    public record EngagementKey(String project, String contact) {
    }
}
