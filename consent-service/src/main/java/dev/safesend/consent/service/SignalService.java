package dev.safesend.consent.service;

import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.ConsentKeywords;
import dev.safesend.consent.domain.ConsentSource;
import dev.safesend.consent.domain.ConsentState;
import dev.safesend.consent.domain.DeliveryOutcome;
import dev.safesend.consent.domain.Evidence;
import dev.safesend.consent.domain.Identity;
import dev.safesend.consent.domain.InboundMessage;
import dev.safesend.consent.domain.KeywordIntent;
import dev.safesend.consent.domain.KeywordMatch;
import dev.safesend.consent.domain.Masking;
import dev.safesend.consent.domain.UserPreference;
import dev.safesend.consent.repository.ContactRepository;
import dev.safesend.consent.repository.OutboxRepository;
import dev.safesend.consent.repository.ProcessedEventRepository;
import dev.safesend.servicekit.identity.InvalidPhoneNumberException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Consent signals from people and from Meta: STOP/START keywords and opt-out buttons in inbound messages, Meta's
 * user_preferences stop/resume, and 131050 failures. Each event is applied once (processed_event, same transaction).
 */
@ApplicationScoped
public class SignalService {

    /** What an event did. */
    public enum Outcome { OPTED_OUT, OPTED_IN, RECORDED, NOT_A_SIGNAL, DUPLICATE }

    static final String INBOUND_TOPIC = "wa.inbound-messages.v1";
    static final String ACCOUNT_TOPIC = "wa.account-events.v1";
    static final String MESSAGE_TOPIC = "wa.message-events.v1";

    private final ConsentService ledger;
    private final ContactIdentities identities;
    private final ContactRepository contacts;
    private final ProcessedEventRepository processed;
    private final OutboxRepository outbox;
    private final ConsentKeywords keywords;
    private final ProjectResolver projects;
    private final Event<OutboxWritten> outboxWritten;
    private final MeterRegistry metrics;

    public SignalService(ConsentService ledger, ContactIdentities identities, ContactRepository contacts, ProcessedEventRepository processed,
                         OutboxRepository outbox, ConsentKeywords keywords, ProjectResolver projects,
                         Event<OutboxWritten> outboxWritten, MeterRegistry metrics) {
        this.ledger = ledger;
        this.identities = identities;
        this.contacts = contacts;
        this.processed = processed;
        this.outbox = outbox;
        this.keywords = keywords;
        this.projects = projects;
        this.outboxWritten = outboxWritten;
        this.metrics = metrics;
    }

    /**
     * An opt-out keyword opts the writer out of every business-initiated category (in the project of the business
     * number, or in every project when the number belongs to none); an opt-in keyword opts them back in with the
     * message as evidence. Either way a short confirmation is requested (SERVICE: the user just wrote).
     */
    @Transactional
    public Outcome onInbound(InboundMessage m) {
        return onInbound(List.of(m)).get(0);
    }

