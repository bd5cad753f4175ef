package org.vanish.ui;

import java.util.Arrays;
import org.vanish.engine.RunResult;

/**
 * One run's gradient curve as the chart draws it: the points (t, log10 ‖∂L/∂s_t‖₂) whose gradient is not an
 * exact zero (log10 of zero is -∞ and has no point).
 *
 * @param t time steps, ascending
 * @param logNorm log10 ‖∂L/∂s_t‖₂ at those steps, finite
 */
public record Curve(String label, int[] t, double[] logNorm) {

    /** The curve of log10 ‖∂L/∂s_t‖₂, t = 0..T, of a run. */
    public static Curve of(RunResult r) {
        double[] g = r.series().gradNorm;
        int[] t = new int[g.length];
        double[] y = new double[g.length];
        int k = 0;
        for (int i = 0; i < g.length; i++) {
            if (Double.isFinite(g[i])) {
                t[k] = i;
                y[k++] = g[i];
            }
        }
        return new Curve(r.spec().label(), Arrays.copyOf(t, k), Arrays.copyOf(y, k));
    }

    /** Number of points. */
    public int size() {
        return t.length;
    }
}
