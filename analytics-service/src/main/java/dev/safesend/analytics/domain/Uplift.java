package dev.safesend.analytics.domain;

/**
 * The uplift of a campaign: the conversion rate of its treatment group minus that of its holdout (control) group, with
 * a 95 % confidence interval by Newcombe's hybrid score method (Newcombe 1998, method 10): each rate gets its Wilson
 * score interval (l, u), and for d = p1 − p2
 * <pre>
 *   low  = d − sqrt((p1 − l1)² + (u2 − p2)²)
 *   high = d + sqrt((u1 − p1)² + (p2 − l2)²)
 * </pre>
 * Unlike the plain normal approximation (d ± z·sqrt(p1q1/n1 + p2q2/n2)) it stays inside [−1, 1] and does not collapse to
 * a point when a group converted nobody or everybody, which small holdouts often do.
 */
public record Uplift(double difference, double ci95Low, double ci95High) {

    /** The two-sided 95 % normal quantile. */
    static final double Z95 = 1.959963984540054;

    /** A group of contacts and how many of them converted. */
    public record Group(long contacts, long converted) {
        public Group {
            if (contacts < 0 || converted < 0 || converted > contacts) {
                throw new IllegalArgumentException("a group of " + contacts + " cannot have " + converted + " converted");
            }
        }

        /** converted / contacts; 0 for an empty group. */
        public double rate() {
            return contacts == 0 ? 0.0 : (double) converted / contacts;
        }
    }

    /** The uplift of treated over holdout, or null when either group is empty (no holdout: nothing to compare with). */
    public static Uplift of(Group treated, Group holdout) {
        if (treated.contacts() == 0 || holdout.contacts() == 0) {
            return null;
        }
        double p1 = treated.rate();
        double p2 = holdout.rate();
        double[] w1 = wilson(treated.converted(), treated.contacts());
        double[] w2 = wilson(holdout.converted(), holdout.contacts());
        double d = p1 - p2;
        double low = d - Math.sqrt(square(p1 - w1[0]) + square(w2[1] - p2));
        double high = d + Math.sqrt(square(w1[1] - p1) + square(p2 - w2[0]));
        return new Uplift(d, Math.max(-1.0, low), Math.min(1.0, high));
    }

    /** Wilson's score interval {low, high} for x successes out of n. */
    static double[] wilson(long x, long n) {
        double p = (double) x / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new double[] {Math.max(0.0, centre - half), Math.min(1.0, centre + half)};
    }

    private static double square(double v) {
        return v * v;
    }
}
