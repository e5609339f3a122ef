package dev.safesend.ingest.mapping;

import dev.safesend.ingest.domain.AcceptedMessage;
import dev.safesend.ingest.domain.AccountSignal;
import dev.safesend.ingest.domain.HeaderMedia;
import dev.safesend.ingest.domain.InboundMessage;
import dev.safesend.ingest.domain.MessageRequest;
import dev.safesend.ingest.domain.Recipients;
import dev.safesend.ingest.domain.SenderHealth;
import dev.safesend.ingest.domain.StatusUpdate;
import dev.safesend.ingest.domain.TemplateRef;
import dev.safesend.ingest.domain.Violation;
import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.schemas.account.AccountEventType;
import dev.safesend.schemas.common.ButtonParameter;
import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.common.MediaRef;
import dev.safesend.schemas.common.MediaType;
import dev.safesend.schemas.common.TemplateContent;
import dev.safesend.schemas.common.TextContent;
import dev.safesend.schemas.health.SenderHealthChanged;
import dev.safesend.schemas.message.EventSource;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.InboundType;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.message.SendRequest;
import dev.safesend.servicekit.identity.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** ingest's domain ↔ Avro records. The only place in ingest that builds or reads events. */
@ApplicationScoped
public class MessageEventMapper {

    public OutboundMessage toOutbound(AcceptedMessage accepted, String requestId) {
        MessageRequest r = accepted.request();
        return OutboundMessage.newBuilder()
                .setEventId(newId()).setOccurredAt(accepted.acceptedAt())
                .setMessageId(accepted.messageId()).setRequestId(requestId)
                .setProject(r.project()).setSenderId(accepted.senderId()).setRecipient(r.recipient())
                .setCategory(Category.valueOf(r.category().name()))
                .setText(r.text() == null ? null : TextContent.newBuilder().setBody(r.text()).setPreviewUrl(r.text().contains("https://")).build())
                .setTemplate(r.template() == null ? null : toTemplate(r.template()))
                .setCampaignId(r.campaignId()).setPriority(accepted.priority()).setNotBefore(r.sendAfter())
                .setExpiresAt(accepted.expiresAt()).setClientReference(r.clientReference()).setMetadata(r.metadata())
                .build();
    }

    public MessageStatusChanged accepted(AcceptedMessage accepted, String requestId) {
        MessageRequest r = accepted.request();
        return MessageStatusChanged.newBuilder()
                .setEventId(newId()).setOccurredAt(accepted.acceptedAt()).setStatusAt(accepted.acceptedAt())
                .setMessageId(accepted.messageId()).setStatus(MessageStatus.ACCEPTED).setSource(EventSource.INGEST)
                .setProject(r.project()).setSenderId(accepted.senderId()).setRecipient(r.recipient())
                .setCategory(Category.valueOf(r.category().name())).setCampaignId(r.campaignId())
                .setRequestId(requestId)
                .setTemplateName(r.template() == null ? null : r.template().name())
                .setTemplateLanguage(r.template() == null ? null : r.template().language())
                .setClientReference(r.clientReference())
                .build();
    }

    /** A refused Kafka request: reason = the first problem code, details = every field and code. */
    public MessageStatusChanged rejected(String messageId, String requestId, MessageRequest r, List<Violation> violations) {
        Instant now = Instant.now();
        return MessageStatusChanged.newBuilder()
                .setEventId(newId()).setOccurredAt(now).setStatusAt(now)
                .setMessageId(messageId).setStatus(MessageStatus.REJECTED).setSource(EventSource.INGEST)
                .setProject(r == null ? null : r.project())
                .setRecipient(r == null ? null : Recipients.normalise(r.recipient()).orElse(null))
                .setCategory(r == null || r.category() == null ? null : Category.valueOf(r.category().name()))
                .setCampaignId(r == null ? null : r.campaignId())
                .setReason(violations.get(0).code())
                .setErrorDetails(violations.stream().map(v -> v.field() + ": " + v.code() + " (" + v.message() + ")")
                        .collect(Collectors.joining("; ")))
                .setRequestId(requestId)
                .build();
    }

    public MessageStatusChanged status(StatusUpdate s) {
        return MessageStatusChanged.newBuilder()
                .setEventId(newId()).setOccurredAt(Instant.now()).setStatusAt(s.at())
                .setMessageId(s.messageId()).setStatus(MessageStatus.valueOf(s.status().name()))
                .setSource(EventSource.WEBHOOK).setSenderId(s.senderId()).setRecipient(s.recipient())
                .setRecipientUserId(s.recipientUserId())
                .setWamid(s.wamid()).setErrorCode(s.errorCode()).setErrorTitle(s.errorTitle())
                .setErrorDetails(s.errorDetails()).setReason(s.errorCode() == null ? null : "META_" + s.errorCode())
                .setPricingCategory(s.pricingCategory())
                .build();
    }

