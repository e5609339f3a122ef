package dev.safesend.simulator.service;

import dev.safesend.simulator.domain.CustomerServiceWindow;
import dev.safesend.simulator.domain.LedgerEntry;
import dev.safesend.simulator.domain.PairLimiter;
import dev.safesend.simulator.domain.Recipient;
import dev.safesend.simulator.domain.SendLedger;
import dev.safesend.simulator.domain.ThroughputLimiter;
import dev.safesend.simulator.domain.UserDirectory;
import dev.safesend.simulator.webhook.WebhookCounters;
import dev.safesend.simulator.webhook.WebhookEmitter;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** What was sent and reported, and the reset that gives each test a clean simulator. */
@ApplicationScoped
public class LedgerService {

    private final SendLedger ledger;
    private final UserDirectory users;
    private final ThroughputLimiter throughput;
    private final PairLimiter pairs;
    private final CustomerServiceWindow window;
    private final WebhookEmitter webhooks;
    private final PopulationService population;
    private final NumberQualityService quality;

    public LedgerService(SendLedger ledger, UserDirectory users, ThroughputLimiter throughput, PairLimiter pairs,
                         CustomerServiceWindow window, WebhookEmitter webhooks, PopulationService population,
                         NumberQualityService quality) {
        this.ledger = ledger;
        this.users = users;
        this.throughput = throughput;
        this.pairs = pairs;
        this.window = window;
        this.webhooks = webhooks;
        this.population = population;
        this.quality = quality;
    }

    public LedgerView view() {
        return new LedgerView(ledger.summary(), webhooks.counters());
    }

    /** Every accepted message that reached the person a phone or BSUID names, however it was addressed. */
    public List<LedgerEntry> entriesFor(Recipient id) {
        return ledger.entriesFor(users.personKey(id));
    }

    /**
     * Forgets messages, error counts, throughput and pair buckets, windows, users, the population's blocks
     * and STOPs and its reactions not yet run, number qualities, and webhooks not yet posted.
     */
    public void reset() {
        ledger.reset();
        users.reset();
        throughput.reset();
        pairs.reset();
        window.reset();
        population.reset();
        quality.reset();
        webhooks.reset();
        Log.info("Ledger, limits, windows, users, population reactions, number qualities and webhook queue reset");
    }

    /** The ledger totals plus the webhook counters. */
    public record LedgerView(SendLedger.Summary summary, WebhookCounters webhooks) {
    }
}
