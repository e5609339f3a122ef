package dev.safesend.simulator.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything the simulator accepted and refused, so tests and benchmarks can check that nothing was
 * sent twice: accepted messages sharing a {@code biz_opaque_callback_data} are duplicates.
 */
public final class SendLedger {

    private final LongAdder total = new LongAdder();
    private final LongAdder duplicateCount = new LongAdder();
    private final Map<String, LongAdder> byPhoneNumberId = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byCallbackData = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> errorsByCode = new ConcurrentHashMap<>();
    private final Map<String, Queue<LedgerEntry>> byRecipient = new ConcurrentHashMap<>();

    public void recordAccepted(LedgerEntry entry) {
        total.increment();
        byPhoneNumberId.computeIfAbsent(entry.phoneNumberId(), id -> new LongAdder()).increment();
        byRecipient.computeIfAbsent(entry.personKey(), id -> new ConcurrentLinkedQueue<>()).add(entry);
        if (entry.callbackData() != null) {
            int seen = byCallbackData.computeIfAbsent(entry.callbackData(), data -> new AtomicInteger()).incrementAndGet();
            if (seen > 1) {
                duplicateCount.increment();
            }
        }
    }

    /** Counts an error answered synchronously or reported in a failed status webhook. */
    public void recordError(int code) {
        errorsByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** The messages that reached one person ({@link LedgerEntry#personKey()}), however they were addressed. */
    public List<LedgerEntry> entriesFor(String personKey) {
        Queue<LedgerEntry> entries = byRecipient.get(personKey);
        if (entries == null) {
            return List.of();
        }
        List<LedgerEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(LedgerEntry::acceptedAt));
        return sorted;
    }

    public Summary summary() {
        Map<String, Long> perNumber = new TreeMap<>();
        byPhoneNumberId.forEach((id, count) -> perNumber.put(id, count.sum()));
        Map<Integer, Long> errors = new TreeMap<>();
        errorsByCode.forEach((code, count) -> errors.put(code, count.sum()));
        List<Duplicate> duplicates = new ArrayList<>();
        byCallbackData.forEach((data, count) -> {
            if (count.get() > 1) {
                duplicates.add(new Duplicate(data, count.get()));
            }
        });
        duplicates.sort(Comparator.comparing(Duplicate::count).reversed().thenComparing(Duplicate::callbackData));
        return new Summary(total.sum(), perNumber, duplicates, duplicateCount.sum(), errors);
    }

    public void reset() {
        total.reset();
        duplicateCount.reset();
        byPhoneNumberId.clear();
        byCallbackData.clear();
        errorsByCode.clear();
        byRecipient.clear();
    }

    /**
     * Totals. {@code duplicateCount} is the number of accepted messages beyond the first for each
     * callback data, i.e. how many sends were duplicates.
     */
    public record Summary(long total, Map<String, Long> byPhoneNumberId, List<Duplicate> duplicates, long duplicateCount,
                          Map<Integer, Long> errorsByCode) {
    }

    /** Accepted messages sharing one callback data. */
    public record Duplicate(String callbackData, int count) {
    }
}