    /**
     * The event id of a user's message is derived from its wamid, so publishing the same message again (Meta's retry of a
     * delivery whose answer was lost after the publish) is the same event: consumers drop it, and consent-service does
     * not confirm a STOP twice.
     */
    public InboundMessageReceived inbound(InboundMessage m) {
        return InboundMessageReceived.newBuilder()
                .setEventId(inboundEventId(m.wamid())).setOccurredAt(Instant.now()).setReceivedAt(m.at())
                .setWamid(m.wamid()).setWaId(m.waId() != null ? m.waId() : m.address()).setPhone(m.address())
                .setUserId(m.bsuid()).setParentUserId(m.parentUserId()).setUsername(m.username())
                .setSystemType(m.systemType()).setNewUserId(m.newUserId())
                .setNewPhone(m.newWaId() == null ? null : PhoneNumbers.toE164(PhoneNumbers.fromWaId(m.newWaId())).orElse(null))
                .setSenderId(m.senderId() == null ? "" : m.senderId()).setDisplayPhoneNumber(m.displayPhoneNumber())
                .setProfileName(m.profileName())
                .setType(InboundType.valueOf(m.kind().name())).setText(m.text()).setButtonPayload(m.buttonPayload())
                .setButtonText(m.buttonText()).setContextWamid(m.contextWamid())
                .build();
    }

    public AccountEventReceived account(AccountSignal a) {
        return AccountEventReceived.newBuilder()
                .setEventId(newId()).setOccurredAt(Instant.now())
                .setType(AccountEventType.valueOf(a.kind().name())).setField(a.field())
                .setWabaId(a.wabaId() == null ? "" : a.wabaId()).setSenderId(a.senderId()).setEvent(a.event())
                .setTemplateId(a.templateId()).setTemplateName(a.templateName()).setTemplateLanguage(a.templateLanguage())
                .setReason(a.reason()).setPreviousQuality(a.previousQuality()).setNewQuality(a.newQuality())
                .setWaId(a.waId()).setUserId(a.userId()).setParentUserId(a.parentUserId()).setPreferenceCategory(a.preferenceCategory()).setPreferenceValue(a.preferenceValue())
                .setAttributes(a.attributes())
                .build();
    }

    /** wa.account-events.v1 → the domain signal the template registry applies. */
    public AccountSignal fromAvro(AccountEventReceived e) {
        return new AccountSignal(AccountSignal.Kind.valueOf(e.getType().name()), e.getField(), e.getWabaId(),
                e.getSenderId(), e.getEvent(), e.getTemplateId(), e.getTemplateName(), e.getTemplateLanguage(),
                e.getReason(), e.getPreviousQuality(), e.getNewQuality(), e.getWaId(), e.getPreferenceCategory(),
                e.getPreferenceValue(), e.getAttributes(), e.getEventId(), e.getUserId(), e.getParentUserId());
    }

    public SenderHealth fromAvro(SenderHealthChanged e) {
        return new SenderHealth(e.getSenderId(), SenderHealth.State.valueOf(e.getState().name()), e.getReasons());
    }

    /** wa.send-requests.v1 → the same request the REST API builds. */
    public MessageRequest fromAvro(SendRequest r) {
        TemplateRef template = null;
        if (r.getTemplate() != null) {
            TemplateContent t = r.getTemplate();
            List<String> positional = t.getBodyParameters();
            Map<String, String> named = new LinkedHashMap<>();
            if (!t.getBodyParameterNames().isEmpty()) {
                for (int i = 0; i < t.getBodyParameterNames().size(); i++) {
                    named.put(t.getBodyParameterNames().get(i), i < positional.size() ? positional.get(i) : null);
                }
                positional = List.of();
            }
            MediaRef media = t.getHeaderMedia();
            template = new TemplateRef(t.getName(), t.getLanguage(), positional, named, t.getHeaderText(),
                    media == null ? null : new HeaderMedia(media.getType().name(), media.getLink(), media.getId()),
                    t.getButtons().stream().map(b -> new TemplateRef.ButtonParameter(b.getIndex(), b.getSubType(), b.getValue())).toList());
        }
        return new MessageRequest(r.getRecipient(), r.getProject(),
                dev.safesend.ingest.domain.Category.valueOf(r.getCategory().name()),
                r.getText() == null ? null : r.getText().getBody(), template, r.getCampaignId(), r.getSendAfter(),
                r.getExpiresAt(), r.getClientReference(), r.getMetadata());
    }

    private static TemplateContent toTemplate(TemplateRef t) {
        List<String> names = new ArrayList<>(t.namedParameters().keySet());
        return TemplateContent.newBuilder()
                .setName(t.name()).setLanguage(t.language()).setBodyParameters(t.wireBodyParameters()).setBodyParameterNames(names)
                .setHeaderText(t.headerText())
                .setHeaderMedia(t.headerMedia() == null ? null : MediaRef.newBuilder()
                        .setType(MediaType.valueOf(t.headerMedia().type().toUpperCase(Locale.ROOT)))
                        .setLink(t.headerMedia().link()).setId(t.headerMedia().id()).build())
                .setButtons(t.buttons().stream()
                        .map(b -> ButtonParameter.newBuilder().setIndex(b.index()).setSubType(b.subType().toLowerCase(Locale.ROOT))
                                .setValue(b.value()).build())
                        .toList())
                .build();
    }

    static String inboundEventId(String wamid) {
        return wamid == null ? newId() : UUID.nameUUIDFromBytes(("inbound:" + wamid).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
