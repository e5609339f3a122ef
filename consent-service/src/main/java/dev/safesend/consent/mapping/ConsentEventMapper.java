package dev.safesend.consent.mapping;

import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.ConsentSnapshot;
import dev.safesend.consent.domain.DeliveryOutcome;
import dev.safesend.consent.domain.InboundMessage;
import dev.safesend.consent.domain.OutboxEntry;
import dev.safesend.consent.domain.UserPreference;
import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.schemas.account.AccountEventType;
import dev.safesend.schemas.common.TextContent;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.consent.ConsentState;
import dev.safesend.schemas.consent.ProjectConsent;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.SendRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Domain ↔ Avro for everything consent consumes and publishes. */
@ApplicationScoped
public class ConsentEventMapper {

    public InboundMessage toDomain(InboundMessageReceived e) {
        String text = e.getText() != null ? e.getText() : e.getButtonText();
        return new InboundMessage(e.getEventId(), e.getWamid(), e.getPhone(), e.getWaId(), e.getSenderId(), e.getProfileName(),
                text, e.getButtonPayload(), e.getReceivedAt(), e.getUserId(), e.getParentUserId(), e.getUsername(),
                e.getSystemType(), e.getNewPhone(), e.getNewUserId());
    }

    /** The user_preferences part of an account event, or null for any other type. */
    public UserPreference toUserPreference(AccountEventReceived e) {
        if (e.getType() != AccountEventType.USER_PREFERENCES) {
            return null;
        }
        String phone = e.getWaId() == null ? null : e.getWaId().startsWith("+") ? e.getWaId() : "+" + e.getWaId();
        return new UserPreference(e.getEventId(), phone, e.getSenderId(), e.getWabaId(), e.getPreferenceCategory(),
                e.getPreferenceValue(), e.getOccurredAt(), e.getUserId(), e.getParentUserId());
    }

    public DeliveryOutcome toDomain(MessageStatusChanged e) {
        return new DeliveryOutcome(e.getEventId(), e.getMessageId(), e.getRecipient(), e.getProject(), e.getStatus().name(),
                e.getErrorCode(), e.getStatusAt(), e.getRecipientUserId(), e.getSenderId());
    }

    /** The whole current state of the phone: top-level states are the changed project's. */
    public ConsentChanged toConsentChanged(ConsentSnapshot s) {
        Map<String, ProjectConsent> projects = new HashMap<>();
        if (!s.erased()) {
            s.projects().keySet().forEach(p -> {
                var states = s.statesOf(p);
                projects.put(p, new ProjectConsent(avro(states.get(Category.MARKETING)), avro(states.get(Category.UTILITY)),
                        avro(states.get(Category.AUTHENTICATION))));
            });
        }
        var own = s.statesOf(s.project());
        return ConsentChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(s.occurredAt() == null ? Instant.now() : s.occurredAt())
                .setPhone(s.phone())
                .setProject(s.project())
                .setVersion(s.version())
                .setMarketing(avro(own.get(Category.MARKETING)))
                .setUtility(avro(own.get(Category.UTILITY)))
                .setAuthentication(avro(own.get(Category.AUTHENTICATION)))
                .setSource(s.source() == null ? "UNKNOWN" : s.source())
                .setErased(s.erased())
                .setProjects(projects)
                .setAddresses(s.addresses())
                .setSenderId(s.senderId())
                .setOptedOut(s.optedOut().stream().sorted().map(c -> dev.safesend.schemas.common.Category.valueOf(c.name())).toList())
                .build();
    }

    /** A keyword confirmation: a free-form SERVICE reply through the normal send path (the user just wrote). */
    public SendRequest toSendRequest(OutboxEntry e) {
        return SendRequest.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(e.createdAt())
                .setRequestId(e.requestId())
                .setProject(e.project())
                .setRecipient(e.phone())
                .setCategory(dev.safesend.schemas.common.Category.SERVICE)
                .setText(new TextContent(e.body(), false))
                .setClientReference("consent-service")
                .setMetadata(Map.of("reason", "consent-keyword-confirmation"))
                .build();
    }

    private static ConsentState avro(dev.safesend.consent.domain.ConsentState s) {
        return ConsentState.valueOf(s.name());
    }
}
