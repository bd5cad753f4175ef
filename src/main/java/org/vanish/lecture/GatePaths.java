package org.vanish.lecture;

import java.util.Arrays;
import org.vanish.engine.CellType;
import org.vanish.engine.Trajectory;

/**
 * The direct path of seed 004's additive and gated recurrences: the factor that multiplies the old state in
 * each step, and its product over many steps.
 * <ul>
 * <li>additive: h_t = h_{t-1} + g(…), factor 1 (the identity path: the product is 1, log10 = 0);</li>
 * <li>LSTM: c_t = f_t∘c_{t-1} + i_t∘c̃_t, factor f_t: the direct cell path ∂c_T/∂c_t = diag(Π_{k=t+1..T} f_k);</li>
 * <li>GRU (Cho et al., PRODUCT.md): h_t = (1−u_t)∘h_{t-1} + u_t∘h̃_t, factor 1 − u_t (the keep gate).</li>
 * </ul>
 * The Elman cell has no such path (its step Jacobian is diag(φ') W_h) and is refused. Products are kept per
 * hidden unit as sums of log10 factors, so any T is exact; a factor that is exactly 0 makes -∞.
 */
public final class GatePaths {
    private GatePaths() {
    }

    /** Whether the cell has a direct path: additive, lstm, gru. */
    public static boolean hasPath(CellType cell) {
        return cell == CellType.ADDITIVE || cell == CellType.LSTM || cell == CellType.GRU;
    }

    /** The name of the per-step factor: "1", "f", "1−u". */
    public static String factorName(CellType cell) {
        check(cell);
        return cell == CellType.ADDITIVE ? "1" : cell == CellType.LSTM ? "f" : "1−u";
    }

    /** The factor of hidden unit k at step t = 1..T. */
    public static double factor(Trajectory tr, CellType cell, int t, int k) {
        check(cell);
        switch (cell) {
            case ADDITIVE: return 1.0;
            case LSTM: return tr.gate(t, 0, k);
            default: return 1.0 - tr.gate(t, 0, k);
        }
    }

    /** log10 Π_{k=t+1..T} factor, per hidden unit (length n); all 0 at t = T. */
    public static double[] unitLog10(Trajectory tr, CellType cell, int t) {
        int n = tr.hiddenSize();
        double[] out = new double[n];
        for (int s = tr.steps(); s > t; s--) {
            for (int k = 0; k < n; k++) {
                out[k] += Math.log10(factor(tr, cell, s, k));
            }
        }
        return out;
    }

    /**
     * Median, min and max over the hidden units of log10 Π_{k=t+1..T} factor, for t = 0..T (index t).
     * @param median for an even n, the mean of the two middle values
     */
    public record Summary(double[] median, double[] min, double[] max) {
    }

    /** The {@link Summary} of every t, in one backward sweep (O(T n log n), no T×n array). */
    public static Summary summary(Trajectory tr, CellType cell) {
        check(cell);
        int steps = tr.steps();
        int n = tr.hiddenSize();
        double[] sum = new double[n];
        double[] sorted = new double[n];
        double[] median = new double[steps + 1];
        double[] min = new double[steps + 1];
        double[] max = new double[steps + 1];
        for (int t = steps; ; t--) {
            System.arraycopy(sum, 0, sorted, 0, n);
            Arrays.sort(sorted);
            min[t] = sorted[0];
            max[t] = sorted[n - 1];
            median[t] = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            if (t == 0) {
                break;
            }
            for (int k = 0; k < n; k++) {
                sum[k] += Math.log10(factor(tr, cell, t, k));
            }
        }
        return new Summary(median, min, max);
    }

    /** The mean over hidden units of gate g (in {@link CellType#gates()} order) at t = 1..T, index t − 1. */
    public static double[] gateMean(Trajectory tr, int g) {
        int steps = tr.steps();
        int n = tr.hiddenSize();
        double[] out = new double[steps];
        for (int t = 1; t <= steps; t++) {
            double s = 0.0;
            for (int k = 0; k < n; k++) {
                s += tr.gate(t, g, k);
            }
            out[t - 1] = s / n;
        }
        return out;
    }

    private static void check(CellType cell) {
        if (!hasPath(cell)) {
            throw new IllegalArgumentException("the " + cell.id() + " cell has no direct (additive or gated) path");
        }
    }
}
