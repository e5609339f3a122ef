package dev.safesend.dispatch.mapping;

import dev.safesend.dispatch.domain.ConsentSnapshot;
import dev.safesend.dispatch.domain.InboundMessage;
import dev.safesend.dispatch.domain.InboundPosition;
import dev.safesend.dispatch.domain.SenderHealth;
import dev.safesend.schemas.consent.ConsentChanged;
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

    public SenderHealth senderHealth(SenderHealthChanged e) {
        return new SenderHealth(e.getSenderId(), e.getState().name(), e.getThrottleFactor(), e.getReasons(), e.getUntil(),
                e.getOccurredAt());
    }
}
