package dev.safesend.dispatch.mapping;

import dev.safesend.dispatch.domain.OutboundSend;
import dev.safesend.dispatch.domain.SendOutcome;
import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.message.EventSource;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Avro ↔ dispatch's domain: outbound records in, message events out. */
@ApplicationScoped
public class MessageEventMapper {

    public OutboundSend toDomain(OutboundMessage m) {
        var t = m.getTemplate();
        return new OutboundSend(m.getMessageId(), m.getProject(), m.getSenderId(), m.getRecipient(), m.getCategory().name(),
                m.getCampaignId(), m.getPriority(), m.getText() == null ? null : m.getText().getBody(),
                m.getText() != null && m.getText().getPreviewUrl(),
                t == null ? null : new OutboundSend.Template(t.getName(), t.getLanguage(), t.getBodyParameters(), t.getHeaderText(),
                        t.getButtons().stream().map(b -> new OutboundSend.Button(b.getIndex(), b.getSubType(), b.getValue())).toList()),
                m.getNotBefore(), m.getExpiresAt(), m.getOccurredAt());
    }

    public MessageStatusChanged submitted(OutboundSend send, SendOutcome.Accepted accepted, Instant at) {
        return base(send, MessageStatus.SUBMITTED, at).setWamid(accepted.wamid()).build();
    }

    public MessageStatusChanged failed(OutboundSend send, SendOutcome.Refused refused, String reason, Instant at) {
        return base(send, MessageStatus.FAILED, at).setReason(reason).setErrorCode(refused.errorCode())
                .setErrorTitle(refused.title()).setErrorDetails(refused.details()).build();
    }

    public MessageStatusChanged expired(OutboundSend send, Instant at) {
        return base(send, MessageStatus.EXPIRED, at).setReason("TTL_PASSED").build();
    }

    public MessageStatusChanged stopped(OutboundSend send, String status, String reason, Instant at) {
        return base(send, MessageStatus.valueOf(status), at).setReason(reason).build();
    }

    public MessageStatusChanged deferred(OutboundSend send, Instant until, String reason, Instant at) {
        return base(send, MessageStatus.DEFERRED, at).setReason(reason).setDeferredUntil(until).build();
    }

    public MessageStatusChanged unknown(String messageId, String senderId, String recipient, String category, Instant at) {
        return MessageStatusChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(at).setStatusAt(at)
                .setMessageId(messageId).setStatus(MessageStatus.UNKNOWN).setSource(EventSource.DISPATCH)
                .setSenderId(senderId).setRecipient(recipient)
                .setCategory(category == null ? null : Category.valueOf(category)).setReason("NO_ANSWER_IN_TIME").build();
    }

    private static MessageStatusChanged.Builder base(OutboundSend send, MessageStatus status, Instant at) {
        return MessageStatusChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(at).setStatusAt(at)
                .setMessageId(send.messageId()).setStatus(status).setSource(EventSource.DISPATCH)
                .setProject(send.project()).setSenderId(send.senderId()).setRecipient(send.recipient())
                .setCategory(Category.valueOf(send.category())).setCampaignId(send.campaignId());
    }
}
