package dev.safesend.ingest.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.ingest.domain.campaign.Campaign;
import dev.safesend.ingest.domain.campaign.CampaignDefinition;
import dev.safesend.ingest.domain.campaign.CampaignState;
import dev.safesend.ingest.domain.campaign.CampaignTransition;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Campaigns as objects (Panache): the definition, the state and the transitions with who and why. */
@ApplicationScoped
public class CampaignRepository implements PanacheRepositoryBase<CampaignEntity, String> {

    private final ObjectMapper json;

    public CampaignRepository(ObjectMapper json) {
        this.json = json;
    }

    public Campaign insert(String id, CampaignDefinition definition, String actor, Instant now) {
        CampaignEntity e = new CampaignEntity();
        e.id = id;
        e.state = CampaignState.DRAFT.name();
        e.createdBy = actor;
        e.createdAt = now;
        write(e, definition, now);
        persist(e);
        return toDomain(e);
    }

    @Transactional
    public Optional<Campaign> campaign(String id) {
        return findByIdOptional(id).map(this::toDomain);
    }

    /** Locks the row for a change (state or definition) in the caller's transaction. */
    public Optional<CampaignEntity> lock(String id) {
        return findByIdOptional(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    public Campaign update(CampaignEntity e, CampaignDefinition definition, Instant now) {
        write(e, definition, now);
        return toDomain(e);
    }

    public void log(String campaignId, CampaignState from, CampaignState to, String actor, String reason, Instant at) {
        CampaignTransitionEntity t = new CampaignTransitionEntity();
        t.campaignId = campaignId;
        t.fromState = from == null ? null : from.name();
        t.toState = to.name();
        t.actor = actor;
        t.reason = reason;
        t.at = at;
        getEntityManager().persist(t);
    }

    @Transactional
    public List<CampaignTransition> transitions(String campaignId) {
        return getEntityManager().createQuery("FROM CampaignTransitionEntity WHERE campaignId = ?1 ORDER BY id", CampaignTransitionEntity.class)
                .setParameter(1, campaignId).getResultList().stream()
                .map(t -> new CampaignTransition(t.fromState == null ? null : CampaignState.valueOf(t.fromState),
                        CampaignState.valueOf(t.toState), t.actor, t.reason, t.at))
                .toList();
    }

    /** A page in creation order, newest first; {@code after} is the last id of the previous page. */
    @Transactional
    public List<Campaign> page(String project, String after, int limit) {
        String query = project == null ? "" : "project = :project";
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
        if (project != null) {
            params = params.and("project", project);
        }
        if (after != null) {
            query = (query.isEmpty() ? "" : query + " AND ") + "id < :after";
            params = params.and("after", after);
        }
        var q = query.isEmpty() ? findAll(Sort.descending("id")) : find(query, Sort.descending("id"), params);
        return q.page(Page.ofSize(limit)).list().stream().map(this::toDomain).toList();
    }

    /** The campaigns the releaser and the scheduler look after. */
    /** Campaigns cancelled since {@code since}: the releaser marks their never-released recipients CANCELLED. */
    @Transactional
    public List<Campaign> cancelledSince(Instant since) {
        return list("state = ?1 and finishedAt >= ?2", CampaignState.CANCELLED.name(), since).stream().map(this::toDomain).toList();
    }

    @Transactional
    public List<Campaign> inStates(List<CampaignState> states) {
        return list("state in ?1", states.stream().map(Enum::name).toList()).stream().map(this::toDomain).toList();
    }

    public Campaign toDomain(CampaignEntity e) {
        try {
            return new Campaign(e.id, json.readValue(e.definition, CampaignDefinition.class), CampaignState.valueOf(e.state),
                    e.pauseReason, e.pausedBy, e.createdBy, e.createdAt, e.updatedAt, e.startedAt, e.finishedAt, e.recipients,
                    e.audienceDone, e.audienceCursor);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("unreadable definition of campaign " + e.id, ex);
        }
    }

    private void write(CampaignEntity e, CampaignDefinition d, Instant now) {
        e.name = d.name();
        e.project = d.project();
        e.category = d.category().name();
        e.priority = (short) d.priority();
        try {
            e.definition = json.writeValueAsString(d);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("cannot encode a campaign definition", ex);
        }
        e.updatedAt = now;
    }
}
