package dev.safesend.dispatch.service;

import dev.safesend.dispatch.config.DispatchConfig;
import dev.safesend.dispatch.repository.SendLedgerRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Settles sends whose answer never arrived (dispatch stopped between the call and the answer): a status webhook
 * carrying the messageId ({@code biz_opaque_callback_data}) settles the ledger row; a row still INFLIGHT after
 * {@code unknown-after} becomes UNKNOWN with an event, and a later webhook still settles it. The set of messageIds
 * to watch is read every few seconds, so the flood of ordinary statuses costs a set lookup each.
 */
@ApplicationScoped
public class ReconcileService {

    private final SendLedgerRepository ledger;
    private final MessageEvents events;
    private final DispatchConfig config;
    private final Clock clock = Clock.systemUTC();
    private volatile Set<String> watched = Set.of();

    public ReconcileService(SendLedgerRepository ledger, MessageEvents events, DispatchConfig config) {
        this.ledger = ledger;
        this.events = events;
        this.config = config;
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refreshWatched() {
        try {
            watched = ledger.awaitingReconciliation(clock.instant().minus(config.reconcile().watchAfter()));
        } catch (RuntimeException e) {
            Log.warnf("cannot refresh the in-flight watch list: %s", e.getMessage());
        }
    }

    /** A status Meta reported by webhook for one of our messages. */
    public void onWebhookStatus(String messageId, String wamid, String status, Integer errorCode, Instant at) {
        if (messageId == null || !watched.contains(messageId)) {
            return;
        }
        boolean settled;
        if ("FAILED".equals(status)) {
            ledger.settle(List.of(new SendLedgerRepository.Settled(messageId, null, errorCode)), at);
            settled = true;
        } else {
            settled = ledger.reconcile(messageId, wamid, at);
        }
        if (settled) {
            Log.infof("reconciled messageId=%s from a %s webhook", messageId, status);
        }
    }

    @Scheduled(every = "${safesend.dispatch.reconcile.sweep-every:30s}", delayed = "${safesend.dispatch.reconcile.sweep-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void markUnknown() {
        Instant now = clock.instant();
        List<SendLedgerRepository.Uncertain> stale;
        try {
            stale = ledger.markUnknown(now.minus(config.reconcile().unknownAfter()), 500);
        } catch (RuntimeException e) {
            Log.warnf("cannot sweep in-flight sends: %s", e.getMessage());
            return;
        }
        if (stale.isEmpty()) {
            return;
        }
        CompletableFuture<?>[] acks = stale.stream().map(u -> events.unknown(u.messageId(), u.senderId(), u.recipient(), u.category(), now)
                .toCompletableFuture()).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(acks).orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> {
            Log.errorf("UNKNOWN events not all acknowledged: %s", e.getMessage());
            return null;
        });
        Log.warnf("%d sends had no answer after %s: marked UNKNOWN, still reconciled by a later webhook", stale.size(),
                config.reconcile().unknownAfter());
        refreshWatched();
    }
}
