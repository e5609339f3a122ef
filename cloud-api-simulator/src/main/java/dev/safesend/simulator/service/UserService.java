package dev.safesend.simulator.service;

import dev.safesend.simulator.config.SimulatorConfig;
import dev.safesend.simulator.domain.Bsuid;
import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.NumberChange;
import dev.safesend.simulator.domain.NumberChangeNotice;
import dev.safesend.simulator.domain.Recipient;
import dev.safesend.simulator.domain.UserDirectory;
import dev.safesend.simulator.domain.UserPreferenceChange;
import dev.safesend.simulator.domain.WamidSequence;
import dev.safesend.simulator.domain.WhatsAppUser;
import dev.safesend.simulator.webhook.WebhookEmitter;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The simulated users as a test plays them: profiles (username, name, contact book), number changes
 * with their system messages, and marketing stops with their {@code user_preferences} webhooks.
 */
@ApplicationScoped
public class UserService {

    static final String DEFAULT_PROFILE_NAME = "Simulated User";

    private final UserDirectory users;
    private final BusinessNumbers numbers;
    private final WamidSequence wamids;
    private final WebhookEmitter webhooks;
    private final Clock clock;
    private final String defaultPhoneNumberId;

    public UserService(UserDirectory users, BusinessNumbers numbers, WamidSequence wamids, WebhookEmitter webhooks,
                       Clock clock, SimulatorConfig config) {
        this.users = users;
        this.numbers = numbers;
        this.wamids = wamids;
        this.webhooks = webhooks;
        this.clock = clock;
        this.defaultPhoneNumberId = config.defaultPhoneNumberId();
    }

    /** The profile name webhooks show: the user's, else "Simulated User". */
    static String profileName(WhatsAppUser user) {
        return user.name() != null ? user.name() : DEFAULT_PROFILE_NAME;
    }

    /**
     * The user a phone (with or without "+") or a BSUID names; a phone is always a user, a BSUID only
     * while someone holds it.
     *
     * @throws IllegalArgumentException when {@code id} is neither
     */
    public Optional<WhatsAppUser> find(String id) {
        Recipient parsed = Recipient.parseAny(id)
                .orElseThrow(() -> new IllegalArgumentException("'" + id + "' is neither a phone number nor a BSUID"));
        return users.lookup(parsed);
    }

    /** The WABA whose BSUID is the profile's {@code userId}. */
    public String defaultWabaId() {
        return numbers.defaultWabaId();
    }

    /**
     * Sets username and name (null = none); {@code inContactBook}, when set, puts the phone in or out
     * of every WABA's contact book.
     *
     * @throws IllegalArgumentException for a malformed username
     */
    public WhatsAppUser updateProfile(WhatsAppUser user, String username, String name, Boolean inContactBook) {
        WhatsAppUser updated = users.updateProfile(user.phone(), username, name, inContactBook);
        Log.infof("User %s profile set (username %s, contact book %s)", Bsuid.mask(updated.userId(numbers.defaultWabaId())),
                updated.hasUsername() ? "set" : "none", updated.contactBooks());
        return updated;
    }

    /**
     * Moves the user to {@code newPhone} (digits) and tells every business number the user exchanged
     * messages with (else the default number) with a system message: {@code user_changed_number}
     * where the number may see the phone, {@code user_changed_user_id} where it is withheld.
     *
     * @throws IllegalArgumentException when the new phone is the current one
     * @throws IllegalStateException when another user holds the new phone
     */
    public WhatsAppUser changeNumber(WhatsAppUser user, String newPhone) {
        NumberChange change = users.changeNumber(user.phone(), newPhone);
        WhatsAppUser before = change.before();
        WhatsAppUser after = change.after();
        Instant now = clock.instant();
        List<String> told = before.exchangedWith().isEmpty() ? List.of(defaultPhoneNumberId) : before.exchangedWith();
        for (String phoneNumberId : told) {
            String waba = numbers.wabaId(phoneNumberId);
            boolean shown = users.phoneShown(before, phoneNumberId);
            webhooks.emitNumberChange(new NumberChangeNotice(phoneNumberId, wamids.next(after.phone()), now,
                    profileName(before), shown ? before.phone() : null, before.userId(waba),
                    shown ? after.phone() : null, after.userId(waba)));
        }
        Log.infof("User %s changed number (now %s), %d business number(s) told",
                Bsuid.mask(before.userId(numbers.defaultWabaId())), Bsuid.mask(after.userId(numbers.defaultWabaId())),
                told.size());
        return after;
    }

    /**
     * The user stops or resumes marketing messages from the WABA of {@code phoneNumberId}, which gets
     * the {@code user_preferences} webhook. After a stop, marketing templates to the user fail with 131050.
     */
    public WhatsAppUser setMarketingPreference(WhatsAppUser user, String phoneNumberId, UserPreferenceChange.Value value) {
        String waba = numbers.wabaId(phoneNumberId);
        WhatsAppUser updated = users.setMarketingStopped(user.phone(), waba, value == UserPreferenceChange.Value.STOP);
        boolean shown = users.phoneShown(updated, phoneNumberId);
        webhooks.emitPreference(new UserPreferenceChange(phoneNumberId, shown ? updated.phone() : null,
                updated.userId(waba), profileName(updated), value, clock.instant()));
        Log.infof("User %s %s marketing messages from %s", Bsuid.mask(updated.userId(waba)), value.wireName(), waba);
        return updated;
    }
}
