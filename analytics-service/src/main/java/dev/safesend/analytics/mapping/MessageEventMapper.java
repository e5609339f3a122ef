package dev.safesend.analytics.mapping;

import dev.safesend.analytics.domain.MessageStatus;
import dev.safesend.analytics.domain.StatusEvent;
import dev.safesend.schemas.message.MessageStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;

/** Avro message events → analytics' domain. */
@ApplicationScoped
public class MessageEventMapper {

    public StatusEvent toDomain(MessageStatusChanged e) {
        return new StatusEvent(e.getEventId(), e.getMessageId(), MessageStatus.valueOf(e.getStatus().name()), e.getStatusAt(),
                e.getSource().name(), e.getProject(), e.getSenderId(), e.getRecipient(),
                e.getCategory() == null ? null : e.getCategory().name(), e.getCampaignId(), e.getWamid(), e.getReason(),
                e.getErrorCode(), e.getErrorTitle(), e.getTemplateName(), e.getTemplateLanguage(), e.getClientReference(),
                e.getRecipientUserId());
    }
}
