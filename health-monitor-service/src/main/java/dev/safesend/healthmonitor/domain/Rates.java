package dev.safesend.healthmonitor.domain;

/**
 * The rates of one window, each a share in [0, 1] (0 when its denominator is 0).
 *
 * @param delivery  delivered / sent
 * @param read      read / delivered
 * @param response  replied / delivered
 * @param optOut    opt-outs of every source (keyword, user_preferences, 131050) / delivered: the complaint rate
 * @param block     131026 undeliverable / sent: the block proxy (Meta sends no webhook for a block)
 * @param error     Cloud API calls refused / calls made
 */
public record Rates(long sent, long delivered, double delivery, double read, double response, double optOut,
                    double block, double error) {

    public static Rates of(WindowCounts.Counts c) {
        long sent = Math.max(c.get(Signal.SENT), c.get(Signal.DELIVERED));
        long delivered = c.get(Signal.DELIVERED);
        long calls = c.get(Signal.SUBMITTED) + c.get(Signal.API_ERROR);
        return new Rates(sent, delivered, share(delivered, sent), share(c.get(Signal.READ), delivered),
                share(c.get(Signal.REPLIED), delivered), share(c.optOuts(), delivered),
                share(c.get(Signal.UNDELIVERABLE), sent), share(c.get(Signal.API_ERROR), calls));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.min(1.0, (double) part / whole);
    }
}
