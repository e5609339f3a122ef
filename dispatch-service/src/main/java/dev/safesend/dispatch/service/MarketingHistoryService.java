package dev.safesend.dispatch.service;

import dev.safesend.dispatch.config.DispatchConfig;
import dev.safesend.dispatch.domain.MarketingHistory.Asked;
import dev.safesend.dispatch.domain.MarketingHistory.Judgement;
import dev.safesend.dispatch.domain.MarketingHistory.Verdict;
import dev.safesend.dispatch.domain.gate.GateDecision;
import dev.safesend.dispatch.domain.gate.GateInput;
import dev.safesend.dispatch.domain.gate.MarketingHistoryRule;
import dev.safesend.dispatch.repository.GateReadRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the gate's per-person marketing rules ({@link MarketingHistoryRule}, the gate's own step 6 with the gate's
 * settings) would do to marketing messages not on a lane yet, at a given instant: a campaign's forecast asks it for
 * the recipients it has not released. The history is the gate's own read (all of a contact's addresses), one batch
 * for the whole page.
 */
@ApplicationScoped
public class MarketingHistoryService {

    /** The most recipients judged in one request. */
    public static final int MAX_ITEMS = 5_000;

    private final GateReadRepository reads;
    private final MarketingHistoryRule rule;
    private final Clock clock = Clock.systemUTC();

    public MarketingHistoryService(GateReadRepository reads, DispatchConfig config) {
        this.reads = reads;
        this.rule = new MarketingHistoryRule(config.gate().marketingPerDay(), config.gate().identicalContentWindow());
    }

    /**
     * Judges every item at {@code at} (null: now). An instant before now is judged at now: sends since then are in the
     * history already and would count as if they had come before it.
     */
    public Judgement judge(List<Asked> items, Instant at) {
        Instant now = clock.instant();
        Instant when = at == null || at.isBefore(now) ? now : at;
        Set<String> recipients = new HashSet<>();
        items.forEach(i -> recipients.add(i.recipient()));
        Map<String, List<GateInput.PastMarketingSend>> history = reads.marketingHistory(recipients, when.minus(rule.lookback()));
        List<Verdict> stopped = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Asked a = items.get(i);
            Optional<GateDecision> d = rule.decide(a.contentHash(), history.get(a.recipient()), when);
            if (d.isPresent()) {
                stopped.add(new Verdict(i, a.recipient(), d.get()));
            }
        }
        return new Judgement(when, items.size(), stopped);
    }
}
