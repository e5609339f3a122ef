package dev.safesend.consent.service;

import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.CategoryConsent;
import dev.safesend.consent.domain.ConsentChange;
import dev.safesend.consent.domain.ConsentRules;
import dev.safesend.consent.domain.ConsentState;
import dev.safesend.consent.domain.Evidence;
import dev.safesend.consent.domain.Masking;
import dev.safesend.consent.domain.PhoneHasher;
import dev.safesend.consent.domain.Identity;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /** A change that came through no business number (the API, an admin, an import): {@link #change(String, String, Map, Evidence, String, String)}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Result change(String phone, String project, Map<Category, ConsentState> requested, Evidence evidence, String actor) {
        return change(phone, project, requested, evidence, actor, null);
    }

    /**
     * Sets the requested categories of one phone in one project.
     * An erased number is only re-created by an opt-in whose evidence is newer than the erasure; otherwise the
     * request is refused ({@code suppressed}) and nothing about the number is stored. The outbox entry carries
     * {@code senderId} (the business number the change came through, or null) and the categories the change opted out.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Result change(String phone, String project, Map<Category, ConsentState> requested, Evidence evidence, String actor,
                         String senderId) {
        return record(phone, project, requested, evidence, actor, senderId, true);
    }

    /**
     * Records, as this contact's, a state another contact held (an identity merge): a ledger entry like any change,
     * but no decision of the person's, so it reports no opt-out (theirs was reported when they made it).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Result adopt(String phone, String project, Map<Category, ConsentState> requested, Evidence evidence, String actor) {
        return record(phone, project, requested, evidence, actor, null, false);
    }

    private Result record(String phone, String project, Map<Category, ConsentState> requested, Evidence evidence, String actor,
                          String senderId, boolean reportsOptOuts) {
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
            contacts.ensure(phone, Identity.ofAddress(phone).region(), project);
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
        Set<Category> optedOut = reportsOptOuts ? ConsentRules.optedOut(current, requested, evidence) : Set.of();
        long version = contacts.nextVersion(phone);
        consents.apply(changes, Collections.nCopies(changes.size(), version), actor);
        outbox.consentChanged(phone, project, evidence.source().name(), version, false, senderId, optedOut);
        outboxWritten.fire(new OutboxWritten(1));
        changes.forEach(c -> metrics.counter(ConsentMetrics.CHANGES_RECORDED, "source", c.evidence().source().name(),
                "state", c.state().name()).increment());
        Log.infof("consent of %s in %s changed to %s by %s (version %d)", Masking.phone(phone), project,
                changes.stream().map(c -> c.category() + "=" + c.state()).toList(), evidence.source(), version);
        return new Result(decisions, version, false);
    }

    /**
     * One person's change in a {@link #changeMany} batch: the categories to set in {@code project}, or, when
     * {@code everywhere}, in every project the phone has consent in and in {@code project}; {@code senderId}: the
     * business number it came through, or null.
     */
    public record Request(String phone, String project, boolean everywhere, Map<Category, ConsentState> states,
                          Evidence evidence, String actor, String senderId) {
    }

    /**
     * Applies many people's changes at once, as {@link #change} and {@link #revokeEverywhere} would one by one, in a
     * handful of statements whatever their number (a burst of STOPs): contacts locked in phone order, their projects
     * and current states read in one go, every change appended and set from arrays, versions drawn together, one
     * outbox row per phone and project. The phones must be distinct. A phone without a contact (it may be an erased
     * number, whose suppression must be checked) goes through {@link #change} on its own.
     *
     * @return per request, in order, its results (one per project it touched)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<List<Result>> changeMany(List<Request> requests) {
        List<List<Result>> results = new ArrayList<>(requests.size());
        requests.forEach(r -> results.add(new ArrayList<>()));
        Set<String> known = contacts.lock(requests.stream().map(Request::phone).toList());
        Map<String, List<String>> projectsOf = consents.projectsOfMany(requests.stream().filter(Request::everywhere)
                .map(Request::phone).filter(known::contains).toList());
        // (request, project) pairs of the known phones, and their current states, read per project
        List<Integer> pairRequest = new ArrayList<>();
        List<String> pairProjects = new ArrayList<>();
        Map<String, Set<String>> phonesByProject = new java.util.TreeMap<>();
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            if (!known.contains(r.phone())) {
                results.get(i).addAll(r.everywhere()
                        ? revokeEverywhere(r.phone(), r.states().keySet(), r.evidence(), r.actor(), r.project(), r.senderId())
                        : List.of(change(r.phone(), r.project(), r.states(), r.evidence(), r.actor(), r.senderId())));
                continue;
            }
            Set<String> projects = new LinkedHashSet<>(r.everywhere() ? projectsOf.getOrDefault(r.phone(), List.of()) : List.of());
            projects.add(r.project());
            for (String project : projects) {
                pairRequest.add(i);
                pairProjects.add(project);
                phonesByProject.computeIfAbsent(project, k -> new LinkedHashSet<>()).add(r.phone());
            }
        }
        Map<String, Map<String, Map<Category, CategoryConsent>>> current = new HashMap<>();
        phonesByProject.forEach((project, phones) -> current.put(project, consents.currentOfMany(project, phones)));
        List<ConsentChange> changes = new ArrayList<>();
        List<String> actors = new ArrayList<>();
        List<Integer> changePair = new ArrayList<>();
        List<Map<Category, ConsentRules.Decision>> decisions = new ArrayList<>();
        List<Set<Category>> optedOut = new ArrayList<>(); // per pair
        int changedPairs = 0;
        for (int p = 0; p < pairRequest.size(); p++) {
            Request r = requests.get(pairRequest.get(p));
            String project = pairProjects.get(p);
            Map<Category, CategoryConsent> now = current.get(project).get(r.phone());
            Map<Category, ConsentRules.Decision> decided = new EnumMap<>(Category.class);
            int before = changes.size();
            int pair = p;
            r.states().forEach((category, state) -> {
                CategoryConsent held = now == null ? CategoryConsent.unknown(category) : now.get(category);
                ConsentRules.Decision d = ConsentRules.decide(held, state, r.evidence());
                decided.put(category, d);
                if (d == ConsentRules.Decision.APPLY) {
                    changes.add(new ConsentChange(r.phone(), project, category, state, r.evidence()));
                    actors.add(r.actor());
                    changePair.add(pair);
                } else if (d != ConsentRules.Decision.UNCHANGED) {
                    metrics.counter(ConsentMetrics.CHANGES_REJECTED, "reason", d.name().toLowerCase(java.util.Locale.ROOT)).increment();
                }
            });
            decisions.add(decided);
            optedOut.add(ConsentRules.optedOut(now == null ? Map.of() : now, r.states(), r.evidence()));
            if (changes.size() > before) {
                changedPairs++;
            }
        }
        long[] drawn = contacts.nextVersions(changedPairs);
        long[] pairVersion = new long[pairRequest.size()];
        List<Long> versions = new ArrayList<>(changes.size());
        int next = 0;
        for (int c = 0; c < changes.size(); c++) {
            int p = changePair.get(c);
            if (pairVersion[p] == 0) {
                pairVersion[p] = drawn[next++];
            }
            versions.add(pairVersion[p]);
        }
        consents.apply(changes, versions, actors);
        Map<String, Long> contactVersions = new java.util.TreeMap<>();
        Map<List<String>, List<Integer>> outboxGroups = new LinkedHashMap<>(); // project, source → pairs
        for (int p = 0; p < pairRequest.size(); p++) {
            Request r = requests.get(pairRequest.get(p));
            results.get(pairRequest.get(p)).add(new Result(decisions.get(p), pairVersion[p], false));
            if (pairVersion[p] > 0) {
                contactVersions.merge(r.phone(), pairVersion[p], Math::max);
                outboxGroups.computeIfAbsent(List.of(pairProjects.get(p), r.evidence().source().name()), k -> new ArrayList<>()).add(p);
            }
        }
        contacts.setVersions(new ArrayList<>(contactVersions.keySet()), new ArrayList<>(contactVersions.values()));
        outboxGroups.forEach((key, group) -> outbox.consentChanged(group.stream().map(p -> requests.get(pairRequest.get(p)).phone()).toList(),
                key.get(0), key.get(1), group.stream().mapToLong(p -> pairVersion[p]).toArray(), false,
                group.stream().map(p -> requests.get(pairRequest.get(p)).senderId()).toList(), group.stream().map(optedOut::get).toList()));
        if (!changes.isEmpty()) {
            outboxWritten.fire(new OutboxWritten(changedPairs));
        }
        for (ConsentChange c : changes) {
            metrics.counter(ConsentMetrics.CHANGES_RECORDED, "source", c.evidence().source().name(), "state", c.state().name()).increment();
        }
        for (int p = 0; p < pairRequest.size(); p++) {
            if (pairVersion[p] > 0) {
                Request r = requests.get(pairRequest.get(p));
                Log.infof("consent of %s in %s changed to %s by %s (version %d)", Masking.phone(r.phone()), pairProjects.get(p),
                        decisions.get(p).entrySet().stream().filter(e -> e.getValue() == ConsentRules.Decision.APPLY)
                                .map(e -> e.getKey() + "=" + r.states().get(e.getKey())).toList(), r.evidence().source(), pairVersion[p]);
            }
        }
        return results;
    }

    /**
     * Opts a phone out of the categories in every project it has consent in, and in {@code alsoIn}: one outbox entry
     * per project it changed, each with {@code senderId} and that project's opted-out categories.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Result> revokeEverywhere(String phone, Set<Category> categories, Evidence evidence, String actor, String alsoIn,
                                         String senderId) {
        Set<String> projects = new LinkedHashSet<>(consents.projectsOf(phone));
        projects.add(alsoIn);
        Map<Category, ConsentState> out = new EnumMap<>(Category.class);
        categories.forEach(c -> out.put(c, ConsentState.OPTED_OUT));
        List<Result> results = new ArrayList<>();
        for (String project : projects) {
            results.add(change(phone, project, out, evidence, actor, senderId));
        }
        return results;
    }

    private static Map<Category, ConsentRules.Decision> decided(Map<Category, ConsentState> requested, ConsentRules.Decision d) {
        Map<Category, ConsentRules.Decision> all = new EnumMap<>(Category.class);
        requested.keySet().forEach(c -> all.put(c, d));
        return all;
    }
}
