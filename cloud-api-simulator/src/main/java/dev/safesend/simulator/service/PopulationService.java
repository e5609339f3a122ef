package dev.safesend.simulator.service;

import dev.safesend.simulator.domain.Addressee;
import dev.safesend.simulator.domain.DeliveryLifecycle;
import dev.safesend.simulator.domain.PairKey;
import dev.safesend.simulator.domain.PairReactions;
import dev.safesend.simulator.domain.Population;
import dev.safesend.simulator.domain.Recipient;
import dev.safesend.simulator.domain.RecipientBehaviour;
import dev.safesend.simulator.domain.UserDirectory;
import dev.safesend.simulator.domain.WhatsAppUser;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulated recipient population: which class a recipient is in, and what the recipients do
 * after a delivered message (reply, write STOP, block the number) when the time comes. Reactions run
 * on one daemon thread; a ledger reset forgets blocks and STOPs and drops reactions not yet due.
 */
@ApplicationScoped
public class PopulationService {

    /** The text a REPLY recipient answers with. */
    public static final String REPLY_TEXT = "Thanks, got it";
    /** What a STOP recipient writes. */
    public static final String STOP_TEXT = "STOP";

    private final AtomicReference<Population> population = new AtomicReference<>(Population.NONE);
    private final PairReactions reactions = new PairReactions();
    private final AtomicLong generation = new AtomicLong();
    private final UserDirectory users;
    private final InboundMessageService inbound;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    public PopulationService(UserDirectory users, InboundMessageService inbound, Clock clock) {
        this.users = users;
        this.inbound = inbound;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "population-reactions");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    public Population current() {
        return population.get();
    }

    public void replace(Population next) {
        population.set(next);
        Log.infof("Population replaced: %d segment(s)", next.segments().size());
    }

    public void clear() {
        population.set(Population.NONE);
        Log.info("Population cleared");
    }

    /** The class of whom a send reaches: by the user's phone, also when addressed by BSUID. */
    public RecipientBehaviour behaviourOf(Addressee to) {
        Population current = population.get();
        return current.isEmpty() || !to.known() ? RecipientBehaviour.DEFAULT : current.behaviourOf(to.phone());
    }

    /**
     * How a phone or a BSUID is classified: by the phone, or by the phone of the user who holds the
     * BSUID (empty when nobody holds it).
     */
    public Optional<Lookup> lookup(Recipient id) {
        Optional<WhatsAppUser> user = id.isUserId() ? users.findByUserId(id.userId()) : users.find(id.waId());
        if (id.isUserId() && user.isEmpty()) {
            return Optional.empty();
        }
        String phone = user.map(WhatsAppUser::phone).orElse(id.waId());
        String person = user.map(WhatsAppUser::key).orElse(phone);
        Population current = population.get();
        return Optional.of(new Lookup(phone, current, current.classify(phone), reactions.blockedBy(person),
                reactions.stopsWrittenBy(person)));
    }

    /** Whether the person blocked the business number. */
    public boolean blocked(String phoneNumberId, Addressee to) {
        return to.known() && reactions.isBlocked(new PairKey(phoneNumberId, to.personKey()));
    }

    /** Runs the recipient's reaction to message {@code wamid} from {@code phoneNumberId} when it falls due. */
    public void schedule(DeliveryLifecycle.PlannedReaction planned, String phoneNumberId, Addressee to, String wamid) {
        if (planned == null || !to.known()) {
            return;
        }
        long scheduledIn = generation.get();
        WhatsAppUser user = to.user();
        long delay = Math.max(0, Duration.between(clock.instant(), planned.at()).toMillis());
        scheduler.schedule(() -> react(scheduledIn, planned.reaction(), phoneNumberId, user, wamid), delay,
                TimeUnit.MILLISECONDS);
    }

    /** Forgets blocks and STOPs and drops reactions not yet run; the population itself is kept. */
    public void reset() {
        generation.incrementAndGet();
        reactions.reset();
    }

    private void react(long scheduledIn, DeliveryLifecycle.Reaction reaction, String phoneNumberId, WhatsAppUser user,
                       String wamid) {
        if (scheduledIn != generation.get()) {
            return;
        }
        try {
            // the person as they are now: still on that phone (a number change moves them, and reactions stay theirs)
            Optional<WhatsAppUser> now = users.find(user.phone()).filter(found -> found.key().equals(user.key()));
            if (now.isEmpty()) {
                return;
            }
            PairKey pair = new PairKey(phoneNumberId, user.key());
            switch (reaction) {
                case REPLY -> inbound.receive(now.get(), phoneNumberId, null, REPLY_TEXT, null, null, wamid);
                case WRITE_STOP -> {
                    if (reactions.recordStop(pair)) {
                        inbound.receive(now.get(), phoneNumberId, null, STOP_TEXT, null, null, null);
                    }
                }
                case BLOCK -> {
                    reactions.block(pair);
                    Log.infof("Simulated user %s blocked %s", Recipient.mask(user.phone()), phoneNumberId);
                }
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "Population reaction %s to %s failed", reaction, wamid);
        }
    }

    /**
     * A phone, the population it was looked up in, its classification, and the business numbers the
     * person has blocked and written "STOP" to so far.
     */
    public record Lookup(String phone, Population population, Population.Classification classification,
                         List<String> blocked, List<String> stopsWritten) {
    }
}
