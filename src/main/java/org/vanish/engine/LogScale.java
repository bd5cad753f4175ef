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

    /**
     * Adds a log10 value; -∞ (an exact zero) makes the product zero for good.
     * @throws RunFailure for +∞ or NaN: a factor beyond the double range (only explicit parameters near
     *     10^308 can make one, since every factor is a renormalised step)
     */
    void add(double log10) {
        if (log10 == Double.POSITIVE_INFINITY || Double.isNaN(log10)) {
            throw new RunFailure("a gradient factor leaves the double range (" + log10
                    + "): the weights are too large to backpropagate through");
        }
        if (log10 == Double.NEGATIVE_INFINITY || Double.isInfinite(sum)) {
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
