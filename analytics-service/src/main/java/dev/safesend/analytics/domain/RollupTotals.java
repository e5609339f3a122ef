package dev.safesend.analytics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Messages that reached each step, summed over some rollup cells, and the two rates the console shows. */
public record RollupTotals(long submitted, long sent, long delivered, long read, long failed, long suppressed, long rejected,
                           long expired, long deferred) {

    /** delivered / sent, four decimals; null when nothing was sent (no rate, rather than a misleading 0). */
    public Double deliveredRate() {
        return rate(delivered, sent);
    }

    /** read / delivered, four decimals; null when nothing was delivered. */
    public Double readRate() {
        return rate(read, delivered);
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).doubleValue();
    }
}
