package dev.safesend.analytics.service;

import dev.safesend.servicekit.tenancy.ProjectAccess;
import dev.safesend.analytics.domain.MessageTimeline;
import dev.safesend.analytics.repository.MessageTimelineRepository;
import dev.safesend.servicekit.identity.Addresses;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Reads messages' timelines for a caller: only messages of the projects its token allows (another project's message is
 * "not found"), recipients masked unless the caller is an admin.
 */
@ApplicationScoped
public class MessageTimelineService {

    private final MessageTimelineRepository repository;

    public MessageTimelineService(MessageTimelineRepository repository) {
        this.repository = repository;
    }

    public Optional<MessageTimeline> find(String messageId, ProjectAccess access) {
        return repository.find(messageId).filter(t -> access.scope().allows(t.project())).map(t -> shown(t, access));
    }

    public List<MessageTimeline> byClientReference(String clientReference, int limit, ProjectAccess access) {
        return repository.findByClientReference(clientReference, access.scope().projects(), limit).stream().map(t -> shown(t, access)).toList();
    }

    public List<MessageTimeline> byContact(String address, int limit, ProjectAccess access) {
        return repository.findByContact(address, access.scope().projects(), limit).stream().map(t -> shown(t, access)).toList();
    }

    private static MessageTimeline shown(MessageTimeline t, ProjectAccess access) {
        return access.seesWholeAddresses() ? t : t.withRecipient(t.recipient() == null ? null : Addresses.mask(t.recipient()),
                t.recipientUserId() == null ? null : Addresses.mask(t.recipientUserId()));
    }
}
