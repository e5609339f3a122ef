package dev.safesend.simulator.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The simulated WhatsApp users. Every phone number is implicitly a user: the first time a number is
 * seen (a send, an inbound message, a look-up) it gets a record with its BSUID in every WABA, so a
 * BSUID the simulator has shown can be resolved back to the user. A user's record also holds the
 * optional username and profile name, contact-book membership and marketing stops per WABA, and the
 * business numbers it exchanged messages with.
 *
 * <p>A number change moves the person to a new phone with new BSUIDs; the person's key (and with it
 * the pair limit, the window and the ledger) stays. The old BSUIDs then belong to nobody, and a later
 * owner of the old phone is a new person with other BSUIDs.
 *
 * <p>Thread-safe: records are immutable snapshots replaced atomically per phone; number changes are
 * serialised. Records are kept until {@link #reset()}, about 300 bytes per phone.
 */
public final class UserDirectory {

    private static final Pattern REGION = Pattern.compile("[A-Z]{2}");
    /** 3 to 35 letters, digits, periods and underscores, at least one letter, no leading, trailing or double period. */
    private static final Pattern USERNAME = Pattern.compile("(?=.*[A-Za-z])(?!\\.)(?!.*\\.$)(?!.*\\.\\.)[A-Za-z0-9._]{3,35}");

    private final Clock clock;
    private final BusinessNumbers numbers;
    private final RegionOfPhone regions;
    private final PhoneVisibilityRule visibility = new PhoneVisibilityRule();
    private final Map<String, WhatsAppUser> byPhone = new ConcurrentHashMap<>();
    private final Map<String, String> phoneByUserId = new ConcurrentHashMap<>();
    private final Map<String, String> keyByRetiredUserId = new ConcurrentHashMap<>();
    private final Map<String, Integer> earlierOwners = new ConcurrentHashMap<>();
    private final Object moves = new Object();

    public UserDirectory(Clock clock, BusinessNumbers numbers, RegionOfPhone regions) {
        this.clock = clock;
        this.numbers = numbers;
        this.regions = regions;
    }

    /** The user at {@code phone} (digits), created if the number was never seen. */
    public WhatsAppUser user(String phone) {
        return byPhone.computeIfAbsent(phone, this::newUser);
    }

    public Optional<WhatsAppUser> find(String phone) {
        return Optional.ofNullable(byPhone.get(phone));
    }

    /** The user holding {@code bsuid} now, in any WABA. */
    public Optional<WhatsAppUser> findByUserId(String bsuid) {
        String phone = phoneByUserId.get(bsuid);
        return Optional.ofNullable(phone == null ? null : byPhone.get(phone))
                .filter(user -> user.userIds().containsValue(bsuid));
    }

    /** A phone (created if new) or a BSUID (empty when nobody holds it). */
    public Optional<WhatsAppUser> lookup(Recipient id) {
        return id.isUserId() ? findByUserId(id.userId()) : Optional.of(user(id.waId()));
    }

    /**
     * The person a ledger query means, without creating anyone: the current owner of a phone, the
     * person who holds or held a BSUID, or the BSUID itself when it never belonged to anyone.
     */
    public String personKey(Recipient id) {
        if (id.isUserId()) {
            return findByUserId(id.userId()).map(WhatsAppUser::key)
                    .orElseGet(() -> keyByRetiredUserId.getOrDefault(id.userId(), id.userId()));
        }
        return find(id.waId()).map(WhatsAppUser::key).orElseGet(() -> key(id.waId()));
    }

    /**
     * Resolves a send's recipient for {@code phoneNumberId}: a phone is always a user; a BSUID is one
     * only if it is that user's BSUID in the number's WABA (BSUIDs are scoped to one portfolio).
     */
    public Addressee address(Recipient recipient, String phoneNumberId) {
        String waba = numbers.wabaId(phoneNumberId);
        if (!recipient.isUserId()) {
            WhatsAppUser user = user(recipient.waId());
            return new Addressee(recipient, user, user.userId(waba));
        }
        WhatsAppUser user = findByUserId(recipient.userId())
                .filter(found -> recipient.userId().equals(found.userId(waba))).orElse(null);
        return new Addressee(recipient, user, recipient.userId());
    }

    /** Whether webhooks to {@code phoneNumberId} show the user's phone now ({@link PhoneVisibilityRule}). */
    public boolean phoneShown(WhatsAppUser user, String phoneNumberId) {
        return visibility.phoneShown(user, phoneNumberId, numbers.wabaId(phoneNumberId), clock.instant());
    }

    public static boolean isUsername(String candidate) {
        return candidate != null && USERNAME.matcher(candidate).matches();
    }

    /**
     * Replaces the username and profile name (null = none); {@code inContactBook}, when set, puts the
     * phone in or takes it out of the contact book of every WABA.
     *
     * @throws IllegalArgumentException for a malformed username
     */
    public WhatsAppUser updateProfile(String phone, String username, String name, Boolean inContactBook) {
        if (username != null && !isUsername(username)) {
            throw new IllegalArgumentException("a username has 3 to 35 letters, digits, '.' and '_', at least one "
                    + "letter, and no leading, trailing or double '.', got '" + username + "'");
        }
        return byPhone.compute(phone, (p, current) -> {
            WhatsAppUser user = (current != null ? current : newUser(p)).withProfile(username, name);
            if (inContactBook != null) {
                for (String waba : numbers.wabaIds()) {
                    user = user.withContactBook(waba, inContactBook);
                }
            }
            return user;
        });
    }

    /** Records that the user stopped ({@code true}) or resumed marketing messages from {@code wabaId}. */
    public WhatsAppUser setMarketingStopped(String phone, String wabaId, boolean stopped) {
        return byPhone.compute(phone, (p, current) -> (current != null ? current : newUser(p))
                .withMarketing(wabaId, stopped));
    }

    /** An accepted message from {@code phoneNumberId} reached the user. */
    public void recordBusinessSend(Addressee to, String phoneNumberId, Instant at) {
        if (!to.known()) {
            return;
        }
        String waba = numbers.wabaId(phoneNumberId);
        byPhone.computeIfPresent(to.user().phone(), (p, current) -> current.key().equals(to.user().key())
                ? current.withBusinessSend(phoneNumberId, waba, to.byPhone(), at) : current);
    }

    /** The user wrote to {@code phoneNumberId}. */
    public void recordInbound(WhatsAppUser user, String phoneNumberId) {
        byPhone.computeIfPresent(user.phone(), (p, current) -> current.key().equals(user.key())
                ? current.withInbound(phoneNumberId) : current);
    }

    /**
     * Moves the user at {@code phone} to {@code newPhone}.
     *
     * @throws IllegalArgumentException when the new phone is the current one
     * @throws IllegalStateException when another active user holds the new phone
     */
    public NumberChange changeNumber(String phone, String newPhone) {
        if (phone.equals(newPhone)) {
            throw new IllegalArgumentException("the user's phone is already +" + newPhone);
        }
        synchronized (moves) {
            WhatsAppUser before = user(phone);
            WhatsAppUser occupant = byPhone.get(newPhone);
            if (occupant != null && occupant.isActive()) {
                throw new IllegalStateException("+" + newPhone + " already belongs to another WhatsApp user");
            }
            if (occupant != null) {
                forget(occupant);
            }
            earlierOwners.merge(phone, 1, Integer::sum);
            WhatsAppUser moving = byPhone.remove(phone);
            WhatsAppUser latest = moving != null ? moving : before;
            forget(latest);
            latest.userIds().values().forEach(id -> keyByRetiredUserId.put(id, latest.key()));
            WhatsAppUser after = latest.movedTo(newPhone, userIds(newPhone));
            byPhone.put(newPhone, after);
            return new NumberChange(latest, after);
        }
    }

    public int size() {
        return byPhone.size();
    }

    public void reset() {
        synchronized (moves) {
            byPhone.clear();
            phoneByUserId.clear();
            keyByRetiredUserId.clear();
            earlierOwners.clear();
        }
    }

    private WhatsAppUser newUser(String phone) {
        return WhatsAppUser.fresh(key(phone), phone, userIds(phone));
    }

    /** The phone itself for its first owner; "phone#n" for the owner after n earlier ones. */
    private String key(String phone) {
        int earlier = earlierOwners.getOrDefault(phone, 0);
        return earlier == 0 ? phone : phone + "#" + earlier;
    }

    /** Derives the BSUIDs of the phone's current owner and indexes them. */
    private Map<String, String> userIds(String phone) {
        String region = regions.regionOf(phone);
        if (region == null || !REGION.matcher(region).matches()) {
            region = "US";
        }
        String seed = "+" + key(phone);
        Map<String, String> ids = new LinkedHashMap<>();
        for (String waba : numbers.wabaIds()) {
            String id = Bsuid.derive(waba, seed, region);
            ids.put(waba, id);
            phoneByUserId.put(id, phone);
        }
        return ids;
    }

    private void forget(WhatsAppUser user) {
        byPhone.remove(user.phone());
        user.userIds().values().forEach(id -> phoneByUserId.remove(id, user.phone()));
    }
}
