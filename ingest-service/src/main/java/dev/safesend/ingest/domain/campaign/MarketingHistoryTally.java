package dev.safesend.ingest.domain.campaign;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What dispatch's per-person marketing rules (its gate's step 6, judged by dispatch from its send ledger) will do to a
 * marketing campaign's recipients not yet released, counted for the forecast. A SUPPRESSED recipient (the same content
 * within 30 days) is dropped. A DEFERRED one (the marketing frequency cap) is still sent, once its cap ends, unless its
 * message expires first: a cap that ends at or after the message's expiry drops it under the same reason. The latest
 * cap end among those still sent bounds the completion from below.
 */
public final class MarketingHistoryTally {

    /** dispatch's reason: the same marketing content to the same person within 30 days (SUPPRESSED). */
    public static final String IDENTICAL_CONTENT = "IDENTICAL_CONTENT_WITHIN_30_DAYS";
    /** dispatch's reason: the person's marketing sends per day are used up (DEFERRED until the cap ends). */
    public static final String FREQUENCY_CAP = "MARKETING_FREQUENCY_CAP";

    private final Map<String, Long> dropped = new LinkedHashMap<>();
    private final Map<String, Long> deferred = new LinkedHashMap<>();
    private final Map<ZoneId, Long> droppedByZone = new LinkedHashMap<>();
    private Instant latestRelease;

    public MarketingHistoryTally() {
        dropped.put(IDENTICAL_CONTENT, 0L);
        dropped.put(FREQUENCY_CAP, 0L);
        deferred.put(FREQUENCY_CAP, 0L);
    }

    /** A recipient in {@code zone} whose message dispatch will suppress for {@code reason}. */
    public void suppressed(ZoneId zone, String reason) {
        drop(zone, reason);
    }

    /**
     * A recipient in {@code zone} whose message dispatch will defer for {@code reason} until {@code until}; its message
     * expires at {@code expiresAt}.
     */
    public void deferred(ZoneId zone, String reason, Instant until, Instant expiresAt) {
        if (until != null && expiresAt != null && !until.isBefore(expiresAt)) {
            drop(zone, reason); // dispatch holds it past its expiry: it will expire, not be sent
            return;
        }
        deferred.merge(reason, 1L, Long::sum);
        if (until != null && (latestRelease == null || until.isAfter(latestRelease))) {
            latestRelease = until;
        }
    }

    private void drop(ZoneId zone, String reason) {
        dropped.merge(reason, 1L, Long::sum);
        droppedByZone.merge(zone, 1L, Long::sum);
    }

    /** Dropped by reason, each rule's reason present (zero included). */
    public Map<String, Long> dropped() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
    }

    /** Deferred but still sent, by reason (zero included). */
    public Map<String, Long> deferred() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(deferred));
    }

    /** The dropped recipients per zone: what the release replay leaves out ({@link CampaignForecast#less}). */
    public Map<ZoneId, Long> droppedByZone() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(droppedByZone));
    }

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The latest instant a deferred recipient becomes sendable, null when none is deferred. */
    public Instant latestRelease() {
        return latestRelease;
    }

    /**
     * The completion once the deferred recipients are counted: no earlier than the latest cap end (null, not within
     * the horizon, stays null).
     */
    public Instant completion(Instant replayed) {
        if (replayed == null || latestRelease == null || !latestRelease.isAfter(replayed)) {
            return replayed;
        }
        return latestRelease;
    }
}
