package dev.safesend.healthmonitor.service;

import dev.safesend.healthmonitor.domain.AccountSignal;
import dev.safesend.healthmonitor.domain.HealthState;
import dev.safesend.healthmonitor.domain.MessagingTier;
import dev.safesend.healthmonitor.domain.TemplateHold;
import dev.safesend.healthmonitor.repository.HealthRepository;
import dev.safesend.healthmonitor.repository.SenderHealthEntity;
import dev.safesend.healthmonitor.repository.TemplateStateEntity;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What Meta and dispatch say about each number (quality, tier, restrictions, blocks, its portfolio) and about
 * templates, kept on the sender aggregate for the rules to read. Every change here is judged at the next
 * evaluation (within a second).
 */
@ApplicationScoped
public class SenderFactsService {

    /** Meta's quality ratings of a number (and FLAGGED, the legacy event's state). */
    private static final Set<String> RATINGS = Set.of("GREEN", "YELLOW", "RED", "FLAGGED", "UNKNOWN");

    private final HealthRepository repository;
    private final Clock clock;

    public SenderFactsService(HealthRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The sender's aggregate, created HEALTHY the first time the number is seen. */
    @Transactional
    public SenderHealthEntity sender(String senderId) {
        SenderHealthEntity s = repository.sender(senderId);
        if (s == null) {
            s = new SenderHealthEntity();
            s.senderId = senderId;
            s.state = HealthState.HEALTHY.name();
            s.factor = 1.0;
            s.reasons = "";
            s.changedAt = clock.instant();
            s.persist();
        }
        return s;
    }

    @Transactional
    public void spamLimited(String senderId, Instant at) {
        SenderHealthEntity s = sender(senderId);
        if (s.lastSpamLimit == null || at.isAfter(s.lastSpamLimit)) {
            s.lastSpamLimit = at;
        }
    }

    @Transactional
    public void accountBlocked(String senderId, Instant at, String code) {
        SenderHealthEntity s = sender(senderId);
        if (s.lastAccountBlock == null || at.isAfter(s.lastAccountBlock)) {
            s.lastAccountBlock = at;
            s.accountBlockCode = code;
        }
    }

    /** Identity from dispatch's registry. */
    @Transactional
    public void registered(String senderId, String wabaId, String portfolioId, String displayNumber, String project) {
        SenderHealthEntity s = sender(senderId);
        s.wabaId = wabaId;
        s.portfolioId = portfolioId;
        s.displayNumber = displayNumber;
        s.project = project;
    }

    /** A quality rating read from Meta's Graph API. */
    @Transactional
    public void quality(String senderId, String rating) {
        if (rating == null || rating.isBlank()) {
            return;
        }
        sender(senderId).quality = rating.strip().toUpperCase(Locale.ROOT);
    }

    /** An operator's pause (reason) or resume (null). */
    @Transactional
    public SenderHealthEntity manual(String senderId, String reason) {
        SenderHealthEntity s = sender(senderId);
        s.manualPause = reason;
        return s;
    }

    /** Applies one account-level webhook. */
    @Transactional
    public void apply(AccountSignal a) {
        String event = a.event() == null ? "" : a.event().toUpperCase(Locale.ROOT);
        switch (a.kind()) {
            case "TEMPLATE_STATUS", "TEMPLATE_QUALITY" -> template(a, event);
            case "PHONE_QUALITY" -> {
                SenderHealthEntity s = senderOf(a);
                if (s == null) {
                    return;
                }
                switch (event) {
                    case "FLAGGED" -> s.quality = "FLAGGED";
                    case "UNFLAGGED" -> s.quality = "GREEN";
                    default -> { }
                }
                // ingest carries the messaging limits (old_limit → current_limit) in previous/newQuality of this field:
                // only a rating is a quality (the limit is the tier, below)
                String rating = a.newQuality() == null ? null : a.newQuality().strip().toUpperCase(Locale.ROOT);
                if (rating != null && RATINGS.contains(rating)) {
                    s.quality = rating;
                }
                tier(s, first(a.attribute("max_daily_conversations_per_business"), a.attribute("current_limit")));
            }
            case "ACCOUNT_UPDATE" -> account(a, event);
            case "OTHER" -> {
                if ("business_capability_update".equals(a.field())) {
                    String tier = a.attribute("max_daily_conversations_per_business");
                    senders(a).forEach(s -> tier(s, tier));
                }
            }
            default -> { }
        }
    }

    private void template(AccountSignal a, String event) {
        if (a.templateName() == null || a.wabaId() == null) {
            return;
        }
        String language = a.templateLanguage() == null ? "" : a.templateLanguage();
        TemplateStateEntity t = repository.template(a.wabaId(), a.templateName(), language);
        if (t == null) {
            t = new TemplateStateEntity();
            t.id = TemplateStateEntity.idOf(a.wabaId(), a.templateName(), language);
            t.wabaId = a.wabaId();
            t.name = a.templateName();
            t.language = language;
            t.changedAt = a.at();
            t.persist();
        }
        TemplateHold before = new TemplateHold(t.wabaId, t.name, t.language, t.status, t.quality);
        TemplateHold after = "TEMPLATE_STATUS".equals(a.kind())
                ? before.withStatus("REINSTATED".equals(event) || "UNPAUSE".equals(a.attribute("other_info_title")) ? "APPROVED" : event)
                : before.withQuality(a.newQuality() == null ? null : a.newQuality().toUpperCase(Locale.ROOT));
        t.status = after.status();
        t.quality = after.quality();
        t.changedAt = a.at();
        Log.infof("template %s/%s of WABA %s: status=%s quality=%s hold=%s", t.name, t.language, t.wabaId, t.status, t.quality,
                after.reason());
    }

    private void account(AccountSignal a, String event) {
        List<SenderHealthEntity> senders = senders(a);
        switch (event) {
            case "ACCOUNT_RESTRICTION" -> {
                Instant until = parse(a.attribute("expiration"));
                senders.forEach(s -> s.restrictedUntil = until == null ? Instant.parse("9999-12-31T00:00:00Z") : until);
            }
            case "DISABLED_UPDATE" -> {
                String ban = a.attribute("waba_ban_state");
                boolean disabled = "DISABLE".equalsIgnoreCase(ban);
                boolean reinstated = "REINSTATE".equalsIgnoreCase(ban);
                senders.forEach(s -> s.disabled = disabled || (!reinstated && s.disabled));
            }
            default -> { }
        }
    }

    private SenderHealthEntity senderOf(AccountSignal a) {
        if (a.senderId() != null) {
            SenderHealthEntity s = sender(a.senderId());
            if (s.wabaId == null && a.wabaId() != null && !a.wabaId().isBlank()) {
                s.wabaId = a.wabaId(); // until dispatch's registry says it
            }
            return s;
        }
        String display = a.attribute("display_phone_number");
        if (display == null) {
            return null;
        }
        String digits = display.replaceAll("\\D", "");
        return repository.senders().stream()
                .filter(s -> s.displayNumber != null && s.displayNumber.replaceAll("\\D", "").equals(digits))
                .findFirst().orElse(null);
    }

    /** The number the event names, else every number of its WABA. */
    private List<SenderHealthEntity> senders(AccountSignal a) {
        SenderHealthEntity one = senderOf(a);
        if (one != null) {
            return List.of(one);
        }
        return repository.senders().stream().filter(s -> a.wabaId() != null && a.wabaId().equals(s.wabaId)).toList();
    }

    /** A messaging limit is the portfolio's: every number of the portfolio takes it. */
    private void tier(SenderHealthEntity s, String value) {
        String tier = MessagingTier.normalise(value);
        if (tier == null) {
            return;
        }
        s.tier = tier;
        if (s.portfolioId != null) {
            repository.senders().stream().filter(o -> s.portfolioId.equals(o.portfolioId)).forEach(o -> o.tier = tier);
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(value))
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }
}
