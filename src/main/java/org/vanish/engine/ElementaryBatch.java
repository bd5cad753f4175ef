package org.vanish.engine;

/**
 * {@link Elementary#sigmoidInto} and {@link Elementary#tanhInto} for many arguments at once, bit for bit the same
 * values. Each evaluation is cut into loops the JIT can vectorise (the argument reduction and Taylor polynomial of
 * the exponential; the divisions) and short scalar loops for what Java 17 cannot vectorise (the table lookup and
 * the exponent's bits, the choice of branch, the sign). Every value is formed by the same IEEE operations in the
 * same order as in the one-at-a-time methods; only the order in which different values are formed changes.
 * Every loop works on this object's own arrays indexed from 0, the condition for the JIT to vectorise them.
 * Not thread-safe: one instance belongs to one forward pass.
 */
final class ElementaryBatch {
    private final double[] in;
    private final double[] kd;
    private final double[] q;
    private final double[] num;
    private final double[] den;
    private final double[] top;
    private final double[] value;
    private final double[] derivative;

    /** @param capacity the largest len that will be asked for */
    ElementaryBatch(int capacity) {
        in = new double[capacity];
        kd = new double[capacity];
        q = new double[capacity];
        num = new double[capacity];
        den = new double[capacity];
        top = new double[capacity];
        value = new double[capacity];
        derivative = new double[capacity];
    }

    /**
     * σ(a) into v[vOff + j] and σ'(a) into d[dOff + j] for a = a[aOff + j], j &lt; len: {@link Elementary#sigmoidInto}
     * without the complement.
     * @return whether some |a| exceeds saturation
     */
    boolean sigmoid(double[] a, int aOff, int len, double[] v, int vOff, double[] d, int dOff, double saturation) {
        System.arraycopy(a, aOff, in, 0, len);
        reduce(-1.0, len);
        boolean sat = false;
        for (int j = 0; j < len; j++) {
            double x = -Math.abs(in[j]);
            sat |= x < -saturation;
            double e = Elementary.expReduced(x, kd[j], q[j]);
            // e = e^{−|a|}; σ(a) = 1/(1+e) for a ≥ 0, e/(1+e) below (chosen by the sign bit: −0 gives e = 1)
            long neg = Double.doubleToRawLongBits(in[j]) >> 63;
            num[j] = Double.longBitsToDouble((ONE_BITS & ~neg) | (Double.doubleToRawLongBits(e) & neg));
            top[j] = e;
        }
        for (int j = 0; j < len; j++) {
            double s = 1.0 + top[j];
            value[j] = num[j] / s;
            derivative[j] = top[j] / (s * s);
        }
        System.arraycopy(value, 0, v, vOff, len);
        System.arraycopy(derivative, 0, d, dOff, len);
        return sat;
    }

    /**
     * tanh(a) into v[vOff + j] and tanh'(a) into d[dOff + j] for a = a[aOff + j], j &lt; len: {@link Elementary#tanhInto}.
     * @return whether some |a| exceeds saturation
     */
    boolean tanh(double[] a, int aOff, int len, double[] v, int vOff, double[] d, int dOff, double saturation) {
        System.arraycopy(a, aOff, in, 0, len);
        reduce(-2.0, len);
        boolean sat = false;
        for (int j = 0; j < len; j++) {
            double x = Math.abs(in[j]);
            sat |= x > saturation;
            if (x >= Elementary.TANH_SPLIT) {
                // e = e^{−2|a|}: tanh|a| = (1 − e)/(1 + e), tanh'(a) = 4e/(1 + e)²
                double e = Elementary.expReduced(-2.0 * x, kd[j], q[j]);
                den[j] = 1.0 + e;
                num[j] = 1.0 - e;
                top[j] = 4.0 * e;
            } else {
                // m = e − 1 from the expm1 table: tanh|a| = −m/(2 + m), tanh'(a) = 4(1 + m)/(2 + m)²
                double m = Elementary.expm1Reduced(kd[j], q[j]);
                den[j] = 2.0 + m;
                num[j] = -m;
                top[j] = 4.0 * (1.0 + m);
            }
        }
        for (int j = 0; j < len; j++) {
            double s = den[j];
            value[j] = num[j] / s;
            derivative[j] = top[j] / (s * s);
        }
        for (int j = 0; j < len; j++) {
            double a0 = in[j];
            double x = Math.abs(a0);
            value[j] = x > 22.0 ? Math.copySign(1.0, a0) : x < 1e-9 ? a0 : Math.copySign(value[j], a0);
        }
        System.arraycopy(value, 0, v, vOff, len);
        System.arraycopy(derivative, 0, d, dOff, len);
        return sat;
    }

    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

    /**
     * For y = c·|in[j]|, the reduction of {@link Elementary#exp}: kd = rint(y·64/ln 2) and q = e^r − 1 for
     * r = y − kd·ln 2/64, into kd and q. A loop the JIT vectorises.
     */
    private void reduce(double c, int len) {
        for (int j = 0; j < len; j++) {
            double y = c * Math.abs(in[j]);
            double k = Math.rint(y * Elementary.N_OVER_LN2);
            kd[j] = k;
            q[j] = Elementary.expm1Small((y - k * Elementary.LN2_HI) - k * Elementary.LN2_LO);
        }
    }
}
