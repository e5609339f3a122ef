package dev.safesend.dispatch.mapping;

import dev.safesend.dispatch.domain.InvalidSenderException;
import dev.safesend.dispatch.domain.Sender;
import dev.safesend.dispatch.domain.SenderHealth;
import dev.safesend.dispatch.domain.Violation;
import dev.safesend.dispatch.domain.gate.WarmupRamp;
import dev.safesend.dispatch.rest.SenderBody;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Registry API bodies ↔ domain senders. */
@ApplicationScoped
public class SenderApiMapper {

    public Sender toDomain(String senderId, SenderBody b) {
        if (b == null) {
            throw new InvalidSenderException(List.of(new Violation("", "required", "a JSON body is required")));
        }
        return new Sender(senderId != null ? senderId : b.senderId(), b.wabaId(), b.displayNumber(), b.project(),
                b.pool() == null ? "default" : b.pool(),
                b.messagesPerSecond() == null ? Sender.DEFAULT_MPS : b.messagesPerSecond(),
                b.portfolioId(), b.portfolioDailyUniqueLimit(), b.warmupStart(),
                b.warmupDailyByWeek() == null ? WarmupRamp.DEFAULT_DAILY_BY_WEEK : b.warmupDailyByWeek(),
                time("quietHoursStart", b.quietHoursStart(), LocalTime.of(21, 0)),
                time("quietHoursEnd", b.quietHoursEnd(), LocalTime.of(8, 0)),
                Sender.State.ACTIVE, null, null, null);
    }

    /** @param health the decision dispatch applies to the number, null when none received */
    public SenderBody toBody(Sender s, SenderHealth health) {
        return new SenderBody(s.senderId(), s.wabaId(), s.displayNumber(), s.project(), s.pool(), s.messagesPerSecond(),
                s.portfolioId(), s.portfolioDailyUniqueLimit(), s.warmupStart(), s.warmupDailyByWeek(),
                s.quietStart().toString(), s.quietEnd().toString(), s.state().name(), s.pauseReason(),
                s.pauseSource() == null ? null : s.pauseSource().name(), s.pausedAt(), s.portfolioLimitUnder(health),
                health == null ? null : health(health));
    }

    private static SenderBody.Health health(SenderHealth h) {
        return new SenderBody.Health(h.state(), h.rateFactor(), h.reasons(), h.until(), h.changedAt(), h.healthScore(),
                h.qualityRating(), h.portfolioId(), h.messagingTier(),
                h.heldTemplates().stream().map(t -> new SenderBody.HeldTemplate(t.name(), t.language(), t.reason())).toList());
    }

    private static LocalTime time(String field, String value, LocalTime fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidSenderException(List.of(new Violation(field, "invalid_time", "'" + value + "' is not a time like 21:00")));
        }
    }
}
