package dev.safesend.dispatch.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** A business number in the sender registry, with the limits dispatch paces it by. */
public record Sender(String senderId, String wabaId, String displayNumber, String project, String pool,
                     int messagesPerSecond, String portfolioId, Long portfolioDailyUniqueLimit, LocalDate warmupStart,
                     List<Long> warmupDailyByWeek, LocalTime quietStart, LocalTime quietEnd, State state,
                     String pauseReason) {

    public static final int DEFAULT_MPS = 80;
    public static final int MAX_MPS = 1000;
    /** Meta's portfolio tiers since 2025-10-07 (Meta's Cloud API documentation); null = unlimited. */
    public static final List<Long> TIERS = List.of(250L, 2_000L, 10_000L, 100_000L);

    public enum State { ACTIVE, PAUSED }

    public Sender {
        warmupDailyByWeek = warmupDailyByWeek == null ? List.of() : List.copyOf(warmupDailyByWeek);
    }

    /** Every rule a registration breaks, ; empty when valid. */
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
