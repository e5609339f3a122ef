package dev.safesend.dispatch.mapping;

import dev.safesend.dispatch.domain.MarketingHistory;
import dev.safesend.dispatch.domain.gate.GateDecision;
import dev.safesend.dispatch.domain.gate.MarketingHistoryRule;
import dev.safesend.dispatch.rest.MarketingHistoryBody;
import dev.safesend.dispatch.rest.MarketingHistoryQueryBody;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code :marketing-history}'s request → the recipients to judge; the judgement → its answer. */
@ApplicationScoped
public class MarketingHistoryApiMapper {

    /** The items of a request already validated. */
    public List<MarketingHistory.Asked> toDomain(MarketingHistoryQueryBody body) {
        return body.items().stream().map(i -> new MarketingHistory.Asked(i.recipient(), i.contentHash())).toList();
    }

    public MarketingHistoryBody toBody(MarketingHistory.Judgement j) {
        Map<String, Long> suppressed = new LinkedHashMap<>();
        suppressed.put(MarketingHistoryRule.IDENTICAL_CONTENT, 0L);
        Map<String, Long> deferred = new LinkedHashMap<>();
        deferred.put(MarketingHistoryRule.FREQUENCY_CAP, 0L);
        Instant latest = null;
        List<MarketingHistoryBody.Item> items = new ArrayList<>(j.stopped().size());
        for (MarketingHistory.Verdict v : j.stopped()) {
            if (v.decision() instanceof GateDecision.Stop stop) {
                suppressed.merge(stop.reason(), 1L, Long::sum);
                items.add(new MarketingHistoryBody.Item(v.index(), v.recipient(), stop.outcome().name(), stop.reason(), null));
            } else if (v.decision() instanceof GateDecision.Defer defer) {
                deferred.merge(defer.reason(), 1L, Long::sum);
                latest = latest == null || defer.until().isAfter(latest) ? defer.until() : latest;
                items.add(new MarketingHistoryBody.Item(v.index(), v.recipient(), "DEFERRED", defer.reason(), defer.until()));
            }
        }
        return new MarketingHistoryBody(j.at(), j.evaluated(), suppressed, deferred, latest, items);
    }
}
