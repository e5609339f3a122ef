package dev.safesend.consent.service;

import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.CategoryConsent;
import dev.safesend.consent.domain.ConsentChange;
import dev.safesend.consent.domain.ConsentRules;
import dev.safesend.consent.domain.ConsentState;
import dev.safesend.consent.domain.Evidence;
import dev.safesend.consent.domain.Masking;
import dev.safesend.consent.domain.PhoneHasher;
import dev.safesend.consent.domain.PhoneNumbers;
import dev.safesend.consent.repository.ConsentRepository;
import dev.safesend.consent.repository.ContactRepository;
import dev.safesend.consent.repository.OutboxRepository;
import dev.safesend.consent.repository.SuppressionRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The consent ledger: every grant and revoke goes through here, in the caller's transaction. A change that applies is
 * appended to the history, sets the current state, draws a new contact version and writes an outbox entry, all in
 * that one transaction, so a change is never published without being stored nor stored without being published.
 */
@ApplicationScoped
public class ConsentService {

    /** What a request did, per category, and the contact's version after it (0 when nothing changed). */
    public record Result(Map<Category, ConsentRules.Decision> decisions, long version, boolean suppressed) {

        public boolean changed() {
            return version > 0;
        }

        public boolean rejected() {
            return suppressed || decisions.values().stream().anyMatch(d -> d.name().startsWith("REJECTED"));
        }
    }

    private final ContactRepository contacts;
    private final ConsentRepository consents;
    private final OutboxRepository outbox;
    private final SuppressionRepository suppression;
    private final PhoneHasher hasher;
    private final Event<OutboxWritten> outboxWritten;
    private final MeterRegistry metrics;

    public ConsentService(ContactRepository contacts, ConsentRepository consents, OutboxRepository outbox,
                          SuppressionRepository suppression, PhoneHasher hasher, Event<OutboxWritten> outboxWritten,
                          MeterRegistry metrics) {
        this.contacts = contacts;
        this.consents = consents;
        this.outbox = outbox;
        this.suppression = suppression;
        this.hasher = hasher;
        this.outboxWritten = outboxWritten;
        this.metrics = metrics;
    }

    /**
     * Sets the requested categories of one phone in one project.
     * An erased number is only re-created by an opt-in whose evidence is newer than the erasure; otherwise the
     * request is refused ({@code suppressed}) and nothing about the number is stored.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Result change(String phone, String project, Map<Category, ConsentState> requested, Evidence evidence, String actor) {
        if (contacts.find(phone).isEmpty()) {
            Optional<Instant> erasedAt = suppression.erasedAt(hasher.hash(phone));
            if (erasedAt.isPresent()) {
                boolean grants = requested.containsValue(ConsentState.OPTED_IN);
                if (!grants) {
                    return new Result(decided(requested, ConsentRules.Decision.UNCHANGED), 0, false);
                }
                if (evidence.proof() == null || !evidence.at().isAfter(erasedAt.get())) {
                    metrics.counter(ConsentMetrics.CHANGES_REJECTED, "reason", "erased_number").increment();
                    return new Result(decided(requested, ConsentRules.Decision.REJECTED_NO_EVIDENCE), 0, true);
                }
            }
            contacts.ensure(phone, PhoneNumbers.normalise(phone).region(), project);
        }
        contacts.lock(List.of(phone));
        Map<Category, CategoryConsent> current = consents.current(phone, project);
        Map<Category, ConsentRules.Decision> decisions = new EnumMap<>(Category.class);
        List<ConsentChange> changes = new ArrayList<>();
        requested.forEach((category, state) -> {
            ConsentRules.Decision d = ConsentRules.decide(current.get(category), state, evidence);
            decisions.put(category, d);
            if (d == ConsentRules.Decision.APPLY) {
                changes.add(new ConsentChange(phone, project, category, state, evidence));
            } else if (d != ConsentRules.Decision.UNCHANGED) {
                metrics.counter(ConsentMetrics.CHANGES_REJECTED, "reason", d.name().toLowerCase(java.util.Locale.ROOT)).increment();
            }
        });
        if (changes.isEmpty()) {
            return new Result(decisions, 0, false);
        }
        long version = contacts.nextVersion(phone);
        consents.apply(changes, Collections.nCopies(changes.size(), version), actor);
        outbox.consentChanged(phone, project, evidence.source().name(), version, false);
        outboxWritten.fire(new OutboxWritten(1));
        changes.forEach(c -> metrics.counter(ConsentMetrics.CHANGES_RECORDED, "source", c.evidence().source().name(),
                "state", c.state().name()).increment());
        Log.infof("consent of %s in %s changed to %s by %s (version %d)", Masking.phone(phone), project,
                changes.stream().map(c -> c.category() + "=" + c.state()).toList(), evidence.source(), version);
        return new Result(decisions, version, false);
    }

    /** Opts a phone out of the categories in every project it has consent in, and in {@code alsoIn}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Result> revokeEverywhere(String phone, Set<Category> categories, Evidence evidence, String actor, String alsoIn) {
        Set<String> projects = new LinkedHashSet<>(consents.projectsOf(phone));
        projects.add(alsoIn);
        Map<Category, ConsentState> out = new EnumMap<>(Category.class);
        categories.forEach(c -> out.put(c, ConsentState.OPTED_OUT));
        List<Result> results = new ArrayList<>();
        for (String project : projects) {
            results.add(change(phone, project, out, evidence, actor));
        }
        return results;
    }

    private static Map<Category, ConsentRules.Decision> decided(Map<Category, ConsentState> requested, ConsentRules.Decision d) {
        Map<Category, ConsentRules.Decision> all = new EnumMap<>(Category.class);
        requested.keySet().forEach(c -> all.put(c, d));
        return all;
    }
}
