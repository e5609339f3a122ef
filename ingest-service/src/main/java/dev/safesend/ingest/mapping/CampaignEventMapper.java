package dev.safesend.ingest.mapping;

import dev.safesend.ingest.domain.campaign.AudienceAssignment;
import dev.safesend.ingest.domain.campaign.Campaign;
import dev.safesend.ingest.domain.campaign.CampaignState;
import dev.safesend.ingest.domain.campaign.RecipientState;
import dev.safesend.ingest.repository.CampaignRecipientRepository;
import dev.safesend.schemas.campaign.CampaignAudienceAssigned;
import dev.safesend.schemas.campaign.CampaignStateChanged;
import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.message.MessageStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Campaigns ↔ Avro: lifecycle changes out on wa.campaign-events.v1, message events in as recipient progress. */
@ApplicationScoped
public class CampaignEventMapper {

    /**
     * The event for a campaign entering {@code to}. The topic's states name changes (STARTED, RESUMED …); a resume
     * that goes back to SCHEDULED is RESUMED too, and the first run of a scheduled campaign is STARTED.
     */
    public CampaignStateChanged changed(Campaign c, CampaignState from, CampaignState to, String actor, String reason, Instant at) {
        return CampaignStateChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                .setCampaignId(c.id()).setProject(c.definition().project())
                .setState(topicState(from, to))
                .setTemplateName(c.definition().template() == null ? null : c.definition().template().name())
                .setReason(reason).setActor(actor)
                .setCategory(c.definition().category() == null ? null : Category.valueOf(c.definition().category().name()))
                .setPriority(c.definition().priority())
                .setSenderIds(List.of())
                .build();
    }

    /**
     * One slice of a copied audience page as its treatment and holdout groups. The id is a name-based UUID of the
     * campaign and the slice's first position, so a slice published again (a copy retried after Kafka acknowledged it but
     * before the page committed) is the same event. The campaign's start is when it started running, else its scheduled
     * start, else now (a campaign copies its audience as it starts).
     */
    public CampaignAudienceAssigned assigned(Campaign c, List<AudienceAssignment> slice, Instant now) {
        List<String> treated = new ArrayList<>();
        List<String> holdout = new ArrayList<>();
        for (AudienceAssignment a : slice) {
            (a.holdout() ? holdout : treated).add(a.address());
        }
        long firstSeq = slice.isEmpty() ? 0 : slice.get(0).seq();
        Instant startAt = c.definition().schedule() == null ? null : c.definition().schedule().startAt();
        Instant started = c.startedAt() != null ? c.startedAt() : startAt != null ? startAt : now;
        return CampaignAudienceAssigned.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("campaign-audience:" + c.id() + ":" + firstSeq).getBytes(StandardCharsets.UTF_8)).toString())
                .setOccurredAt(now).setCampaignId(c.id()).setProject(c.definition().project()).setStartedAt(started)
                .setFirstSeq(firstSeq).setTreated(treated).setHoldout(holdout)
                .build();
    }

    static dev.safesend.schemas.campaign.CampaignState topicState(CampaignState from, CampaignState to) {
        return switch (to) {
            case DRAFT -> from == null ? dev.safesend.schemas.campaign.CampaignState.CREATED : dev.safesend.schemas.campaign.CampaignState.UPDATED;
            case SCHEDULED -> from == CampaignState.PAUSED ? dev.safesend.schemas.campaign.CampaignState.RESUMED
                    : dev.safesend.schemas.campaign.CampaignState.SCHEDULED;
            case RUNNING -> from == CampaignState.PAUSED ? dev.safesend.schemas.campaign.CampaignState.RESUMED
                    : dev.safesend.schemas.campaign.CampaignState.STARTED;
            case PAUSED -> from == CampaignState.PAUSED ? dev.safesend.schemas.campaign.CampaignState.UPDATED
                    : dev.safesend.schemas.campaign.CampaignState.PAUSED;
            case COMPLETED -> dev.safesend.schemas.campaign.CampaignState.COMPLETED;
            case CANCELLED -> dev.safesend.schemas.campaign.CampaignState.CANCELLED;
        };
    }

    /** A user's message that quotes one of ours, or empty. */
    public Optional<CampaignRecipientRepository.Reply> reply(dev.safesend.schemas.message.InboundMessageReceived m) {
        return m.getContextWamid() == null ? Optional.empty()
                : Optional.of(new CampaignRecipientRepository.Reply(m.getContextWamid(), m.getReceivedAt()));
    }

    /** A message event as a recipient's progress, or empty when it does not move a campaign recipient. */
    public Optional<CampaignRecipientRepository.StatusChange> progress(MessageStatusChanged e) {
        return RecipientState.ofStatus(e.getStatus().name()).map(state -> new CampaignRecipientRepository.StatusChange(
                e.getMessageId(), state, e.getErrorCode() != null ? String.valueOf(e.getErrorCode()) : e.getReason(), e.getSenderId(), e.getStatusAt() == null ? e.getOccurredAt() : e.getStatusAt(),
                e.getWamid()));
    }
}
