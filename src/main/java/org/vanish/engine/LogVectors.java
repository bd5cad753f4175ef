package org.vanish.engine;

import java.util.Arrays;

/**
 * A row of vectors of one width, each carried as log10 of its norm (-∞ for zero) and its unit direction, so that
 * sums of gradients far outside the double range stay exact in magnitude. Not thread-safe.
 */
final class LogVectors {
    final double[] log;
    final double[] dir;
    final int width;

    LogVectors(int count, int width) {
        this.width = width;
        this.log = new double[count];
        this.dir = new double[count * width];
        Arrays.fill(log, Double.NEGATIVE_INFINITY);
    }

    /**
     * Makes every vector zero again, for reuse: log10 -∞ everywhere; the directions are zeroed only if
     * clearDirections (a row at -∞ is never read by {@link #add}, only by readers that ask for it).
     */
    void clear(boolean clearDirections) {
        Arrays.fill(log, Double.NEGATIVE_INFINITY);
        if (clearDirections) {
            Arrays.fill(dir, 0.0);
        }
    }

    /** Adds src[off..off+width)·10^srcLog to vector i. */
    void add(int i, double[] src, int off, double srcLog) {
        log[i] = addScaled(dir, i * width, width, log[i], src, off, width, srcLog);
    }

    /**
     * a·10^aLog + b·10^bLog into a[aOff..aOff+aLen), b[bOff..bOff+bLen) zero-padded (bLen ≤ aLen), left as the unit
     * direction of the sum (zeros if the sum is zero). Neither a nor b need be a unit vector; no entry overflows
     * because both are scaled to the larger magnitude first.
     * @return log10 of the sum's norm, -∞ for an exact zero
     */
    static double addScaled(double[] a, int aOff, int aLen, double aLog, double[] b, int bOff, int bLen, double bLog) {
        // a vector at -∞ is zero (no norm to take: a row's slots mostly receive one vector each)
        double la = aLog == Double.NEGATIVE_INFINITY ? aLog : aLog + Math.log10(DenseKernels.norm(a, aOff, aLen));
        double lb = bLog + Math.log10(DenseKernels.norm(b, bOff, bLen));
        double top = Math.max(la, lb);
        if (top == Double.NEGATIVE_INFINITY) {
            Arrays.fill(a, aOff, aOff + aLen, 0.0);
            return top;
        }
        double fa = la == Double.NEGATIVE_INFINITY ? 0.0 : Math.pow(10, aLog - top);
        double fb = lb == Double.NEGATIVE_INFINITY ? 0.0 : Math.pow(10, bLog - top);
        if (la == Double.NEGATIVE_INFINITY) {
            // a is not read: a row at -∞ may hold a direction left from before (a reused row). 0.0 + x is the
            // value a·0 + x has for a zero a.
            for (int i = 0; i < aLen; i++) {
                a[aOff + i] = 0.0 + (i < bLen ? b[bOff + i] * fb : 0.0);
            }
        } else {
            for (int i = 0; i < aLen; i++) {
                a[aOff + i] = a[aOff + i] * fa + (i < bLen ? b[bOff + i] * fb : 0.0);
            }
        }
        double r = DenseKernels.norm(a, aOff, aLen);
        if (r == 0.0) {
            Arrays.fill(a, aOff, aOff + aLen, 0.0);
            return Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < aLen; i++) {
            a[aOff + i] /= r;
        }
        return top + Math.log10(r);
    }
}
