package dev.safesend.dispatch.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A business number in the sender registry, with the limits dispatch paces it by.
 *
 * @param pauseSource who paused it (null when active): an operator, or dispatch itself on Meta's 131048/368/131031
 * @param pausedAt    when it was paused (null when active)
 */
public record Sender(String senderId, String wabaId, String displayNumber, String project, String pool,
                     int messagesPerSecond, String portfolioId, Long portfolioDailyUniqueLimit, LocalDate warmupStart,
                     List<Long> warmupDailyByWeek, LocalTime quietStart, LocalTime quietEnd, State state,
                     String pauseReason, PauseSource pauseSource, Instant pausedAt) {

    public static final int DEFAULT_MPS = 80;
    public static final int MAX_MPS = 1000;
    /** Meta's portfolio tiers since 2025-10-07 (Meta's Cloud API documentation); null = unlimited. */
    public static final List<Long> TIERS = List.of(250L, 2_000L, 10_000L, 100_000L);

    public enum State { ACTIVE, PAUSED }

    /**
     * AUTO: dispatch paused the number at once on Meta's 131048/368/131031, and health-monitor's next decision (one taken
     * after the pause) replaces it. OPERATOR: paused through the API; only a resume lifts it.
     */
    public enum PauseSource { AUTO, OPERATOR }

    public Sender {
        warmupDailyByWeek = warmupDailyByWeek == null ? List.of() : List.copyOf(warmupDailyByWeek);
    }

    /** The same registration in another pause state. */
    public Sender withPause(State newState, String reason, PauseSource source, Instant at) {
        return new Sender(senderId, wabaId, displayNumber, project, pool, messagesPerSecond, portfolioId, portfolioDailyUniqueLimit,
                warmupStart, warmupDailyByWeek, quietStart, quietEnd, newState, reason, source, at);
    }

    /**
     * The portfolio's daily unique-recipient limit the gate applies to this number: the messaging tier of its health
     * decision when that carries one, otherwise the registry's. Null: unlimited.
     */
    public Long portfolioLimitUnder(SenderHealth health) {
        return health == null ? portfolioDailyUniqueLimit : health.portfolioLimit(portfolioDailyUniqueLimit);
    }

    /** Every rule a registration breaks; empty when valid. */
    public List<Violation> violations() {
        List<Violation> v = new ArrayList<>();
        if (senderId == null || !senderId.matches("\\d{5,20}")) {
            v.add(new Violation("senderId", "invalid_phone_number_id", "senderId must be Meta's phone-number-id (digits)"));
        }
        if (wabaId == null || !wabaId.matches("\\d{5,20}")) {
            v.add(new Violation("wabaId", "invalid_waba_id", "wabaId must be Meta's WhatsApp Business Account id (digits)"));
        }
        if (displayNumber == null || !displayNumber.matches("\\+?\\d{6,15}")) {
            v.add(new Violation("displayNumber", "invalid_display_number", "displayNumber must be the number in E.164"));
        }
        if (project == null || project.isBlank()) {
            v.add(new Violation("project", "required", "project is required"));
        }
        if (pool == null || pool.isBlank()) {
            v.add(new Violation("pool", "required", "pool is required"));
        }
        if (messagesPerSecond < 1 || messagesPerSecond > MAX_MPS) {
            v.add(new Violation("messagesPerSecond", "out_of_range", "messagesPerSecond must be 1–" + MAX_MPS + " (Meta: 80 by default, up to 1,000)"));
        }
        if (portfolioId == null || portfolioId.isBlank()) {
            v.add(new Violation("portfolioId", "required", "portfolioId is required"));
        }
        if (portfolioDailyUniqueLimit != null && !TIERS.contains(portfolioDailyUniqueLimit)) {
            v.add(new Violation("portfolioDailyUniqueLimit", "unknown_tier", "portfolioDailyUniqueLimit must be one of " + TIERS + " or null for unlimited"));
        }
        if (warmupDailyByWeek.stream().anyMatch(n -> n == null || n < 1)) {
            v.add(new Violation("warmupDailyByWeek", "out_of_range", "each week's daily allowance must be at least 1"));
        }
        if (quietStart == null || quietEnd == null) {
            v.add(new Violation("quietHours", "required", "quiet hours need a start and an end"));
        }
        return v;
    }
}
