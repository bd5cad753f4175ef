package org.vanish.engine;

/**
 * Natural logarithms of the factors of a step Jacobian, taken from the pre-activation so that they exist where
 * the factors themselves underflow double: tanh'(a) = 4e^{−2|a|}/(1+e^{−2|a|})² is 10^−347 at a = 400 and σ(a)
 * is e^{−10⁶} at a = −10⁶; written as doubles both are 0, which would cut a gradient path that is never cut.
 * <p>
 * The cells use these on the steps where a factor may underflow ({@link Trajectory#saturated}): each term of a
 * backpropagated vector or a Jacobian is formed as a sign and a log, and the largest sets a common scale e^M that
 * is taken out and carried in log10 ({@link LogScale}); only terms below 10^−308 of the largest are lost, as in
 * any sum of doubles. StrictMath and {@link Elementary}: bit-identical on every machine.
 */
final class LogFactors {
    /** ln 10: a log carried as ln is added to a log10 {@link LogScale} as ln / LN10. */
    static final double LN10 = StrictMath.log(10.0);
    static final double LN2 = StrictMath.log(2.0);
    private static final double LN4 = StrictMath.log(4.0);

    private LogFactors() {
    }

    /** ln σ(a) = −softplus(−a). */
    static double lnSigmoid(double a) {
        return a >= 0 ? -StrictMath.log1p(Elementary.exp(-a)) : a - StrictMath.log1p(Elementary.exp(a));
    }

    /** ln σ'(a) = ln σ(a) + ln σ(−a) = −|a| − 2 ln(1 + e^{−|a|}). */
    static double lnSigmoidDerivative(double a) {
        double x = Math.abs(a);
        return -x - 2.0 * StrictMath.log1p(Elementary.exp(-x));
    }

    /** ln tanh'(a) = ln 4 − 2|a| − 2 ln(1 + e^{−2|a|}). */
    static double lnTanhDerivative(double a) {
        double x = Math.abs(a);
        return LN4 - 2.0 * x - 2.0 * StrictMath.log1p(Elementary.exp(-2.0 * x));
    }

    /** ln |x|; −∞ for 0. */
    static double lnAbs(double x) {
        return x == 0.0 ? Double.NEGATIVE_INFINITY : StrictMath.log(Math.abs(x));
    }

    /** The sign of x as ±1, or 0. */
    static double sign(double x) {
        return x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0;
    }

    /** max over lam[off..off+len); −∞ for none. */
    static double max(double[] lam, int off, int len) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < len; i++) {
            m = Math.max(m, lam[off + i]);
        }
        return m;
    }

    /**
     * out[outOff+i] = sgn[off+i] · e^{lam[off+i] − m} for i &lt; len: the terms relative to e^m (0 for all when
     * m = −∞, every term being an exact zero).
     */
    static void expand(double[] sgn, double[] lam, int off, int len, double m, double[] out, int outOff) {
        for (int i = 0; i < len; i++) {
            double l = lam[off + i];
            out[outOff + i] = l == Double.NEGATIVE_INFINITY ? 0.0 : sgn[off + i] * Elementary.exp(l - m);
        }
    }

    /**
     * The signed sum s1 e^{l1} + s2 e^{l2} as a sign, written to sgn[i], and a log, written to lam[i].
     */
    static void sum(double s1, double l1, double s2, double l2, double[] sgn, double[] lam, int i) {
        double m = Math.max(l1, l2);
        if (m == Double.NEGATIVE_INFINITY) {
            sgn[i] = 0.0;
            lam[i] = Double.NEGATIVE_INFINITY;
            return;
        }
        double v = (l1 == Double.NEGATIVE_INFINITY ? 0.0 : s1 * Elementary.exp(l1 - m))
                + (l2 == Double.NEGATIVE_INFINITY ? 0.0 : s2 * Elementary.exp(l2 - m));
        sgn[i] = sign(v);
        lam[i] = m + lnAbs(v);
    }

    /**
     * The binary exponent k of a matrix's largest entry when that is below 2^−256 (so its products with vectors
     * of O(1) would lose digits to underflow), else 0: the cells keep 2^−k W for their saturated steps.
     */
    static int weightExponent(double[][] rows, int count, int len) {
        int k = Spectra.binaryExponent(DenseKernels.maxAbs(rows, count, len));
        return k < 0 ? k : 0;
    }

    /** 2^−k · rows, a new array; rows itself when k = 0. Exact: scaling by a power of two up. */
    static double[][] scaledRows(double[][] rows, int k) {
        if (k == 0) {
            return rows;
        }
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = Math.scalb(rows[i][j], -k);
            }
        }
        return out;
    }
}
