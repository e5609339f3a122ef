package dev.safesend.analytics.mapping;

import dev.safesend.analytics.domain.MessageTimeline;
import dev.safesend.analytics.rest.MessageView;
import jakarta.enterprise.context.ApplicationScoped;

/** analytics' domain → REST views. */
@ApplicationScoped
public class MessageApiMapper {

    public MessageView toView(MessageTimeline t) {
        return new MessageView(t.messageId(), t.status().name(), t.project(), t.senderId(), t.recipient(), t.category(),
                t.campaignId(), t.wamid(), t.updatedAt(),
                t.steps().stream().map(s -> new MessageView.Step(s.status().name(), s.at(), s.source(), s.reason(),
                        s.errorCode(), s.errorTitle())).toList());
    }
}
