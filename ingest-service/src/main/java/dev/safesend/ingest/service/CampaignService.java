package dev.safesend.ingest.service;

import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.domain.Violation;
import dev.safesend.ingest.domain.campaign.Campaign;
import dev.safesend.ingest.domain.campaign.CampaignDefinition;
import dev.safesend.ingest.domain.campaign.CampaignNotFoundException;
import dev.safesend.ingest.domain.campaign.CampaignState;
import dev.safesend.ingest.domain.campaign.CampaignTransition;
import dev.safesend.ingest.domain.campaign.CampaignTransitionException;
import dev.safesend.ingest.domain.campaign.CampaignValidationException;
import dev.safesend.ingest.repository.CampaignEntity;
import dev.safesend.ingest.repository.CampaignRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Campaign definitions and their lifecycle. Every change is one transaction that locks the campaign, checks that the
 * change is allowed, logs it with who and why, and publishes it on wa.campaign-events.v1 before it commits (dispatch
 * holds a paused campaign's queued messages and suppresses a cancelled one's from that event).
 */
@ApplicationScoped
public class CampaignService {

    public static final String SYSTEM = "system";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IngestConfig config;
    private final CampaignRepository campaigns;
    private final CampaignChecks checks;
    private final CampaignEvents events;
    private final MeterRegistry metrics;
    private final Clock clock;

    public CampaignService(IngestConfig config, CampaignRepository campaigns, CampaignChecks checks, CampaignEvents events,
                           MeterRegistry metrics, Clock clock) {
        this.config = config;
        this.campaigns = campaigns;
        this.checks = checks;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A new DRAFT. @throws CampaignValidationException naming every field that cannot be used */
    @Transactional
    public Campaign create(CampaignDefinition definition, String actor) {
        checks.validate(definition);
        Instant now = now();
        Campaign created = campaigns.insert(newId(now), definition, actor, now);
        record(created, null, CampaignState.DRAFT, actor, "created", now);
        Log.infof("campaign created campaignId=%s project=%s template=%s by=%s", created.id(), definition.project(),
                definition.template().name(), actor);
        return created;
    }

    /** Replaces the definition of a DRAFT or PAUSED campaign. */
    @Transactional
    public Campaign update(String id, CampaignDefinition definition, String actor) {
        CampaignEntity e = lock(id);
        CampaignState state = CampaignState.valueOf(e.state);
        if (!state.editable()) {
            throw new CampaignTransitionException(id, state, "be edited (only DRAFT and PAUSED campaigns can)");
        }
        if (!definition.project().equals(e.project)) {
            throw new CampaignValidationException(List.of(new Violation("project", "immutable", "a campaign stays in its project")));
        }
        if (state == CampaignState.PAUSED && e.audienceCursor != null
                && !definition.segmentId().equals(campaigns.toDomain(e).definition().segmentId())) {
            throw new CampaignValidationException(List.of(new Violation("audience.segmentId", "immutable",
                    "the audience of a started campaign is fixed")));
        }
        checks.validate(definition);
        Campaign updated = campaigns.update(e, definition, now());
        record(updated, state, state, actor, "definition updated", now());
        return updated;
    }

    public Campaign get(String id) {
        return campaigns.campaign(id).orElseThrow(() -> new CampaignNotFoundException(id));
    }

    public List<Campaign> page(String project, String after, int limit) {
        return campaigns.page(project, after, limit);
    }

    public List<CampaignTransition> transitions(String id) {
        get(id);
        return campaigns.transitions(id);
    }

    /**
     * An operator's start, pause, resume or cancel. Start checks the definition again (the template may have been
     * paused since the draft was written) and schedules the campaign; the releaser begins it at its start time.
     */
    @Transactional
    public Campaign act(String id, CampaignState.Action action, String actor, String reason) {
        CampaignEntity e = lock(id);
        if (action == CampaignState.Action.START) {
            checks.validate(campaigns.toDomain(e).definition());
        }
        if (action == CampaignState.Action.RESUME) {
            e.pauseReason = null; // an operator's resume overrides an automatic pause's cause
        }
        return move(e, action, actor, reason);
    }

    /** The platform's own change (begin at start time, automatic pause or resume, completion), if still allowed. */
    @Transactional
    public boolean actAsSystem(String id, CampaignState.Action action, String reason, String expectedPauseReason) {
        CampaignEntity e = lock(id);
        CampaignState state = CampaignState.valueOf(e.state);
        if (state.after(action, startReached(e)).isEmpty()) {
            return false;
        }
        if (action == CampaignState.Action.RESUME) {
            if (e.pauseReason == null || !e.pauseReason.equals(expectedPauseReason)) {
                return false; // paused by an operator, or for another cause: only a person or that cause's end resumes it
            }
            e.pauseReason = null;
        }
        if (action == CampaignState.Action.PAUSE) {
            e.pauseReason = reason;
        }
        move(e, action, SYSTEM, reason);
        return true;
    }

    private Campaign move(CampaignEntity e, CampaignState.Action action, String actor, String reason) {
        CampaignState from = CampaignState.valueOf(e.state);
        CampaignState to = from.after(action, startReached(e))
                .orElseThrow(() -> new CampaignTransitionException(e.id, from, action.word()));
        Instant now = now();
        e.state = to.name();
        e.updatedAt = now;
        if (to == CampaignState.RUNNING && e.startedAt == null) {
            e.startedAt = now;
        }
        if (to == CampaignState.PAUSED) {
            e.pausedBy = actor;
        }
        if (to.finished()) {
            e.finishedAt = now;
        }
        Campaign c = campaigns.toDomain(e);
        record(c, from, to, actor, reason, now);
        Log.infof("campaign campaignId=%s %s -> %s by=%s reason=%s", e.id, from, to, actor, reason);
        return c;
    }

    private void record(Campaign c, CampaignState from, CampaignState to, String actor, String reason, Instant now) {
        campaigns.log(c.id(), from, to, actor, reason, now);
        Publication.await(events.changed(c, from, to, actor, reason, now), config.publishTimeout());
        metrics.counter(IngestMetrics.CAMPAIGNS_TRANSITIONED, "state", to.name().toLowerCase(Locale.ROOT)).increment();
    }

    private boolean startReached(CampaignEntity e) {
        Instant startAt = campaigns.toDomain(e).definition().schedule().startAt();
        return startAt == null || !now().isBefore(startAt);
    }

    private CampaignEntity lock(String id) {
        return campaigns.lock(id).orElseThrow(() -> new CampaignNotFoundException(id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Time-ordered ids: newest first is descending id order. */
    private static String newId(Instant now) {
        byte[] random = new byte[5];
        RANDOM.nextBytes(random);
        return "cmp_" + String.format("%011x", now.toEpochMilli()) + HexFormat.of().formatHex(random);
    }
}
