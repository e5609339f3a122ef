package dev.safesend.dispatch.domain.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The gate's per-person marketing rules (step 6), judged on the person's marketing sends from any sender (all of the
 * contact's addresses): the same content again within {@code identicalContentWindow} is SUPPRESSED
 * {@value #IDENTICAL_CONTENT}; a person who already had {@code perDay} marketing sends in the last day is DEFERRED
 * {@value #FREQUENCY_CAP} until the oldest of the last {@code perDay} of them is a day old. The gate applies it to each
 * marketing message; {@code POST /v1/recipients:marketing-history} applies it to a campaign's recipients not yet
 * released, for ingest's forecast. One copy, so the forecast counts what the gate will do.
 */
public final class MarketingHistoryRule {

    public static final String IDENTICAL_CONTENT = "IDENTICAL_CONTENT_WITHIN_30_DAYS";
    public static final String FREQUENCY_CAP = "MARKETING_FREQUENCY_CAP";
    private static final Duration DAY = Duration.ofDays(1);

    private final int perDay;
    private final Duration identicalContentWindow;

    public MarketingHistoryRule(int perDay, Duration identicalContentWindow) {
        if (perDay < 1) {
            throw new IllegalArgumentException("marketing per day must be at least 1, was " + perDay);
        }
        this.perDay = perDay;
        this.identicalContentWindow = identicalContentWindow;
    }

    /** How far back the history must reach for {@link #decide} to be exact: the longer of the content window and a day. */
    public Duration lookback() {
        return identicalContentWindow.compareTo(DAY) > 0 ? identicalContentWindow : DAY;
    }

    /**
     * What the rules do to a marketing message with {@code contentHash} (null: no identical-content check) to a person
     * with this history, at {@code now}: a Stop, a Defer, or nothing (the message goes on to the gate's next step).
     */
    public Optional<GateDecision> decide(String contentHash, List<GateInput.PastMarketingSend> history, Instant now) {
        List<GateInput.PastMarketingSend> sends = history == null ? List.of() : history;
        if (contentHash != null && sends.stream().anyMatch(p ->
                contentHash.equals(p.contentHash()) && now.isBefore(p.at().plus(identicalContentWindow)))) {
            return Optional.of(new GateDecision.Stop(GateDecision.Outcome.SUPPRESSED, IDENTICAL_CONTENT));
        }
        var lastDay = sends.stream().filter(p -> now.isBefore(p.at().plus(DAY)))
                .sorted(Comparator.comparing(GateInput.PastMarketingSend::at)).toList();
        if (lastDay.size() >= perDay) {
            return Optional.of(new GateDecision.Defer(lastDay.get(lastDay.size() - perDay).at().plus(DAY), FREQUENCY_CAP));
        }
        return Optional.empty();
    }
}
