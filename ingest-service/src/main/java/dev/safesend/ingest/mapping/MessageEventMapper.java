package dev.safesend.ingest.mapping;

import dev.safesend.ingest.domain.AcceptedMessage;
import dev.safesend.ingest.domain.AccountSignal;
import dev.safesend.ingest.domain.InboundMessage;
import dev.safesend.ingest.domain.MessageRequest;
import dev.safesend.ingest.domain.PhoneNumbers;
import dev.safesend.ingest.domain.StatusUpdate;
import dev.safesend.ingest.domain.TemplateRef;
import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.schemas.account.AccountEventType;
import dev.safesend.schemas.common.ButtonParameter;
import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.common.TemplateContent;
import dev.safesend.schemas.common.TextContent;
import dev.safesend.schemas.message.EventSource;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.InboundType;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** ingest's domain ↔ Avro records. The only place in ingest that builds events. */
@ApplicationScoped
public class MessageEventMapper {

    public OutboundMessage toOutbound(AcceptedMessage accepted) {
        MessageRequest r = accepted.request();
        return OutboundMessage.newBuilder()
                .setEventId(newId()).setOccurredAt(accepted.acceptedAt())
                .setMessageId(accepted.messageId()).setRequestId(null)
                .setProject(r.project()).setSenderId(accepted.senderId()).setRecipient(r.recipient())
                .setCategory(Category.valueOf(r.category().name()))
                .setText(r.text() == null ? null : TextContent.newBuilder().setBody(r.text()).setPreviewUrl(r.text().contains("https://")).build())
                .setTemplate(r.template() == null ? null : toTemplate(r.template()))
                .setCampaignId(r.campaignId()).setNotBefore(r.sendAfter()).setExpiresAt(accepted.expiresAt())
                .setClientReference(r.clientReference()).setMetadata(r.metadata())
                .build();
    }

    public MessageStatusChanged accepted(AcceptedMessage accepted) {
        MessageRequest r = accepted.request();
        return MessageStatusChanged.newBuilder()
                .setEventId(newId()).setOccurredAt(accepted.acceptedAt()).setStatusAt(accepted.acceptedAt())
                .setMessageId(accepted.messageId()).setStatus(MessageStatus.ACCEPTED).setSource(EventSource.INGEST)
                .setProject(r.project()).setSenderId(accepted.senderId()).setRecipient(r.recipient())
                .setCategory(Category.valueOf(r.category().name())).setCampaignId(r.campaignId())
                .build();
    }

    public MessageStatusChanged status(StatusUpdate s) {
        return MessageStatusChanged.newBuilder()
                .setEventId(newId()).setOccurredAt(Instant.now()).setStatusAt(s.at())
                .setMessageId(s.messageId()).setStatus(MessageStatus.valueOf(s.status().name()))
                .setSource(EventSource.WEBHOOK).setSenderId(s.senderId()).setRecipient(s.recipientE164())
                .setWamid(s.wamid()).setErrorCode(s.errorCode()).setErrorTitle(s.errorTitle())
                .setErrorDetails(s.errorDetails()).setReason(s.errorCode() == null ? null : "META_" + s.errorCode())
                .setPricingCategory(s.pricingCategory())
                .build();
    }

    public InboundMessageReceived inbound(InboundMessage m) {
        return InboundMessageReceived.newBuilder()
                .setEventId(newId()).setOccurredAt(Instant.now()).setReceivedAt(m.at())
                .setWamid(m.wamid()).setWaId(m.waId()).setPhone(PhoneNumbers.fromWaId(m.waId()))
                .setSenderId(m.senderId()).setDisplayPhoneNumber(m.displayPhoneNumber()).setProfileName(m.profileName())
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
                .setWaId(a.waId()).setPreferenceCategory(a.preferenceCategory()).setPreferenceValue(a.preferenceValue())
                .setAttributes(a.attributes())
                .build();
    }

    private static TemplateContent toTemplate(TemplateRef t) {
        return TemplateContent.newBuilder()
                .setName(t.name()).setLanguage(t.language()).setBodyParameters(t.bodyParameters())
                .setHeaderText(t.headerText())
                .setButtons(t.buttons().stream()
                        .map(b -> ButtonParameter.newBuilder().setIndex(b.index()).setSubType(b.subType()).setValue(b.value()).build())
                        .toList())
                .build();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
