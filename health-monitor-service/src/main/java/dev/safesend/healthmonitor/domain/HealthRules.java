package dev.safesend.healthmonitor.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules that move a number between HEALTHY, WARNING, CRITICAL and PAUSED (docs/health.md lists them with their
 * sources). Worsening is immediate; recovery is stepwise: once every cause has stayed clear for {@code clearFor}
 * (and any minimum hold has passed) the factor climbs one step (0.5 → 0.7 → 1.0), and each further step waits
 * {@code clearFor} again. A cause stays active until its rate falls below {@code hysteresis} × its threshold, so a
 * rate hovering at the line does not flap.
 *
 * @param warnOptOutRate  opt-outs per delivered over which marketing is throttled (0.05%)
 * @param pauseOptOutRate over which marketing is paused (0.1%)
 * @param minDelivered    delivered messages in the window before opt-out rates are judged
 * @param optOutWindow    the window the opt-out rules look at (24 h)
 * @param optOutPause     how long an opt-out pause lasts at least, from the last time the rate was over the line (2 h)
 * @param spamPause       how long a 131048 holds marketing (24 h)
 * @param accountBlockPause how long a 368 / 131031 stops the number (24 h)
 * @param clearFor        how long causes must stay clear before each recovery step
 * @param warnFactor      the throttle of WARNING (0.7)
 * @param steps           the recovery steps, ascending, ending with 1.0
 */
