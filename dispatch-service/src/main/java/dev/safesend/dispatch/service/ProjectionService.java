package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.ConsentSnapshot;
import dev.safesend.dispatch.domain.SenderHealth;
import dev.safesend.dispatch.repository.ProjectionRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Keeps dispatch's view of consent, customer windows, sender health and campaigns current, for the gate. */
@ApplicationScoped
public class ProjectionService {

    private final ProjectionRepository projections;

    public ProjectionService(ProjectionRepository projections) {
        this.projections = projections;
    }

    /** @return false when the change was stale or a duplicate (a lower or equal version than the one held) */
    public boolean applyConsent(ConsentSnapshot snapshot) {
        boolean applied = projections.applyConsent(snapshot);
        Log.debugf("consent version %d %s", snapshot.version(), applied ? "applied" : "ignored as stale");
        return applied;
    }

    public void recordInbound(String senderId, String phone, Instant at) {
        projections.openWindow(senderId, phone, at);
    }

    public void applySenderHealth(SenderHealth health) {
        projections.applySenderHealth(health);
        Log.infof("sender health senderId=%s state=%s throttle=%.2f reasons=%s", health.senderId(), health.state(),
                health.throttleFactor(), health.reasons());
    }

    public void applyCampaignState(String campaignId, String state, Instant at) {
        projections.applyCampaignState(campaignId, state, at);
        Log.infof("campaign campaignId=%s state=%s", campaignId, state);
    }
}
