package dev.safesend.consent.service;

import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.ConsentRules;
import dev.safesend.consent.domain.ConsentSnapshot;
import dev.safesend.consent.domain.ConsentSource;
import dev.safesend.consent.domain.ConsentState;
import dev.safesend.consent.domain.Contact;
import dev.safesend.consent.domain.ContactDetails;
import dev.safesend.consent.domain.Evidence;
import dev.safesend.consent.domain.LedgerEntry;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Contacts for the REST API: look up, save, consent by API or admin, GDPR export and erase. */
@ApplicationScoped
public class ContactService {

    /** Everything held about a number. */
    public record Export(String phone, Optional<Contact> contact, Map<String, Map<Category, ConsentState>> consent,
                         List<LedgerEntry> history, Optional<Instant> erasedAt, Instant exportedAt) {
    }

    private final ContactRepository contacts;
    private final ConsentRepository consents;
    private final SuppressionRepository suppression;
    private final OutboxRepository outbox;
    private final ConsentService ledger;
    private final PhoneHasher hasher;
    private final ProjectResolver projects;
    private final Event<OutboxWritten> outboxWritten;
    private final MeterRegistry metrics;

    public ContactService(ContactRepository contacts, ConsentRepository consents, SuppressionRepository suppression,
                          OutboxRepository outbox, ConsentService ledger, PhoneHasher hasher, ProjectResolver projects,
                          Event<OutboxWritten> outboxWritten, MeterRegistry metrics) {
        this.contacts = contacts;
        this.consents = consents;
        this.suppression = suppression;
        this.outbox = outbox;
        this.ledger = ledger;
        this.hasher = hasher;
        this.projects = projects;
        this.outboxWritten = outboxWritten;
        this.metrics = metrics;
    }

    @Transactional
    public Optional<Contact> find(String phone) {
        return contacts.find(phone);
    }

    /** Current consent of every project of a phone. */
    @Transactional
    public Map<String, Map<Category, ConsentState>> consent(String phone) {
        return consents.allProjects(phone);
    }

    @Transactional
    public List<LedgerEntry> history(String phone) {
        return consents.history(phone);
    }

    /**
     * Creates or updates a contact. Creating an erased number needs a consent grant with new evidence
     * ({@link #changeConsent}); saving details alone cannot bring it back.
     *
     * @return the saved contact, or empty when the number is on the suppression list
     */
    @Transactional
    public Optional<Contact> save(String phone, ContactDetails details) {
        if (contacts.find(phone).isEmpty() && suppression.erasedAt(hasher.hash(phone)).isPresent()) {
            return Optional.empty();
        }
        contacts.save(phone, Identity.ofAddress(phone).region(), projects.defaultProject(), details);
        return contacts.find(phone);
    }

    /** A grant or revoke by API or admin, with its evidence. */
    @Transactional
    public ConsentService.Result changeConsent(String phone, String project, Map<Category, ConsentState> requested,
                                               Evidence evidence, String actor) {
        return ledger.change(phone, project == null ? projects.defaultProject() : project, requested, evidence, actor);
    }

    @Transactional
    public Export export(String phone) {
        Log.infof("GDPR export of %s", Masking.phone(phone));
        return new Export(phone, contacts.find(phone), consents.allProjects(phone), consents.history(phone),
                suppression.erasedAt(hasher.hash(phone)), Instant.now());
    }

    /**
     * GDPR erase: deletes the contact, its consent and its history, keeps only the salted hash on the suppression
     * list and publishes an erased opt-out of everything, listing the categories of the contact's project it opted
     * out (those not opted out already). Erasing an unknown number still suppresses it.
     */
    @Transactional
    public ConsentSnapshot erase(String phone, String actor) {
        Instant now = Instant.now();
        String project = contacts.find(phone).map(Contact::project).orElse(projects.defaultProject());
        contacts.lock(List.of(phone));
        Map<Category, ConsentState> everything = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            everything.put(c, ConsentState.OPTED_OUT);
        }
        Set<Category> optedOut = ConsentRules.optedOut(consents.current(phone, project), everything,
                new Evidence(ConsentSource.ERASE, now, "erased by " + actor));
        suppression.add(hasher.hash(phone), now);
        contacts.delete(phone);
        long version = contacts.nextVersion();
        outbox.consentChanged(phone, project, "ERASE", version, true, null, optedOut);
        outboxWritten.fire(new OutboxWritten(1));
        metrics.counter(ConsentMetrics.CONTACTS_ERASED).increment();
        Log.infof("erased %s by %s (version %d); only its salted hash remains", Masking.phone(phone), actor, version);
        return new ConsentSnapshot(phone, project, version, true, "ERASE", now, Map.of(), null, null, optedOut);
    }
}
