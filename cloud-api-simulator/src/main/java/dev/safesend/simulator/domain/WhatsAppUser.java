package dev.safesend.simulator.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One simulated WhatsApp user, as a snapshot (changes make a new one).
 * <ul>
 *   <li>{@code key}: the person, stable across a number change; pair limit, window and ledger are kept per key;</li>
 *   <li>{@code phone}: the current number, digits without "+";</li>
 *   <li>{@code userIds}: the BSUID in each WABA, default WABA first;</li>
 *   <li>{@code username}, {@code name}: the optional username and profile name;</li>
 *   <li>{@code contactBooks}: the WABAs whose contact book holds the phone;</li>
 *   <li>{@code marketingStopped}: the WABAs the user asked to stop sending marketing messages;</li>
 *   <li>{@code lastSentToPhone}: per business number, when it last sent a message addressed to this phone;</li>
 *   <li>{@code exchangedWith}: the business numbers the user exchanged messages with, in first-contact order.</li>
 * </ul>
 */
public record WhatsAppUser(String key, String phone, Map<String, String> userIds, String username, String name,
                           Set<String> contactBooks, Set<String> marketingStopped, Map<String, Instant> lastSentToPhone,
                           List<String> exchangedWith) {

    public WhatsAppUser {
        userIds = Collections.unmodifiableMap(new LinkedHashMap<>(userIds));
        contactBooks = Set.copyOf(contactBooks);
        marketingStopped = Set.copyOf(marketingStopped);
        lastSentToPhone = Map.copyOf(lastSentToPhone);
        exchangedWith = List.copyOf(exchangedWith);
    }

    /** A user nobody has heard of yet. */
    static WhatsAppUser fresh(String key, String phone, Map<String, String> userIds) {
        return new WhatsAppUser(key, phone, userIds, null, null, Set.of(), Set.of(), Map.of(), List.of());
    }

    /** The BSUID in {@code wabaId}, or null for a WABA the simulator does not know. */
    public String userId(String wabaId) {
        return userIds.get(wabaId);
    }

    public boolean hasUsername() {
        return username != null;
    }

    public boolean inContactBook(String wabaId) {
        return contactBooks.contains(wabaId);
    }

    public boolean stoppedMarketing(String wabaId) {
        return marketingStopped.contains(wabaId);
    }

    /** True once anything happened to the user beyond being looked up. */
    public boolean isActive() {
        return username != null || name != null || !contactBooks.isEmpty() || !marketingStopped.isEmpty()
                || !exchangedWith.isEmpty();
    }

    WhatsAppUser withProfile(String newUsername, String newName) {
        return new WhatsAppUser(key, phone, userIds, newUsername, newName, contactBooks, marketingStopped,
                lastSentToPhone, exchangedWith);
    }

    WhatsAppUser withContactBook(String wabaId, boolean member) {
        Set<String> books = new HashSet<>(contactBooks);
        if (member) {
            books.add(wabaId);
        } else {
            books.remove(wabaId);
        }
        return new WhatsAppUser(key, phone, userIds, username, name, books, marketingStopped, lastSentToPhone,
                exchangedWith);
    }

    WhatsAppUser withMarketing(String wabaId, boolean stopped) {
        Set<String> stops = new HashSet<>(marketingStopped);
        if (stopped) {
            stops.add(wabaId);
        } else {
            stops.remove(wabaId);
        }
        return new WhatsAppUser(key, phone, userIds, username, name, contactBooks, stops, lastSentToPhone,
                exchangedWith);
    }

    /** A business number sent a message; addressed by phone, it also fills that WABA's contact book. */
    WhatsAppUser withBusinessSend(String phoneNumberId, String wabaId, boolean byPhone, Instant at) {
        Set<String> books = contactBooks;
        Map<String, Instant> sent = lastSentToPhone;
        if (byPhone) {
            if (!books.contains(wabaId)) {
                books = new HashSet<>(books);
                books.add(wabaId);
            }
            sent = new HashMap<>(sent);
            sent.merge(phoneNumberId, at, (old, now) -> now.isAfter(old) ? now : old);
        }
        return new WhatsAppUser(key, phone, userIds, username, name, books, marketingStopped, sent,
                exchanged(phoneNumberId));
    }

    WhatsAppUser withInbound(String phoneNumberId) {
        return exchangedWith.contains(phoneNumberId) ? this : new WhatsAppUser(key, phone, userIds, username, name,
                contactBooks, marketingStopped, lastSentToPhone, exchanged(phoneNumberId));
    }

    /** The same person on a new number: new BSUIDs, out of every contact book, no recent exchange with the phone. */
    WhatsAppUser movedTo(String newPhone, Map<String, String> newUserIds) {
        return new WhatsAppUser(key, newPhone, newUserIds, username, name, Set.of(), marketingStopped, Map.of(),
                exchangedWith);
    }

    private List<String> exchanged(String phoneNumberId) {
        if (exchangedWith.contains(phoneNumberId)) {
            return exchangedWith;
        }
        List<String> numbers = new ArrayList<>(exchangedWith);
        numbers.add(phoneNumberId);
        return numbers;
    }
}
