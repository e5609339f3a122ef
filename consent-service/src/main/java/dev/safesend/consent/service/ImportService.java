package dev.safesend.consent.service;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.safesend.consent.config.ConsentConfig;
import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.CategoryConsent;
import dev.safesend.consent.domain.ConsentChange;
import dev.safesend.consent.domain.ConsentRules;
import dev.safesend.consent.domain.ConsentState;
import dev.safesend.consent.domain.ImportHeader;
import dev.safesend.consent.domain.ImportJob;
import dev.safesend.consent.domain.ImportedContact;
import dev.safesend.consent.domain.Masking;
import dev.safesend.consent.domain.MalformedHeaderException;
import dev.safesend.consent.domain.PhoneHasher;
import dev.safesend.consent.domain.RowError;
import dev.safesend.consent.repository.ConsentRepository;
import dev.safesend.consent.repository.ContactBatchRepository;
import dev.safesend.consent.repository.ContactRepository;
import dev.safesend.consent.repository.ImportJobRepository;
import dev.safesend.consent.repository.OutboxRepository;
import dev.safesend.consent.repository.SuppressionRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CSV contact imports. The upload is streamed to a spool file (never held in memory) and its header checked before a
 * job exists: a file whose header cannot be understood imports nothing. The job then streams the file in chunks
 * (duplicate rows merged); each chunk is split between the writers, and each part is one transaction that refuses
 * erased numbers without new evidence, upserts the contacts, applies the consent changes through {@link ConsentRules}
 * and writes their outbox entries. The next chunk is written only when the whole chunk is, so a number's changes keep
 * the file's order. Row errors are reported, the other rows imported. One import runs at a time; others queue.
 */
