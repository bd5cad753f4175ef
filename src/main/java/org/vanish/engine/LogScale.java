package org.vanish.engine;

/**
 * A running sum of log10 factors, compensated (Neumaier) so that 10^5 steps of renormalisation
 * add no visible rounding: the magnitude of a product of many factors is carried as this sum.
 * An exact zero factor makes the sum -∞ for good.
 */
final class LogScale {
    private double sum;
    private double compensation;

    /** Adds log10(factor); factor ≥ 0. */
    void multiply(double factor) {
        add(factor == 0.0 ? Double.NEGATIVE_INFINITY : Math.log10(factor));
    }

    /** Adds a log10 value. */
    void add(double log10) {
        if (Double.isInfinite(log10) || Double.isInfinite(sum)) {
            sum = Double.NEGATIVE_INFINITY;
            compensation = 0.0;
            return;
        }
        double t = sum + log10;
        if (Math.abs(sum) >= Math.abs(log10)) {
            compensation += (sum - t) + log10;
        } else {
            compensation += (log10 - t) + sum;
        }
        sum = t;
    }

    /** The log10 of the product so far (-∞ for an exact zero). */
    double value() {
        return Double.isInfinite(sum) ? sum : sum + compensation;
    }

    /** log10 of (product · x) for x ≥ 0, without changing the sum. */
    double plus(double x) {
        if (x == 0.0 || Double.isInfinite(sum)) {
            return Double.NEGATIVE_INFINITY;
        }
        return value() + Math.log10(x);
    }
}
