package dev.safesend.ingest.service;

import dev.safesend.ingest.repository.CampaignRecipientRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Moves campaign recipients forward by their messages' events, and marks those who replied. */
@ApplicationScoped
public class CampaignProgress {

    private final CampaignRecipientRepository recipients;

    public CampaignProgress(CampaignRecipientRepository recipients) {
        this.recipients = recipients;
    }

    /** Replies quoting campaign messages: their recipients count as replied. */
    @Transactional
    public void replied(List<CampaignRecipientRepository.Reply> replies) {
        recipients.markReplied(replies);
    }

    @Transactional
    public void apply(List<CampaignRecipientRepository.StatusChange> changes) {
        if (!changes.isEmpty()) {
            recipients.apply(changes);
        }
    }
}
