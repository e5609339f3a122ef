package dev.safesend.ingest.service;

import dev.safesend.ingest.domain.UnidentifiedUpdate;
import dev.safesend.ingest.repository.UnidentifiedUpdateRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Reads back the webhook updates that named no valid phone and no BSUID (stored by {@link WebhookService}). */
@ApplicationScoped
public class UnidentifiedUpdates {

    private final UnidentifiedUpdateRepository repository;

    public UnidentifiedUpdates(UnidentifiedUpdateRepository repository) {
        this.repository = repository;
    }

    public List<UnidentifiedUpdate.Stored> page(int limit, Long beforeId) {
        return repository.list(limit, beforeId);
    }
}