public record HealthRules(double warnOptOutRate, double pauseOptOutRate, double hysteresis, long minDelivered,
                          Duration optOutWindow, Duration optOutPause, Duration spamPause, Duration accountBlockPause,
                          Duration clearFor, double warnFactor, List<Double> steps) {

    public static final String MANUAL = "MANUAL";
    public static final String RECOVERING = "RECOVERING";

    public HealthRules {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || steps.get(steps.size() - 1) != 1.0) {
            throw new IllegalArgumentException("recovery steps must end with 1.0");
        }
    }

    public static HealthRules defaults() {
        return new HealthRules(0.0005, 0.001, 0.8, 1000, Duration.ofHours(24), Duration.ofHours(2),
                Duration.ofHours(24), Duration.ofHours(24), Duration.ofMinutes(30), 0.7, List.of(0.5, 0.7, 1.0));
    }

    /** What the facts call for now: the lowest factor any cause asks, its reasons, and whether the number stops. */
    public record Assessment(boolean stop, double factor, List<String> reasons, Instant holdUntil, String why) {
    }

    public Assessment assess(SenderFacts f, SenderCondition current, Instant now) {
        List<String> reasons = new ArrayList<>();
        List<String> why = new ArrayList<>();
        double factor = 1.0;
        boolean stop = false;
        Instant hold = null;

        if (f.manualPause() != null) {
            stop = true;
            reasons.add(MANUAL);
            why.add("paused by an operator: " + f.manualPause());
        }
        if (f.disabled()) {
            stop = true;
            reasons.add("ACCOUNT_DISABLED");
            why.add("the account is disabled");
        }
        if (f.lastAccountBlock() != null && now.isBefore(f.lastAccountBlock().plus(accountBlockPause))) {
            stop = true;
            reasons.add("META_" + f.accountBlockCode());
            hold = later(hold, f.lastAccountBlock().plus(accountBlockPause));
            why.add("Meta answered " + f.accountBlockCode());
        }
        // opt-outs of the number, then of its portfolio
        for (boolean portfolio : new boolean[] {false, true}) {
            Rates r = portfolio ? f.portfolioRates() : f.rates();
            if (r == null || r.delivered() < minDelivered) {
                continue;
            }
            String pauseReason = portfolio ? "PORTFOLIO_OPT_OUT_RATE" : "OPT_OUT_RATE";
            String warnReason = portfolio ? "PORTFOLIO_OPT_OUT_WARNING" : "OPT_OUT_WARNING";
            double pauseLine = current.reasons().contains(pauseReason) ? pauseOptOutRate * hysteresis : pauseOptOutRate;
            double warnLine = current.reasons().contains(warnReason) || current.reasons().contains(pauseReason)
                    ? warnOptOutRate * hysteresis : warnOptOutRate;
            String what = String.format(Locale.ROOT, "%sopt-out rate %.3f%% of %d delivered", portfolio ? "portfolio " : "",
                    r.optOut() * 100, r.delivered());
            if (r.optOut() > pauseLine) {
                factor = 0;
                reasons.add(pauseReason);
                if (r.optOut() > pauseOptOutRate) {
                    hold = later(hold, now.plus(optOutPause));
                }
                why.add(what + String.format(Locale.ROOT, " over %.3f%%", pauseOptOutRate * 100));
            } else if (r.optOut() > warnLine) {
                factor = Math.min(factor, warnFactor);
                reasons.add(warnReason);
                why.add(what + String.format(Locale.ROOT, " over %.3f%%", warnOptOutRate * 100));
            }
        }
        String quality = f.quality() == null ? "" : f.quality();
        if (quality.equals("RED") || quality.equals("FLAGGED")) {
            factor = 0;
            reasons.add("QUALITY_" + quality);
            why.add("Meta rates the number's quality " + quality);
        } else if (quality.equals("YELLOW")) {
            factor = Math.min(factor, warnFactor);
            reasons.add("QUALITY_YELLOW");
            why.add("Meta rates the number's quality YELLOW");
        }
        if (f.restrictedUntil() != null && now.isBefore(f.restrictedUntil())) {
            factor = 0;
            reasons.add("ACCOUNT_RESTRICTION");
            hold = later(hold, f.restrictedUntil());
            why.add("the account is restricted until " + f.restrictedUntil());
        }
        if (f.lastSpamLimit() != null && now.isBefore(f.lastSpamLimit().plus(spamPause))) {
            factor = 0;
            reasons.add("ERROR_131048");
            hold = later(hold, f.lastSpamLimit().plus(spamPause));
            why.add("Meta answered 131048 (spam rate limit)");
        }
        if (!f.portfolioHolds().isEmpty()) {
            factor = 0;
            reasons.add("PORTFOLIO");
            why.add("marketing is held on " + String.join(", ", f.portfolioHolds()) + " of the same portfolio");
        }
        return new Assessment(stop, factor, reasons, hold, String.join("; ", why));
    }

    /** The next condition: worse at once, better one step at a time. */
    public SenderCondition next(SenderCondition current, Assessment a, Instant now) {
        Instant holdUntil = later(current.holdUntil(), a.holdUntil());
        if (holdUntil != null && !now.isBefore(holdUntil) && a.holdUntil() == null) {
            holdUntil = null;
        }
        if (a.stop()) {
            return changed(current, new SenderCondition(HealthState.PAUSED, 0, a.reasons(), holdUntil, null, holdUntil,
                    current.changedAt()), now);
        }
        boolean resumedByOperator = current.state() == HealthState.PAUSED && current.reasons().equals(List.of(MANUAL));
        double target = a.factor();
        double factor = current.state() == HealthState.PAUSED && !resumedByOperator ? 0 : current.factor();
        Instant clearSince = current.clearSince();
        Instant until = null;
        if (resumedByOperator) {
            factor = target; // an operator's resume is the operator's decision: no steps
            clearSince = null;
        } else if (target < factor) {
            factor = target;
            clearSince = null;
        } else if (target > factor) {
            clearSince = clearSince == null ? now : clearSince;
            Instant earliest = later(clearSince.plus(clearFor), holdUntil);
            if (!now.isBefore(earliest)) {
                factor = Math.min(target, stepAbove(factor));
                clearSince = factor < target ? now : null;
                earliest = factor < target ? later(now.plus(clearFor), holdUntil) : null;
            }
            until = earliest;
        } else {
            clearSince = null;
        }
        HealthState state = factor <= 0 ? HealthState.CRITICAL : factor < 1.0 ? HealthState.WARNING : HealthState.HEALTHY;
        List<String> reasons = a.reasons().isEmpty() && factor < 1.0 ? List.of(RECOVERING) : a.reasons();
        if (factor >= 1.0 && target >= 1.0) {
            holdUntil = null;
        }
        return changed(current, new SenderCondition(state, factor, reasons, until, clearSince, holdUntil,
                current.changedAt()), now);
    }

    private double stepAbove(double factor) {
        for (double s : steps) {
            if (s > factor + 1e-9) {
                return s;
            }
        }
        return 1.0;
    }

    private static SenderCondition changed(SenderCondition before, SenderCondition after, Instant now) {
        Instant at = after.decisionDiffers(before) ? now : before.changedAt();
        return new SenderCondition(after.state(), after.factor(), after.reasons(), after.until(), after.clearSince(),
                after.holdUntil(), at);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
