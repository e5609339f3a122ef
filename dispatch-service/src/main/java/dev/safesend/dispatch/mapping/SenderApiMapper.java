package dev.safesend.dispatch.mapping;

import dev.safesend.dispatch.domain.InvalidSenderException;
import dev.safesend.dispatch.domain.Sender;
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
                Sender.State.ACTIVE, null);
    }

    public SenderBody toBody(Sender s) {
        return new SenderBody(s.senderId(), s.wabaId(), s.displayNumber(), s.project(), s.pool(), s.messagesPerSecond(),
                s.portfolioId(), s.portfolioDailyUniqueLimit(), s.warmupStart(), s.warmupDailyByWeek(),
                s.quietStart().toString(), s.quietEnd().toString(), s.state().name(), s.pauseReason());
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