    /**
     * A batch of inbound messages (what one poll returned) applied in order, in one transaction and a handful of
     * statements whatever its size: a burst of STOPs costs what one costs, not a thousand times that. Redeliveries
     * are found in one insert, every writer's inbound time is recorded in one update, the keyword changes of distinct
     * people go through {@link ConsentService#changeMany}, the confirmations in one outbox write. A person's second
     * keyword in the same batch waits for their first, so each person's messages keep their order. A message the batch
     * cannot hold (its own fault, not the database's) rolls the whole batch back; the caller then applies the messages
     * one at a time to set that one apart.
     */
    @Transactional
    public List<Outcome> onInbound(List<InboundMessage> batch) {
        Set<String> fresh = processed.firstTimes(batch.stream().map(InboundMessage::eventId).toList(), INBOUND_TOPIC);
        Outcome[] outcomes = new Outcome[batch.size()];
        // who wrote: every fresh message's contact key, linking the phone and BSUID it names (one read, one insert)
        List<InboundMessage> writers = batch.stream().filter(m -> fresh.contains(m.eventId())).toList();
        List<Identity> writerIdentities = writers.stream().map(InboundMessage::identity).toList();
        List<String> writerKeys = identities.resolveMany(writerIdentities);
        Map<String, String> keyOfEvent = new java.util.HashMap<>();
        Map<String, Identity> identityOfEvent = new java.util.HashMap<>();
        for (int i = 0; i < writers.size(); i++) {
            keyOfEvent.put(writers.get(i).eventId(), writerKeys.get(i));
            identityOfEvent.put(writers.get(i).eventId(), writerIdentities.get(i));
        }
        List<Read> first = new ArrayList<>();      // the first keyword of each person in the batch
        List<Read> later = new ArrayList<>();      // anyone's further keywords, in order
        Set<String> signalled = new HashSet<>();
        Map<String, InboundMessage> touched = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            InboundMessage m = batch.get(i);
            if (!fresh.remove(m.eventId())) {
                outcomes[i] = Outcome.DUPLICATE;
                continue;
            }
            if (m.changesNumber()) {
                identities.moveTo(identityOfEvent.get(m.eventId()), m.newPhone(), m.newUserId());
                outcomes[i] = Outcome.RECORDED;
                continue;
            }
            Read r = read(m, i, keyOfEvent.get(m.eventId()), identityOfEvent.get(m.eventId()).preferredKey());
            touched.merge(r.phone(), m, (a, b) -> a.receivedAt().isAfter(b.receivedAt()) ? a : b);
            if (r.match().isEmpty()) {
                outcomes[i] = Outcome.NOT_A_SIGNAL;
            } else if (signalled.add(r.phone())) {
                first.add(r);
            } else {
                later.add(r);
            }
        }
        ledger.changeMany(first.stream().map(this::request).toList());
        for (Read r : later) {
            apply(r);
        }
        List<String> phones = new ArrayList<>(touched.keySet());
        contacts.touchInboundMany(phones, phones.stream().map(p -> touched.get(p).receivedAt()).toList(),
                phones.stream().map(p -> touched.get(p).waId()).toList(), phones.stream().map(p -> touched.get(p).profileName()).toList());
        List<Read> signals = new ArrayList<>(first);
        signals.addAll(later);
        Map<String, String> languages = contacts.languages(signals.stream().map(Read::phone).toList());
        outbox.replies(signals.stream().map(Read::replyTo).toList(), signals.stream().map(Read::project).toList(),
                signals.stream().map(r -> "consent-reply-" + r.message().eventId()).toList(),
                signals.stream().map(r -> keywords.reply(r.match().get(), languages.get(r.phone()))).toList());
        if (!signals.isEmpty()) {
            outboxWritten.fire(new OutboxWritten(signals.size()));
        }
        for (Read r : signals) {
            outcomes[r.index()] = signalled(r);
        }
        return List.of(outcomes);
    }

    /** What an inbound message says, before anything is stored: its writer, project and keyword, if any. */
    private record Read(InboundMessage message, int index, String phone, String replyTo, String project, boolean mapped,
                        Optional<KeywordMatch> match) {
    }

    /** {@code key}: the writer's contact key (their consent); {@code replyTo}: the address they wrote from. */
    private Read read(InboundMessage m, int index, String key, String replyTo) {
        Optional<String> mapped = projects.ofSender(m.senderId());
        String project = mapped.orElse(projects.defaultProject());
        return new Read(m, index, key, replyTo, project, mapped.isPresent(), keywords.match(project, m.text(), m.buttonPayload()));
    }

    /**
     * An opt-out keyword opts the writer out of every business-initiated category in the project of the business number,
     * or in every project when the number belongs to none; an opt-in keyword opts them back in, with the message as
     * evidence.
     */
    private ConsentService.Request request(Read r) {
        KeywordMatch k = r.match().orElseThrow();
        InboundMessage m = r.message();
        Evidence evidence = new Evidence(ConsentSource.KEYWORD, m.receivedAt(),
                "keyword '" + k.keyword() + "' in message " + m.wamid() + " to sender " + m.senderId());
        boolean out = k.intent() == KeywordIntent.OPT_OUT;
        return new ConsentService.Request(r.phone(), r.project(), out && !r.mapped(), all(out ? ConsentState.OPTED_OUT : ConsentState.OPTED_IN),
                evidence, "keyword:" + m.wamid(), m.senderId());
    }

    /** One person's further keyword in a batch, on its own, after their first. */
    private void apply(Read r) {
        ConsentService.Request q = request(r);
        if (q.everywhere()) {
            ledger.revokeEverywhere(q.phone(), q.states().keySet(), q.evidence(), q.actor(), q.project(), q.senderId());
        } else {
            ledger.change(q.phone(), q.project(), q.states(), q.evidence(), q.actor(), q.senderId());
        }
    }

    private Outcome signalled(Read r) {
        KeywordMatch k = r.match().orElseThrow();
        metrics.counter(ConsentMetrics.KEYWORDS_MATCHED, "intent", k.intent().name().toLowerCase(java.util.Locale.ROOT)).increment();
        Log.infof("keyword %s from %s on sender %s (message %s)", k.intent(), Masking.phone(r.phone()), r.message().senderId(),
                r.message().wamid());
        return k.intent() == KeywordIntent.OPT_OUT ? Outcome.OPTED_OUT : Outcome.OPTED_IN;
    }

    /** Meta's user_preferences: stop → marketing opt-out, resume → marketing opt-in; other categories and values are not consent. */
    @Transactional
    public Outcome onUserPreference(UserPreference p) {
        boolean stop = "stop".equalsIgnoreCase(p.value());
        boolean resume = "resume".equalsIgnoreCase(p.value());
        Identity who = p.identity();
        if (!UserPreference.MARKETING.equalsIgnoreCase(p.category()) || !(stop || resume) || who == null) {
            return Outcome.NOT_A_SIGNAL;
        }
        if (!processed.firstTime(p.eventId(), ACCOUNT_TOPIC)) {
            return Outcome.DUPLICATE;
        }
        String phone = identities.resolve(who);
        Optional<String> mapped = projects.ofSender(p.senderId()).or(() -> projects.ofSender(p.wabaId()));
        String project = mapped.orElse(projects.defaultProject());
        Evidence evidence = new Evidence(ConsentSource.USER_PREFERENCES, p.at(), "Meta user_preferences " + p.value()
                + " (event " + p.eventId() + ", WABA " + p.wabaId() + ")");
        String actor = "meta:user_preferences";
        if (stop) {
            if (mapped.isPresent()) {
                ledger.change(phone, project, Map.of(Category.MARKETING, ConsentState.OPTED_OUT), evidence, actor, p.senderId());
            } else {
                ledger.revokeEverywhere(phone, EnumSet.of(Category.MARKETING), evidence, actor, project, p.senderId());
            }
            return Outcome.OPTED_OUT;
        }
        ledger.change(phone, project, Map.of(Category.MARKETING, ConsentState.OPTED_IN), evidence, actor, p.senderId());
        return Outcome.OPTED_IN;
    }

    /** A 131050 failure is a marketing opt-out (META_131050); a SENT status is the contact's "last contacted" time. */
    @Transactional
    public Outcome onDelivery(DeliveryOutcome d) {
        if (d.recipient() == null || !(d.userStoppedMarketing() || d.reachedMeta())) {
            return Outcome.NOT_A_SIGNAL;
        }
        Identity who;
        try {
            who = d.identity();
        } catch (InvalidPhoneNumberException e) {
            return Outcome.NOT_A_SIGNAL;
        }
        if (d.reachedMeta()) {
            // a phone send's status names the BSUID too: link them (a read when already linked)
            String key = who.phone() != null && who.bsuid() != null ? identities.resolve(who) : who.preferredKey();
            contacts.touchContacted(key, d.at());
            return Outcome.RECORDED;
        }
        String phone = identities.resolve(who);
        if (!processed.firstTime(d.eventId(), MESSAGE_TOPIC)) {
            return Outcome.DUPLICATE;
        }
        Evidence evidence = new Evidence(ConsentSource.META_131050, d.at(), "message " + d.messageId() + " failed with 131050");
        if (d.project() != null) {
            ledger.change(phone, d.project(), Map.of(Category.MARKETING, ConsentState.OPTED_OUT), evidence, "meta:131050", d.senderId());
        } else {
            ledger.revokeEverywhere(phone, EnumSet.of(Category.MARKETING), evidence, "meta:131050", projects.defaultProject(), d.senderId());
        }
        return Outcome.OPTED_OUT;
    }

    private static Map<Category, ConsentState> all(ConsentState state) {
        Map<Category, ConsentState> m = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            m.put(c, state);
        }
        return m;
    }
}
