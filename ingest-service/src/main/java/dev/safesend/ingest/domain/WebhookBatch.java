package dev.safesend.ingest.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything one webhook POST carried, normalised; {@code unknownFields} are change fields ingest does not know. */
public record WebhookBatch(List<StatusUpdate> statuses, List<InboundMessage> inbound, List<AccountSignal> accountSignals,
                           List<String> unknownFields, List<UnidentifiedUpdate> unidentified) {

    public WebhookBatch {
        statuses = List.copyOf(statuses);
        inbound = List.copyOf(inbound);
        accountSignals = List.copyOf(accountSignals);
        unknownFields = unknownFields == null ? List.of() : List.copyOf(unknownFields);
        unidentified = unidentified == null ? List.of() : List.copyOf(unidentified);
    }

    public WebhookBatch(List<StatusUpdate> statuses, List<InboundMessage> inbound, List<AccountSignal> accountSignals,
                        List<String> unknownFields) {
        this(statuses, inbound, accountSignals, unknownFields, List.of());
    }

    /** Several deliveries' updates as one batch, in order. */
    public static WebhookBatch concat(List<WebhookBatch> batches) {
        List<StatusUpdate> s = new ArrayList<>();
        List<InboundMessage> m = new ArrayList<>();
        List<AccountSignal> a = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<UnidentifiedUpdate> u = new ArrayList<>();
        for (WebhookBatch b : batches) {
            s.addAll(b.statuses());
            m.addAll(b.inbound());
            a.addAll(b.accountSignals());
            unknown.addAll(b.unknownFields());
            u.addAll(b.unidentified());
        }
        return new WebhookBatch(s, m, a, unknown, u);
    }

    public int size() {
        return statuses.size() + inbound.size() + accountSignals.size() + unidentified.size();
    }

    /** Every update's dedupe key, each once, in order. */
    public List<String> dedupeKeys() {
        List<String> keys = new ArrayList<>(size());
        statuses.forEach(s -> keys.add(s.dedupeKey()));
        inbound.forEach(m -> keys.add(m.dedupeKey()));
        accountSignals.forEach(a -> keys.add(a.dedupeKey()));
        unidentified.forEach(u -> keys.add(u.dedupeKey()));
        return keys.stream().distinct().toList();
    }

    /**
     * Only the updates whose key is in {@code fresh}, each once (a body may repeat an update): what is left after
     * dropping what an earlier delivery already turned into events.
     */
    public WebhookBatch onlyFresh(Set<String> fresh) {
        Map<String, StatusUpdate> s = new LinkedHashMap<>();
        statuses.stream().filter(x -> fresh.contains(x.dedupeKey())).forEach(x -> s.putIfAbsent(x.dedupeKey(), x));
        Map<String, InboundMessage> m = new LinkedHashMap<>();
        inbound.stream().filter(x -> fresh.contains(x.dedupeKey())).forEach(x -> m.putIfAbsent(x.dedupeKey(), x));
        Map<String, AccountSignal> a = new LinkedHashMap<>();
        accountSignals.stream().filter(x -> fresh.contains(x.dedupeKey())).forEach(x -> a.putIfAbsent(x.dedupeKey(), x));
        Map<String, UnidentifiedUpdate> u = new LinkedHashMap<>();
        unidentified.stream().filter(x -> fresh.contains(x.dedupeKey())).forEach(x -> u.putIfAbsent(x.dedupeKey(), x));
        return new WebhookBatch(new ArrayList<>(s.values()), new ArrayList<>(m.values()), new ArrayList<>(a.values()), unknownFields,
                new ArrayList<>(u.values()));
    }
}
