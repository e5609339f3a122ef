package dev.safesend.ingest.mapping;

import dev.safesend.ingest.domain.ContactEngagement;
import dev.safesend.schemas.health.ContactEngagementChanged;
import jakarta.enterprise.context.ApplicationScoped;

/** wa.contact-engagement.v1's record → a contact's engagement. */
@ApplicationScoped
public class ContactEngagementEventMapper {

    /** @throws IllegalArgumentException when the record names no project or no contact (it cannot be kept) */
    public ContactEngagement fromAvro(ContactEngagementChanged e) {
        try {
            return new ContactEngagement(e.getProject(), e.getContact(), ContactEngagement.State.valueOf(e.getState().name()),
                    e.getDormantUntil(), e.getOccurredAt());
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("engagement record " + e.getEventId() + ": " + invalid.getMessage(), invalid);
        }
    }
}
