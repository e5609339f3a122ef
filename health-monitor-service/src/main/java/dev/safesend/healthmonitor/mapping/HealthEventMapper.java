package dev.safesend.healthmonitor.mapping;

import dev.safesend.healthmonitor.domain.AccountSignal;
import dev.safesend.healthmonitor.domain.ContactEngagement;
import dev.safesend.healthmonitor.domain.OptOut;
import dev.safesend.healthmonitor.domain.Reply;
import dev.safesend.healthmonitor.domain.StatusSignal;
import dev.safesend.healthmonitor.domain.TemplateOnHold;
import dev.safesend.healthmonitor.repository.SenderHealthEntity;
import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.health.ContactEngagementChanged;
import dev.safesend.schemas.health.EngagementState;
import dev.safesend.schemas.health.HeldTemplate;
import dev.safesend.schemas.health.SenderHealthChanged;
import dev.safesend.schemas.health.SenderState;
import dev.safesend.schemas.message.EventSource;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.MessageStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** health-monitor's Avro ↔ domain: the only place it reads or builds events. */
@ApplicationScoped
public class HealthEventMapper {

    /** A message event, or empty for one without our message id (a status of a message sent elsewhere). */
    public Optional<StatusSignal> status(MessageStatusChanged e) {
        if (e.getMessageId() == null) {
            return Optional.empty();
        }
        String template = e.getTemplateName() == null ? null
                : e.getTemplateName() + "/" + (e.getTemplateLanguage() == null ? "" : e.getTemplateLanguage());
        return Optional.of(new StatusSignal(e.getMessageId(), e.getStatus().name(), e.getSource() == EventSource.DISPATCH,
                e.getStatusAt(), e.getSenderId(), e.getProject(), e.getCategory() == null ? null : e.getCategory().name(),
                e.getCampaignId(), template, e.getRecipient(), e.getWamid(), e.getErrorCode()));
    }

    /** An inbound message that is a user's own message (not a system notice). */
    public Optional<Reply> reply(InboundMessageReceived e) {
        if (e.getSystemType() != null) {
            return Optional.empty();
        }
        return Optional.of(new Reply(e.getSenderId(), e.getPhone(), e.getContextWamid(), e.getReceivedAt()));
    }

    /** A consent change that opted someone out through a number. */
    public Optional<OptOut> optOut(ConsentChanged e) {
        if (e.getOptedOut() == null || e.getOptedOut().isEmpty() || e.getSenderId() == null) {
            return Optional.empty();
        }
        return Optional.of(new OptOut(e.getEventId(), e.getSenderId(), e.getSource(), e.getOccurredAt()));
    }

    public AccountSignal account(AccountEventReceived e) {
        return new AccountSignal(e.getEventId(), e.getType().name(), e.getField(), e.getWabaId(), e.getSenderId(), e.getEvent(),
                e.getTemplateName(), e.getTemplateLanguage(), e.getNewQuality(), e.getAttributes(), e.getOccurredAt());
    }

    public SenderHealthChanged senderHealth(SenderHealthEntity s, List<TemplateOnHold> held, Instant at) {
        return SenderHealthChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                .setSenderId(s.senderId).setState(SenderState.valueOf(s.state)).setThrottleFactor(s.factor)
                .setHealthScore(s.score).setQualityRating(s.quality).setReasons(s.reasonList()).setUntil(s.until)
                .setPortfolioId(s.portfolioId).setMessagingTier(s.tier)
                .setHeldTemplates(held.stream().map(h -> HeldTemplate.newBuilder().setName(h.name())
                        .setLanguage(h.language()).setReason(h.reason()).build()).toList())
                .build();
    }

    public ContactEngagementChanged engagement(ContactEngagement e, Instant at) {
        return ContactEngagementChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                .setProject(e.project()).setContact(e.contact())
                .setState(e.dormant(at) ? EngagementState.DORMANT : EngagementState.ENGAGED)
                .setDormantUntil(e.dormant(at) ? e.dormantUntil() : null)
                .setUnreadDelivered(e.unread().size()).setLastEngagedAt(e.lastEngagedAt())
                .build();
    }

    public static String engagementKey(ContactEngagement e) {
        return e.project() + "/" + e.contact();
    }
}
