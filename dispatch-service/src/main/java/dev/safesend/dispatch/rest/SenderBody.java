package dev.safesend.dispatch.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.util.List;

/**
 * A sender as the registry API reads and writes it. On write, {@code state} and {@code pauseReason}
 * are ignored (use {@code :pause} / {@code :resume}); omitted limits take their defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SenderBody(String senderId, String wabaId, String displayNumber, String project, String pool,
                         Integer messagesPerSecond, String portfolioId, Long portfolioDailyUniqueLimit,
                         LocalDate warmupStart, List<Long> warmupDailyByWeek, String quietHoursStart,
                         String quietHoursEnd, String state, String pauseReason) {
}
