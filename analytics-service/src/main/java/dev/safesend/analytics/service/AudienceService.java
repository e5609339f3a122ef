package dev.safesend.analytics.service;

import dev.safesend.analytics.domain.AudienceSlice;
import dev.safesend.analytics.repository.AttributionRepository;
import dev.safesend.servicekit.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.List;

/** Campaigns' treatment and holdout groups from wa.campaign-audience.v1; a redelivered slice adds nobody twice. */
@ApplicationScoped
public class AudienceService {

    private final AttributionRepository attribution;

    public AudienceService(AttributionRepository attribution) {
        this.attribution = attribution;
    }

    /** @return how many members were newly assigned */
    @Retry(maxRetries = 5, delay = 200, jitter = 100, retryOn = StoreUnavailableException.class)
    public int onAssigned(List<AudienceSlice> slices) {
        return attribution.assignments(slices);
    }
}
