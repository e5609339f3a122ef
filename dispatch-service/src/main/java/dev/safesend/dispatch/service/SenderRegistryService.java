package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.InvalidSenderException;
import dev.safesend.dispatch.domain.Sender;
import dev.safesend.dispatch.domain.SenderNotFoundException;
import dev.safesend.dispatch.repository.SenderRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Registers business numbers and pauses or resumes them (by an operator, or automatically on 131048/368/131031). */
@ApplicationScoped
public class SenderRegistryService {

    private final SenderRepository repository;

    public SenderRegistryService(SenderRepository repository) {
        this.repository = repository;
    }

    public Sender register(Sender sender) {
        var violations = sender.violations();
        if (!violations.isEmpty()) {
            throw new InvalidSenderException(violations);
        }
        repository.save(sender);
        Log.infof("registered senderId=%s project=%s pool=%s mps=%d", sender.senderId(), sender.project(), sender.pool(),
                sender.messagesPerSecond());
        return get(sender.senderId());
    }

    public Sender get(String senderId) {
        return repository.find(senderId).orElseThrow(() -> new SenderNotFoundException(senderId));
    }

    public Optional<Sender> find(String senderId) {
        return repository.find(senderId);
    }

    public List<Sender> page(String afterId, int limit) {
        return repository.page(afterId, limit);
    }

    public Sender pause(String senderId, String reason) {
        if (!repository.setState(senderId, Sender.State.PAUSED, reason == null || reason.isBlank() ? "paused by an operator" : reason)) {
            throw new SenderNotFoundException(senderId);
        }
        Log.infof("paused senderId=%s reason=%s", senderId, reason);
        return get(senderId);
    }

    public Sender resume(String senderId) {
        if (!repository.setState(senderId, Sender.State.ACTIVE, null)) {
            throw new SenderNotFoundException(senderId);
        }
        Log.infof("resumed senderId=%s", senderId);
        return get(senderId);
    }
}
