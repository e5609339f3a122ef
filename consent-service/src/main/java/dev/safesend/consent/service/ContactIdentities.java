package dev.safesend.consent.service;

import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.CategoryConsent;
import dev.safesend.consent.domain.ConsentState;
import dev.safesend.consent.domain.Evidence;
import dev.safesend.consent.domain.Identity;
import dev.safesend.consent.domain.IdentityMerge;
import dev.safesend.consent.domain.Masking;
import dev.safesend.consent.repository.ConsentRepository;
import dev.safesend.consent.repository.ContactRepository;
import dev.safesend.consent.repository.IdentityRepository;
import dev.safesend.consent.repository.OutboxRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Contact identities: which contact every address (phone, BSUID, parent BSUID) belongs to. Every signal that names a
 * person resolves here to the contact key its consent is kept under, and links what it learns: a webhook carrying a
 * phone and a BSUID links the two; a number change links the new phone and BSUID. When a signal names the addresses of
 * two existing contacts, they are one person: the survivor (the contact keyed by a phone, else the first) adopts the
 * other's consent wherever that rests on newer evidence ({@link IdentityMerge}) and the other's addresses. Whenever a
 * contact gains an address, its state is published again (new version, source LINK) with every address, so dispatch
 * judges a send to any of them by the same consent.
 */
@ApplicationScoped
public class ContactIdentities {

    static final String LINK_SOURCE = "LINK";

    private final IdentityRepository identities;
    private final ContactRepository contacts;
    private final ConsentRepository consents;
    private final ConsentService ledger;
    private final OutboxRepository outbox;
    private final Event<OutboxWritten> outboxWritten;
    private final MeterRegistry metrics;

    public ContactIdentities(IdentityRepository identities, ContactRepository contacts, ConsentRepository consents,
                             ConsentService ledger, OutboxRepository outbox, Event<OutboxWritten> outboxWritten,
                             MeterRegistry metrics) {
        this.identities = identities;
        this.contacts = contacts;
        this.consents = consents;
        this.ledger = ledger;
        this.outbox = outbox;
        this.outboxWritten = outboxWritten;
        this.metrics = metrics;
    }

    /** The contact key an address is kept under (for reads): its linked contact, else the address itself. */
    public String keyOf(String address) {
        return identities.keysOf(List.of(address)).getOrDefault(address, address);
    }

    /** Every address of the contact, its key first. */
    public List<String> addressesOf(String key) {
        return identities.addressesOf(List.of(key)).get(key);
    }

