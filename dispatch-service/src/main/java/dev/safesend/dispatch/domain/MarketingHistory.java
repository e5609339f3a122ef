package dev.safesend.dispatch.domain;

import dev.safesend.dispatch.domain.gate.GateDecision;

import java.time.Instant;
import java.util.List;

/** What the gate's per-person marketing rules say of recipients not on a lane yet: the question and the answer. */
public final class MarketingHistory {

    private MarketingHistory() {
    }

    /** One recipient with the digest of the content it would receive (service-kit's ContentDigest). */
    public record Asked(String recipient, String contentHash) {
    }

    /** A recipient the rules stop: SUPPRESSED (a Stop) or DEFERRED until some instant (a Defer). */
    public record Verdict(int index, String recipient, GateDecision decision) {
    }

    /** The verdicts on the recipients the rules stop, in the order asked; the others pass these rules. */
    public record Judgement(Instant at, int evaluated, List<Verdict> stopped) {
    }
}