@ApplicationScoped
public class ImportService {

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.ALLOW_TRAILING_COMMA)
            .build();

    private final ConsentConfig config;
    private final ImportJobRepository jobs;
    private final ContactRepository contacts;
    private final ContactBatchRepository batches;
    private final ConsentRepository consents;
    private final SuppressionRepository suppression;
    private final OutboxRepository outbox;
    private final PhoneHasher hasher;
    private final ProjectResolver projects;
    private final Event<OutboxWritten> outboxWritten;
    private final MeterRegistry metrics;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> daemon(r, "consent-import"));
    /**
     * Write chunk N while the runner parses chunk N+1 (at most one chunk waits), so parsing and the database overlap.
     * Each writes its own part of a chunk in a transaction of its own, so the parts' statements run side by side.
     */
    private final ExecutorService writers;
    private final int writerCount;

    public ImportService(ConsentConfig config, ImportJobRepository jobs, ContactRepository contacts, ContactBatchRepository batches,
                         ConsentRepository consents, SuppressionRepository suppression, OutboxRepository outbox,
                         PhoneHasher hasher, ProjectResolver projects, Event<OutboxWritten> outboxWritten, MeterRegistry metrics) {
        this.config = config;
        this.jobs = jobs;
        this.contacts = contacts;
        this.batches = batches;
        this.consents = consents;
        this.suppression = suppression;
        this.outbox = outbox;
        this.hasher = hasher;
        this.projects = projects;
        this.outboxWritten = outboxWritten;
        this.metrics = metrics;
        this.writerCount = Math.max(1, config.importing().writers());
        AtomicInteger number = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(writerCount, r -> daemon(r, "consent-import-writer-" + number.incrementAndGet()));
    }

    void failInterrupted(@Observes StartupEvent start) {
        int failed = QuarkusTransaction.requiringNew().call(jobs::failInterrupted);
        if (failed > 0) {
            Log.warnf("%d import(s) interrupted by the last stop were marked FAILED", failed);
        }
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
        writers.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Spools the upload, checks its header and queues the job.
     *
     * @param defaultRegion region of numbers written without a country code, or null
     * @return the job id
     * @throws MalformedHeaderException when the header cannot be used (nothing is imported, no job is created)
     */
    public String start(InputStream upload, String project, String defaultRegion) throws IOException {
        String target = project == null ? projects.defaultProject() : project;
        Path dir = Path.of(config.importing().spoolDirectory().orElse(System.getProperty("java.io.tmpdir")));
        Files.createDirectories(dir);
        Path spool = Files.createTempFile(dir, "consent-import-", ".csv");
        try {
            Files.copy(upload, spool, StandardCopyOption.REPLACE_EXISTING);
            readHeader(spool);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> jobs.create(id, target));
        Log.infof("import %s queued for project %s (%d bytes)", id, target, Files.size(spool));
        runner.submit(() -> run(id, spool, target, defaultRegion));
        return id;
    }

    public Optional<ImportJob> find(String id) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.find(id, 1000));
    }

    private static ImportHeader readHeader(Path spool) throws IOException {
        try (Reader reader = Files.newBufferedReader(spool, StandardCharsets.UTF_8);
             MappingIterator<String[]> rows = CSV.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(reader)) {
            if (!rows.hasNextValue()) {
                throw new MalformedHeaderException(List.of("the file is empty or has no header line"));
            }
            return ImportHeader.parse(Arrays.asList(rows.nextValue()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MalformedHeaderException(List.of("the header line is not valid CSV: " + e.getOriginalMessage()));
        }
    }

    private void run(String id, Path spool, String project, String defaultRegion) {
        Progress progress = new Progress();
        long started = System.nanoTime();
        try (Reader reader = Files.newBufferedReader(spool, StandardCharsets.UTF_8);
             MappingIterator<String[]> rows = CSV.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(reader)) {
            QuarkusTransaction.requiringNew().run(() -> jobs.started(id));
            ImportHeader header = ImportHeader.parse(Arrays.asList(rows.nextValue()));
            Instant now = Instant.now();
            int chunkSize = config.importing().chunkSize();
            Map<String, ImportedContact> chunk = new LinkedHashMap<>();
            List<RowError> errors = new ArrayList<>();
            CompletableFuture<Void> writing = null;
            long line = 1;
            int unreadableInARow = 0;
            while (true) {
                String[] values;
                try {
                    if (!rows.hasNextValue()) {
                        break;
                    }
                    line++;
                    values = rows.nextValue();
                } catch (RuntimeException | IOException malformed) {
                    errors.add(new RowError(line, null, "malformed_csv", String.valueOf(malformed.getMessage()).lines().findFirst().orElse("")));
                    progress.read++;
                    if (++unreadableInARow >= 10) {
                        await(flush(writing, id, project, chunk, errors, progress));
                        throw new IllegalStateException("the file cannot be read past line " + line + " (10 unreadable rows in a row); "
                                + "the rows before were imported", malformed);
                    }
                    continue;
                }
                unreadableInARow = 0;
                progress.read++;
                ImportHeader.RowResult result = header.read(line, values, defaultRegion, now, id);
                if (result instanceof ImportHeader.Rejected rejected) {
                    errors.add(rejected.error());
                } else if (result instanceof ImportHeader.Parsed parsed) {
                    ImportedContact c = parsed.contact();
                    ImportedContact earlier = chunk.get(c.phone());
                    if (earlier != null) {
                        progress.duplicates++;
                    }
                    chunk.put(c.phone(), earlier == null ? c : earlier.mergedWith(c));
                }
                if (chunk.size() >= chunkSize || errors.size() >= chunkSize) {
                    writing = flush(writing, id, project, chunk, errors, progress);
                    chunk = new LinkedHashMap<>();
                    errors = new ArrayList<>();
                }
            }
            await(flush(writing, id, project, chunk, errors, progress));
            QuarkusTransaction.requiringNew().run(() -> jobs.completed(id));
            metrics.counter(ConsentMetrics.IMPORTS_FINISHED, "status", "completed").increment();
            double seconds = (System.nanoTime() - started) / 1e9;
            Log.infof("import %s completed: %d rows read, %d contacts, %d merged, %d rejected, %d consent changes in %.1f s (%.0f rows/s)",
                    id, progress.read, progress.imported.get(), progress.duplicates, progress.rejected.get(), progress.changes.get(), seconds,
                    progress.read / Math.max(seconds, 0.001));
        } catch (Exception e) {
            Log.errorf(e, "import %s failed after %d rows", id, progress.read);
            metrics.counter(ConsentMetrics.IMPORTS_FINISHED, "status", "failed").increment();
            QuarkusTransaction.requiringNew().run(() -> jobs.failed(id, String.valueOf(e.getMessage())));
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                Log.warnf("cannot delete spool file %s: %s", spool, e.getMessage());
            }
        }
    }

    /** Running totals of one job: read and duplicates by the runner; the others by the writers. */
    private static final class Progress {
        long read;
        long duplicates;
        final AtomicLong imported = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong changes = new AtomicLong();
        private long storedErrors;

        /** How many of {@code wanted} row errors may still be stored (the report keeps at most {@code max}). */
        synchronized int reserveErrors(int wanted, int max) {
            int room = (int) Math.max(0, Math.min(wanted, max - storedErrors));
            storedErrors += room;
            return room;
        }
    }

    /**
     * Waits for the chunk being written (failing if it failed), then hands this one to the writers: its contacts split
     * into one part per writer (a chunk holds each number once, so the parts never touch the same contact).
     */
    private CompletableFuture<Void> flush(CompletableFuture<Void> writing, String id, String project, Map<String, ImportedContact> chunk,
                                          List<RowError> errors, Progress progress) throws InterruptedException, ExecutionException {
        await(writing);
        if (chunk.isEmpty() && errors.isEmpty()) {
            return null;
        }
        List<ImportedContact> rows = new ArrayList<>(chunk.values());
        int parts = Math.max(1, Math.min(writerCount, rows.size()));
        long read = progress.read;
        long duplicates = progress.duplicates;
        CompletableFuture<?>[] written = new CompletableFuture<?>[parts];
        for (int k = 0; k < parts; k++) {
            List<ImportedContact> part = rows.subList(k * rows.size() / parts, (k + 1) * rows.size() / parts);
            List<RowError> partErrors = k == 0 ? new ArrayList<>(errors) : new ArrayList<>();
            written[k] = CompletableFuture.runAsync(() -> write(id, project, part, partErrors, progress, read, duplicates), writers);
        }
        return CompletableFuture.allOf(written);
    }

    private static void await(CompletableFuture<Void> writing) throws InterruptedException, ExecutionException {
        if (writing != null) {
            writing.get();
        }
    }

    /** On a writer thread: one part of a chunk in one transaction; the written counts are only touched here. */
    private void write(String id, String project, List<ImportedContact> rows, List<RowError> rowErrors, Progress progress,
                       long read, long duplicates) {
        int[] written = QuarkusTransaction.requiringNew().timeout(300)
                .call(() -> writeChunk(project, rows, rowErrors, progress, id, read, duplicates));
        progress.imported.addAndGet(written[0]);
        progress.changes.addAndGet(written[1]);
        progress.rejected.addAndGet(rowErrors.stream().map(RowError::line).distinct().count());
        metrics.counter(ConsentMetrics.ROWS_IMPORTED).increment(written[0]);
        metrics.counter(ConsentMetrics.ROWS_REJECTED).increment(rowErrors.size());
    }

    /** One part of a chunk, in the caller's transaction. Returns {contacts written, consent changes}; adds its errors to {@code errors}. */
    private int[] writeChunk(String project, List<ImportedContact> rows, List<RowError> errors, Progress progress, String id,
                             long read, long duplicates) {
        Set<String> existing = contacts.lock(rows.stream().map(ImportedContact::phone).toList());
        List<ImportedContact> accepted = refuseErasedWithoutEvidence(rows, existing, errors);
        Map<String, Map<Category, CategoryConsent>> current = consents.currentOfMany(project,
                accepted.stream().map(ImportedContact::phone).toList());
        List<ConsentChange> changes = new ArrayList<>();
        List<String> changedPhones = new ArrayList<>();
        List<Set<Category>> optedOut = new ArrayList<>(); // per changed phone: an import row's opt-outs are reported too
        Map<String, Integer> firstChange = new HashMap<>();
        for (ImportedContact c : accepted) {
            Map<Category, CategoryConsent> now = current.get(c.phone());
            boolean any = false;
            for (Map.Entry<Category, ConsentState> requested : c.consent().entrySet()) {
                CategoryConsent state = now == null ? CategoryConsent.unknown(requested.getKey()) : now.get(requested.getKey());
                ConsentRules.Decision d = ConsentRules.decide(state, requested.getValue(), c.evidence());
                if (d == ConsentRules.Decision.APPLY && requested.getValue() == ConsentState.OPTED_IN
                        && state.state() == ConsentState.OPTED_OUT && !c.timeGiven()) {
                    d = ConsentRules.Decision.REJECTED_STALE_EVIDENCE; // no consentAt: cannot prove it is newer than the opt-out
                }
                if (d == ConsentRules.Decision.APPLY) {
                    changes.add(new ConsentChange(c.phone(), project, requested.getKey(), requested.getValue(), c.evidence()));
                    any = true;
                } else if (d != ConsentRules.Decision.UNCHANGED) {
                    errors.add(new RowError(c.line(), Masking.phone(c.phone()), d.name().toLowerCase(java.util.Locale.ROOT),
                            requested.getKey() + " not changed: " + explain(d) + "; the contact's other data was imported"));
                }
            }
            if (any) {
                firstChange.put(c.phone(), changedPhones.size());
                changedPhones.add(c.phone());
                optedOut.add(ConsentRules.optedOut(now == null ? Map.of() : now, c.consent(), c.evidence()));
            }
        }
        long[] versions = contacts.nextVersions(changedPhones.size());
        long[] versionPerContact = new long[accepted.size()];
        for (int i = 0; i < accepted.size(); i++) {
            Integer k = firstChange.get(accepted.get(i).phone());
            versionPerContact[i] = k == null ? 0 : versions[k];
        }
        batches.upsert(batches.columns(accepted), project, versionPerContact);
        List<Long> changeVersions = changes.stream().map(ch -> versions[firstChange.get(ch.phone())]).toList();
        consents.apply(changes, changeVersions, "import:" + id);
        outbox.consentChanged(changedPhones, project, "IMPORT", versions, false, null, optedOut); // an import has no sender
        jobs.addErrors(id, errors.subList(0, progress.reserveErrors(errors.size(), config.importing().maxReportedErrors())));
        long rejectedRows = errors.stream().map(RowError::line).distinct().count();
        jobs.addProgress(id, read, accepted.size(), duplicates, rejectedRows, changes.size());
        if (!changedPhones.isEmpty()) {
            outboxWritten.fire(new OutboxWritten(changedPhones.size()));
        }
        return new int[]{accepted.size(), changes.size()};
    }

    /**
     * The chunk's rows without the erased numbers that come without new opt-in evidence. A number whose contact exists
     * (and is locked, so it stays) cannot be one: only the others are looked up on the suppression list.
     */
    private List<ImportedContact> refuseErasedWithoutEvidence(List<ImportedContact> rows, Set<String> lockedContacts, List<RowError> errors) {
        Map<String, ImportedContact> byHash = new HashMap<>();
        for (ImportedContact c : rows) {
            if (!lockedContacts.contains(c.phone())) {
                byHash.put(hasher.hash(c.phone()), c);
            }
        }
        if (byHash.isEmpty()) {
            return rows;
        }
        Map<String, Instant> erased = suppression.erasedAt(byHash.keySet());
        if (erased.isEmpty()) {
            return rows;
        }
        Set<String> existing = contacts.existing(erased.keySet().stream().map(h -> byHash.get(h).phone()).toList());
        Set<String> refused = new java.util.HashSet<>();
        erased.forEach((hash, at) -> {
            ImportedContact c = byHash.get(hash);
            boolean newEvidence = c.explicitEvidence() && c.consent().containsValue(ConsentState.OPTED_IN) && c.evidence().at().isAfter(at);
            if (!existing.contains(c.phone()) && !newEvidence) {
                refused.add(c.phone());
                errors.add(new RowError(c.line(), Masking.phone(c.phone()), "erased_number",
                        "this number was erased on request; importing it again needs an opt-in with consentProof and a consentAt after the erasure"));
            }
        });
        return refused.isEmpty() ? rows : rows.stream().filter(c -> !refused.contains(c.phone())).toList();
    }

    private static String explain(ConsentRules.Decision d) {
        return switch (d) {
            case REJECTED_STALE_EVIDENCE -> "the contact opted out after this evidence (or the row gives no consentAt to prove otherwise)";
            case REJECTED_NO_EVIDENCE -> "this source cannot grant consent or the evidence has no proof";
            case REJECTED_SOURCE -> "this source cannot revoke consent";
            default -> d.name();
        };
    }
}
