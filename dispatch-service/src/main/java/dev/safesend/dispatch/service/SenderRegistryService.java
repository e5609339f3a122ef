package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.InvalidSenderException;
import dev.safesend.dispatch.domain.Sender;
import dev.safesend.dispatch.domain.SenderNotFoundException;
import dev.safesend.dispatch.domain.SenderHealth;
import dev.safesend.dispatch.repository.DeferralRepository;
import dev.safesend.dispatch.repository.ProjectionRepository;
import dev.safesend.dispatch.repository.SenderRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registers business numbers and pauses or resumes them (by an operator, or automatically on 131048/368/131031), and
 * shows the health decision dispatch applies to each.
 */
@ApplicationScoped
public class SenderRegistryService {

    private final SenderRepository repository;
    private final ProjectionRepository projections;
    private final DeferralRepository deferrals;
    private final Clock clock = Clock.systemUTC();

    public SenderRegistryService(SenderRepository repository, ProjectionRepository projections, DeferralRepository deferrals) {
        this.repository = repository;
        this.projections = projections;
        this.deferrals = deferrals;
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

    /** A page of the senders of {@code projects} (null: every project). */
    public List<Sender> page(String afterId, int limit, List<String> projects) {
        return repository.page(afterId, limit, projects);
    }

    /** An operator's pause: it holds every message of the number until an operator resumes it; health records never lift it. */
    public Sender pause(String senderId, String reason) {
        if (!repository.setState(senderId, Sender.State.PAUSED, reason == null || reason.isBlank() ? "paused by an operator" : reason,
                clock.instant())) {
            throw new SenderNotFoundException(senderId);
        }
        Log.infof("paused senderId=%s by an operator reason=%s", senderId, reason);
        return get(senderId);
    }

    /**
     * Dispatch's own pause on Meta's 131048/368/131031, taken at once (fast path). health-monitor owns the number's
     * state from then on: its first decision taken after this pause lifts it ({@link ProjectionService#applySenderHealth}).
     * A number an operator has paused stays paused by the operator.
     */
    public Sender pauseAutomatically(String senderId, String reason) {
        if (!repository.pauseAutomatically(senderId, reason, clock.instant())) {
            Sender current = get(senderId);
            Log.infof("senderId=%s stays paused by an operator (automatic pause for %s not recorded)", senderId, reason);
            return current;
        }
        Log.infof("paused senderId=%s automatically reason=%s; health-monitor's next decision replaces the pause", senderId, reason);
        return get(senderId);
    }

    /** Lifts any pause (an operator's or an automatic one); the number's held messages are looked at again at once. */
    public Sender resume(String senderId) {
        if (!repository.setState(senderId, Sender.State.ACTIVE, null, clock.instant())) {
            throw new SenderNotFoundException(senderId);
        }
        int released = deferrals.releaseSenderHold(senderId, clock.instant());
        Log.infof("resumed senderId=%s; %d held messages released", senderId, released);
        return get(senderId);
    }

    /** health-monitor's current decision on the number, as dispatch applies it; empty when none received. */
    public Optional<SenderHealth> health(String senderId) {
        return projections.senderHealth(senderId);
    }

    /** The decisions on several numbers (those without one are absent). */
    public Map<String, SenderHealth> health(Collection<String> senderIds) {
        return projections.senderHealth(senderIds);
    }
}
