package dev.safesend.analytics.service;

import dev.safesend.analytics.domain.MessageTimeline;
import dev.safesend.analytics.domain.StatusEvent;
import dev.safesend.analytics.repository.MessageTimelineRepository;
import dev.safesend.servicekit.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

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

    /** A passing database error is retried with backoff before the event is given up to the dead-letter topic. */
    @Retry(maxRetries = 5, delay = 200, jitter = 100, retryOn = StoreUnavailableException.class)
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
