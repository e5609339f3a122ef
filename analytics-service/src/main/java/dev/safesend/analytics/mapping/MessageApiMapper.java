package dev.safesend.analytics.mapping;

import dev.safesend.analytics.domain.MessageTimeline;
import dev.safesend.analytics.rest.MessageView;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** analytics' domain → REST views. */
@ApplicationScoped
public class MessageApiMapper {

    public MessageView toView(MessageTimeline t) {
        return new MessageView(t.messageId(), t.status().name(), t.project(), t.senderId(), t.recipient(), t.recipientUserId(),
                t.category(), t.campaignId(), t.clientReference(), t.wamid(), t.firstAt(), t.updatedAt(),
                t.steps().isEmpty() ? null : t.steps().stream().map(s -> new MessageView.Step(s.status().name(), s.at(), s.source(),
                        s.reason(), s.errorCode(), s.errorTitle())).toList());
    }

    public MessageView.Page toPage(List<MessageTimeline> timelines) {
        return new MessageView.Page(timelines.stream().map(this::toView).toList());
    }
}
