package dev.safesend.analytics.service;

import dev.safesend.analytics.domain.MessageTimeline;
import dev.safesend.analytics.domain.StatusEvent;
import dev.safesend.analytics.repository.MessageTimelineRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Keeps each message's timeline and current status. */
@ApplicationScoped
public class MessageTimelineService {

    /** What happened to one event. */
    public enum Outcome { RECORDED, DUPLICATE, NOT_OURS }

    private final MessageTimelineRepository repository;

    public MessageTimelineService(MessageTimelineRepository repository) {
        this.repository = repository;
    }

    public Outcome record(StatusEvent event) {
        if (event.messageId() == null) {
            return Outcome.NOT_OURS; // a Meta status without our callback data: nothing to attach it to
        }
        return repository.record(event) ? Outcome.RECORDED : Outcome.DUPLICATE;
    }

    public Optional<MessageTimeline> find(String messageId) {
        return repository.find(messageId);
    }
}
