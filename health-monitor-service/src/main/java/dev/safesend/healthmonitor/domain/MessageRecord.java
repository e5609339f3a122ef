package dev.safesend.healthmonitor.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What health-monitor remembers of one message: its facts and which signals it has counted ({@code flags}), so that
 * a status redelivered by Kafka, or a READ arriving before its DELIVERED, counts exactly once. {@link #apply} returns
 * the signals a status adds.
 */
public final class MessageRecord {

    public static final int SUBMITTED = 1;
    public static final int SENT = 1 << 1;
    public static final int DELIVERED = 1 << 2;
    public static final int READ = 1 << 3;
    public static final int FAILED = 1 << 4;
    public static final int API_ERROR = 1 << 5;
    public static final int REPLIED = 1 << 6;

    public final String messageId;
    public String senderId;
    public String project;
    public String category;
    public String campaignId;
    public String template;
    public String recipient;
    public String wamid;
    public int flags;
    public Instant deliveredAt;
    public boolean changed;

    public MessageRecord(String messageId) {
        this.messageId = messageId;
    }

    public boolean marketing() {
        return "MARKETING".equals(category);
    }

    /** Applies one event; returns the signals it newly counts (none for a repeat). */
    public List<String> apply(StatusSignal s) {
        if (senderId == null && s.senderId() != null) {
            senderId = s.senderId();
            changed = true;
        }
        if (s.wamid() != null && wamid == null) {
            wamid = s.wamid();
            changed = true;
        }
        int bits = switch (s.status()) {
            case "ACCEPTED" -> {
                if (project == null) {
                    project = s.project();
                    category = s.category();
                    campaignId = s.campaignId();
                    template = s.template();
                    recipient = s.recipient();
                    changed = true;
                }
                yield 0;
            }
            case "SUBMITTED" -> SUBMITTED;
            case "SENT" -> SENT;
            case "DELIVERED" -> SENT | DELIVERED;
            case "READ" -> SENT | DELIVERED | READ;
            case "FAILED" -> s.fromDispatch() ? FAILED | API_ERROR : FAILED;
            default -> 0;
        };
        if (recipient == null && s.recipient() != null) {
            recipient = s.recipient();
            changed = true;
        }
        int added = bits & ~flags;
        if (added == 0) {
            return List.of();
        }
        flags |= added;
        changed = true;
        if ((added & DELIVERED) != 0 && deliveredAt == null) {
            deliveredAt = s.at();
        }
        List<String> signals = new ArrayList<>(4);
        if ((added & SUBMITTED) != 0) signals.add(Signal.SUBMITTED.name());
        if ((added & SENT) != 0) signals.add(Signal.SENT.name());
        if ((added & DELIVERED) != 0) signals.add(Signal.DELIVERED.name());
        if ((added & READ) != 0) signals.add(Signal.READ.name());
        if ((added & FAILED) != 0) {
            signals.add(Signal.FAILED.name());
            if (s.errorCode() != null) {
                signals.add(Signal.failedCode(s.errorCode()));
                switch (s.errorCode()) {
                    case 131026 -> signals.add(Signal.UNDELIVERABLE.name());
                    case 131048 -> signals.add(Signal.SPAM_LIMITED.name());
                    case 131049 -> signals.add(Signal.ECOSYSTEM_LIMITED.name());
                    default -> { }
                }
            }
        }
        if ((added & API_ERROR) != 0) signals.add(Signal.API_ERROR.name());
        return signals;
    }

    /** Marks the message replied to; true the first time. */
    public boolean reply() {
        if ((flags & REPLIED) != 0) {
            return false;
        }
        flags |= REPLIED;
        changed = true;
        return true;
    }

    /** The scopes a signal of this message counts for. */
    public List<Scope> scopes() {
        List<Scope> scopes = new ArrayList<>(3);
        if (senderId != null) scopes.add(Scope.sender(senderId));
        if (template != null) scopes.add(new Scope(ScopeType.TEMPLATE, template));
        if (campaignId != null) scopes.add(new Scope(ScopeType.CAMPAIGN, campaignId));
        return scopes;
    }
}
