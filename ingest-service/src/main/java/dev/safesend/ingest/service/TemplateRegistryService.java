package dev.safesend.ingest.service;

import dev.safesend.ingest.client.CloudApiClient;
import dev.safesend.ingest.client.TemplatePage;
import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.domain.AccountSignal;
import dev.safesend.ingest.domain.Template;
import dev.safesend.ingest.domain.TemplateEvents;
import dev.safesend.ingest.mapping.TemplateApiMapper;
import dev.safesend.ingest.repository.TemplateRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The template registry: PostgreSQL is the record (shared by every instance); each instance reads through an
 * in-memory copy that it re-reads after {@code templates.cache-ttl}, and at once after its own changes.
 * Synced from the Cloud API (paged) at start and on demand; kept current from template webhooks.
 */
@ApplicationScoped
public class TemplateRegistryService {

    private static final int MAX_PAGES = 1000;

    private final IngestConfig config;
    private final TemplateRepository repository;
    private final CloudApiClient cloudApi;
    private final TemplateApiMapper mapper;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();
    private final ReentrantLock reloading = new ReentrantLock();
    private final CompletableFuture<Boolean> startSync = new CompletableFuture<>();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Instant.EPOCH);

    public TemplateRegistryService(IngestConfig config, TemplateRepository repository, @RestClient CloudApiClient cloudApi,
                                   TemplateApiMapper mapper, MeterRegistry metrics) {
        this.config = config;
        this.repository = repository;
        this.cloudApi = cloudApi;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    private record Snapshot(Map<String, Map<String, Template>> byName, Instant loadedAt) {
    }

    /** What one sync did. */
    public record SyncReport(int pages, int templates, int removed) {
    }

    public Optional<Template> find(String name, String language) {
        return Optional.ofNullable(current().byName().getOrDefault(name, Map.of()).get(language));
    }

    public Set<String> languagesOf(String name) {
        return current().byName().getOrDefault(name, Map.of()).keySet();
    }

    /** Every template, by name then language, read from PostgreSQL (the record, not this instance's copy). */
    public List<Template> list() {
        return repository.findAll();
    }

    /**
     * Syncs in the background when the service starts, retrying every {@code start-sync-retry-interval}
     * up to {@code start-sync-attempts} times (the Cloud API may start after us, as the simulator does
     * locally). Readiness waits for this first sync ({@link #startSyncSettled()}), so no request is
     * refused for a template the registry simply has not read yet.
     */
    void syncAtStart(@Observes StartupEvent event) {
        if (!config.templates().syncAtStart()) {
            startSync.complete(true);
            return;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ingest-template-sync");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.execute(() -> attemptStartSync(scheduler, 1));
    }

    private void attemptStartSync(ScheduledExecutorService scheduler, int attempt) {
        try {
            sync();
            startSync.complete(true);
            scheduler.shutdown();
        } catch (RuntimeException e) {
            if (attempt < config.templates().startSyncAttempts()) {
                Log.infof("template sync at start, attempt %d failed (%s); retrying", attempt, e.getMessage());
                scheduler.schedule(() -> attemptStartSync(scheduler, attempt + 1),
                        config.templates().startSyncRetryInterval().toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            Log.warnf("template sync at start failed %d times (%s); the registry keeps its stored templates; retry with POST /v1/templates:sync",
                    attempt, e.getMessage());
            reload();
            startSync.complete(false);
            scheduler.shutdown();
        }
    }

    /** Empty while the start sync is still trying; then whether it succeeded. */
    public java.util.Optional<Boolean> startSyncSettled() {
        return startSync.isDone() ? java.util.Optional.of(startSync.join()) : java.util.Optional.empty();
    }

    /** Reads every page of GET /{waba}/message_templates and stores it; templates no longer listed become DELETED. */
    public SyncReport sync() {
        Instant syncedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Template> templates = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            TemplatePage page = cloudApi.messageTemplates(config.templates().apiVersion(), config.templates().wabaId(),
                    "Bearer " + config.templates().accessToken(), config.templates().pageSize(), after);
            pages++;
            if (page.data() != null) {
                page.data().forEach(item -> templates.add(mapper.toDomain(item, syncedAt)));
            }
            after = page.nextCursor();
        } while (after != null && pages < MAX_PAGES);
        int removed = QuarkusTransaction.requiringNew().call(() -> {
            repository.upsertAll(templates);
            return repository.markDeletedUnlessSyncedAt(syncedAt);
        });
        reload();
        metrics.counter(IngestMetrics.TEMPLATES_SYNCED).increment(templates.size());
        Log.infof("templates synced: waba=%s pages=%d templates=%d removed=%d", config.templates().wabaId(), pages,
                templates.size(), removed);
        return new SyncReport(pages, templates.size(), removed);
    }

    /**
     * Applies a template status, category or quality webhook. A recategorised template takes its new category at
     * once (requests must then use it: category_mismatch); an impending recategorisation changes nothing yet. A PAUSED or DISABLED template is refused from now on
     * (template_not_approved); the account event on wa.account-events.v1 tells campaigns to hold. A template
     * the registry does not know yet (created after the last sync) triggers a sync.
     */
    public void apply(AccountSignal signal) {
        if (signal.templateName() == null || signal.templateLanguage() == null) {
            return;
        }
        Optional<Template> known = Optional.ofNullable(repositoryCopy().getOrDefault(signal.templateName(), Map.of())
                .get(signal.templateLanguage()));
        if (known.isEmpty()) {
            Log.infof("template %s (%s) is not in the registry yet: syncing", signal.templateName(), signal.templateLanguage());
            sync();
            return;
        }
        Instant now = clock.instant();
        if (signal.kind() == AccountSignal.Kind.TEMPLATE_STATUS && TemplateEvents.isCategoryEvent(signal.event())) {
            String category = TemplateEvents.categoryAfter(known.get().category(), signal.event(), signal.reason());
            if (!category.equals(known.get().category())) {
                QuarkusTransaction.requiringNew().run(() ->
                        repository.updateCategory(signal.templateName(), signal.templateLanguage(), category, now));
                Log.infof("template %s (%s): category %s -> %s; requests must now use category %s", signal.templateName(),
                        signal.templateLanguage(), known.get().category(), category, category);
            } else if (TemplateEvents.CATEGORY_UPDATE_PENDING.equalsIgnoreCase(signal.event())) {
                Log.infof("template %s (%s): Meta will change its category to %s; it stays %s until then",
                        signal.templateName(), signal.templateLanguage(), signal.reason(), known.get().category());
            }
        } else if (signal.kind() == AccountSignal.Kind.TEMPLATE_STATUS) {
            String status = TemplateEvents.statusAfter(known.get().status(), signal.event());
            if (!status.equals(known.get().status())) {
                QuarkusTransaction.requiringNew().run(() ->
                        repository.update(signal.templateName(), signal.templateLanguage(), status, null, now));
                Log.infof("template %s (%s): %s -> %s (event %s, reason %s)%s", signal.templateName(), signal.templateLanguage(),
                        known.get().status(), status, signal.event(), signal.reason(),
                        TemplateEvents.stopsSending(status) ? "; new requests using it are refused" : "");
            }
        } else if (signal.kind() == AccountSignal.Kind.TEMPLATE_QUALITY && signal.newQuality() != null) {
            QuarkusTransaction.requiringNew().run(() ->
                    repository.update(signal.templateName(), signal.templateLanguage(), null, signal.newQuality(), now));
        }
        reload();
    }

    private Map<String, Map<String, Template>> repositoryCopy() {
        return index(repository.findAll());
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s.loadedAt().equals(Instant.EPOCH)) {
            // never read yet: every caller waits for the first read. Answering from the empty copy while one caller
            // reads refused good requests as template_not_found for the first moments after a restart (IdempotencyCrashIT)
            reloading.lock();
            try {
                if (snapshot.loadedAt().equals(Instant.EPOCH)) {
                    reload();
                }
            } finally {
                reloading.unlock();
            }
            return snapshot;
        }
        if (s.loadedAt().plus(config.templates().cacheTtl()).isBefore(clock.instant()) && reloading.tryLock()) {
            try {
                reload();
            } finally {
                reloading.unlock();
            }
            return snapshot;
        }
        return s;
    }

    /** Re-reads the registry into this instance's copy now. */
    public void reload() {
        snapshot = new Snapshot(index(repository.findAll()), clock.instant());
    }

    private static Map<String, Map<String, Template>> index(List<Template> templates) {
        Map<String, Map<String, Template>> byName = new HashMap<>();
        templates.forEach(t -> byName.computeIfAbsent(t.name(), n -> new HashMap<>()).put(t.language(), t));
        return byName;
    }
}