    /** {@link #resolveMany} for one identity. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String resolve(Identity identity) {
        return resolveMany(List.of(identity)).get(0);
    }

    /**
     * The contact key of each identity, in order, linking every address it names to that key: one read for the whole
     * batch and one insert for the new links; only a merge of two contacts (rare) costs more.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> resolveMany(List<Identity> batch) {
        Set<String> all = new LinkedHashSet<>();
        batch.forEach(i -> i.addresses().forEach(a -> all.add(a.value())));
        Map<String, String> keys = new LinkedHashMap<>(identities.keysOf(all));
        List<String> out = new ArrayList<>(batch.size());
        List<String> linkAddresses = new ArrayList<>();
        List<String> linkKinds = new ArrayList<>();
        List<String> linkKeys = new ArrayList<>();
        Map<String, Identity> gained = new LinkedHashMap<>();
        for (Identity identity : batch) {
            Set<String> found = new LinkedHashSet<>();
            identity.addresses().forEach(a -> {
                if (keys.containsKey(a.value())) {
                    found.add(keys.get(a.value()));
                }
            });
            String key = found.isEmpty() ? identity.preferredKey() : found.size() == 1 ? found.iterator().next() : merge(found, keys);
            for (Identity.Address a : identity.addresses()) {
                if (!key.equals(keys.get(a.value())) && !a.value().equals(key)) {
                    linkAddresses.add(a.value());
                    linkKinds.add(a.kind().name());
                    linkKeys.add(key);
                    gained.put(key, identity);
                }
                keys.put(a.value(), key);
            }
            out.add(key);
        }
        int linked = identities.link(linkAddresses, linkKinds, linkKeys);
        if (linked < linkAddresses.size()) {
            // another consumer (inbound, account events, statuses) linked one of these addresses to another key between
            // our read and our insert: the person has two keys, merge them now rather than keep a split identity
            Map<String, String> now = identities.keysOf(linkAddresses);
            for (int i = 0; i < linkAddresses.size(); i++) {
                String actual = now.get(linkAddresses.get(i));
                String wanted = linkKeys.get(i);
                if (actual != null && !actual.equals(wanted)) {
                    String survivor = merge(new LinkedHashSet<>(List.of(actual, wanted)), keys);
                    out.replaceAll(k -> k.equals(wanted) || k.equals(actual) ? survivor : k);
                }
            }
        }
        if (linked > 0) {
            identities.describe(new ArrayList<>(gained.keySet()), new ArrayList<>(gained.values()));
            republish(gained.keySet());
        }
        return out;
    }

    /**
     * Links a person's new phone and BSUID (a {@code user_changed_number} / {@code user_changed_user_id} system message)
     * to the contact of their old addresses, so consent moves with them. Should the new addresses already belong to
     * another contact, the two are merged as for any link.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String moveTo(Identity old, String newPhone, String newBsuid) {
        String key = resolve(old);
        if (newPhone == null && newBsuid == null) {
            return key;
        }
        Identity moved = new Identity(newPhone, newBsuid, null, old.username());
        Map<String, String> keys = new LinkedHashMap<>(identities.keysOf(moved.addresses().stream().map(Identity.Address::value).toList()));
        Set<String> found = new LinkedHashSet<>(List.of(key));
        found.addAll(keys.values());
        String survivor = found.size() > 1 ? merge(found, keys) : key;
        List<Identity.Address> unlinked = moved.addresses().stream().filter(a -> !survivor.equals(keys.get(a.value())) && !a.value().equals(survivor)).toList();
        if (identities.link(unlinked.stream().map(Identity.Address::value).toList(), unlinked.stream().map(a -> a.kind().name()).toList(),
                unlinked.stream().map(a -> survivor).toList()) > 0) {
            identities.describe(List.of(survivor), List.of(moved));
            republish(Set.of(survivor));
        }
        Log.infof("contact %s changed number: consent follows to %s", Masking.phone(survivor), Masking.phone(newPhone != null ? newPhone : newBsuid));
        return survivor;
    }

    /** Merges the contacts {@code found} into one survivor; returns its key and points every address at it. */
    private String merge(Set<String> found, Map<String, String> keys) {
        String survivor = found.stream().filter(k -> k.startsWith("+")).findFirst().orElse(found.iterator().next());
        for (String other : found) {
            if (other.equals(survivor)) {
                continue;
            }
            contacts.lock(List.of(survivor, other));
            for (String project : consents.projectsOf(other)) {
                Map<Category, CategoryConsent> adopt = IdentityMerge.adopt(consents.current(survivor, project), consents.current(other, project));
                adopt.forEach((category, theirs) -> {
                    Map<Category, ConsentState> state = new EnumMap<>(Category.class);
                    state.put(category, theirs.state());
                    ledger.adopt(survivor, project, state, new Evidence(theirs.source(), theirs.evidenceAt(),
                            "identity link: consent recorded for " + Masking.phone(other)), "identity-link");
                });
            }
            identities.merge(other, survivor);
            keys.replaceAll((address, key) -> key.equals(other) ? survivor : key);
            metrics.counter(ConsentMetrics.IDENTITIES_MERGED).increment();
            Log.infof("contacts %s and %s are one person: merged into %s", Masking.phone(survivor), Masking.phone(other),
                    Masking.phone(survivor));
        }
        republish(Set.of(survivor));
        return survivor;
    }

    /**
     * Publishes the contacts' states again at new versions, so consumers learn their addresses: a handful of statements
     * however many (a burst of first messages from users Meta now names by phone and BSUID). A contact without consent
     * has nothing to publish: an address without consent is UNKNOWN wherever it is looked up. Should the same
     * transaction change the contact's consent too, that later version supersedes this one and the relay publishes
     * only that (with the addresses).
     */
    private void republish(Set<String> keys) {
        Map<String, List<String>> projects = consents.projectsOfMany(keys);
        List<String> withConsent = keys.stream().filter(k -> !projects.getOrDefault(k, List.of()).isEmpty()).sorted().toList();
        if (withConsent.isEmpty()) {
            return;
        }
        contacts.lock(withConsent);
        long[] drawn = contacts.nextVersions(withConsent.size());
        List<Long> versions = new ArrayList<>(withConsent.size());
        for (long v : drawn) {
            versions.add(v);
        }
        contacts.setVersions(withConsent, versions);
        consents.restamp(withConsent, versions);
        Map<String, List<Integer>> byProject = new LinkedHashMap<>();
        for (int i = 0; i < withConsent.size(); i++) {
            byProject.computeIfAbsent(projects.get(withConsent.get(i)).get(0), p -> new ArrayList<>()).add(i);
        }
        byProject.forEach((project, indexes) -> outbox.consentChanged(indexes.stream().map(withConsent::get).toList(), project,
                LINK_SOURCE, indexes.stream().mapToLong(versions::get).toArray(), false, null, null)); // no sender, nobody opted out
        outboxWritten.fire(new OutboxWritten(withConsent.size()));
    }
}
