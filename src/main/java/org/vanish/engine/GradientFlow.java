package org.vanish.engine;

import java.util.Arrays;

/**
 * Backpropagation through time for L = v·h_T, carried in log10 with a renormalised vector:
 * g_t = ∂L/∂s_t = J_{t+1}ᵀ ⋯ J_Tᵀ [v; 0] is stored as 10^{e_t} · ĝ_t with ‖ĝ_t‖ = 1, so that
 * 10^5 steps of a factor 0.5 give exactly -30103 and explosion gives a number, never 0, ∞ or NaN.
 * An exact zero (a dead relu layer) is -∞ from there on back, written as null in reports.
 */
public final class GradientFlow {
    private GradientFlow() {
    }

    /** The per-timestep series of one run; arrays are indexed by t. Exact zeros are -∞. */
    public static final class Series {
        /** log10 ‖∂L/∂s_t‖₂, t = 0..T. */
        public final double[] gradNorm;
        /** log10 ‖∂L/∂h_t‖₂ and ‖∂L/∂c_t‖₂, t = 0..T; null unless the cell has a cell state. */
        public final double[] gradNormH;
        public final double[] gradNormC;
        /** log10 ‖∂L/∂x_t‖₂, t = 1..T at index t-1. */
        public final double[] inputGradNorm;
        /** log10 |∂L/∂h_t|_k per unit, (T+1)×n row-major; null unless asked for. */
        public final float[] unitGrad;

        /** The arrays as given, not copied (views such as a figure's one layer of a stack share them). */
        public Series(double[] gradNorm, double[] gradNormH, double[] gradNormC, double[] inputGradNorm,
                      float[] unitGrad) {
            this.gradNorm = gradNorm;
            this.gradNormH = gradNormH;
            this.gradNormC = gradNormC;
            this.inputGradNorm = inputGradNorm;
            this.unitGrad = unitGrad;
        }
    }

    /**
     * Runs BPTT from t = T down to 0.
     * @param readout v, length n. Not modified.
     * @param perUnit whether to keep log10 |∂L/∂h_t| per unit (for heatmaps).
     */
    public static Series backpropagate(Cell cell, Trajectory tr, double[] readout, boolean perUnit) {
        int steps = tr.steps();
        int d = cell.stateSize();
        int n = cell.hiddenSize();
        boolean split = cell.type().hasCellState();
        double[] norm = new double[steps + 1];
        double[] normH = split ? new double[steps + 1] : null;
        double[] normC = split ? new double[steps + 1] : null;
        double[] inputNorm = new double[steps];
        float[] units = perUnit ? new float[(steps + 1) * n] : null;

        double[] g = new double[d];
        double[] gPrev = new double[d];
        double[] delta = new double[cell.driveSize()];
        InputGradients inputs = new InputGradients(cell, inputNorm);
        System.arraycopy(readout, 0, g, 0, n);
        LogScale scale = new LogScale();
        double v = DenseKernels.norm(g, 0, d);
        scale.multiply(v);
        if (v > 0) {
            DenseKernels.divide(g, 0, d, v);
        }
        // [gPrev, delta, c-part offset]: an LSTM's h and c parts may each carry their own factor
        double[] stepScales = new double[split ? 3 : 2];
        for (int t = steps; ; t--) {
            record(t, g, scale, split ? stepScales[2] : 0.0, d, n, norm, normH, normC, units);
            if (t == 0) {
                break;
            }
            if (Double.isInfinite(scale.value())) {
                inputNorm[t - 1] = Double.NEGATIVE_INFINITY;
                continue;
            }
            cell.vjpScaled(tr, t, g, gPrev, delta, stepScales);
            StepWatch.step();
            inputs.add(t, delta, scale.value() + stepScales[1]);
            if (stepScales[0] != 0.0) {
                scale.add(stepScales[0]);
            }
            if (split && stepScales[2] != 0.0) {
                stepScales[2] = renormaliseParts(gPrev, n, stepScales[2], scale);
            }
            double r = DenseKernels.norm(gPrev, 0, d);
            scale.multiply(r);
            double[] swap = g;
            g = gPrev;
            gPrev = swap;
            if (r > 0) {
                DenseKernels.divide(g, 0, d, r);
            } else {
                Arrays.fill(g, 0.0);
            }
        }
        inputs.flush();
        return new Series(norm, normH, normC, inputNorm, units);
    }

    /**
     * g = [g_h; 10^{offset} g_c] · 10^{scale}: normalises each part to norm 1 (multiplying scale by |g_h|), and
     * returns the new offset, or 0 once the parts are within 10^250 of each other and g_c is folded into g_h's
     * factor (then one factor serves both again and the plain arithmetic applies).
     */
    static double renormaliseParts(double[] g, int n, double offset, LogScale scale) {
        double h = DenseKernels.norm(g, 0, n);
        double c = DenseKernels.norm(g, n, n);
        if (h == 0.0 || c == 0.0) {
            // one part is an exact zero: the other's factor is the whole vector's
            if (h == 0.0) {
                scale.add(offset);
            }
            return 0.0;
        }
        DenseKernels.divide(g, 0, n, h);
        DenseKernels.divide(g, n, n, c);
        scale.multiply(h);
        double off = offset + Math.log10(c) - Math.log10(h);
        if (Math.abs(off) < 250) {
            DenseKernels.scale(g, n, n, Math.pow(10, off));
            return 0.0;
        }
        return off;
    }

    private static void record(int t, double[] g, LogScale scale, double cOffset, int d, int n,
                               double[] norm, double[] normH, double[] normC, float[] units) {
        if (normH != null) {
            double h = DenseKernels.norm(g, 0, n);
            double c = DenseKernels.norm(g, n, n);
            normH[t] = scale.plus(h);
            if (cOffset == 0.0) {
                normC[t] = scale.plus(c);
                norm[t] = scale.plus(Math.hypot(h, c));
            } else {
                // parts 10^250 and more apart: the total is the larger one to double precision
                normC[t] = c == 0.0 || Double.isInfinite(scale.value()) ? Double.NEGATIVE_INFINITY
                        : scale.value() + cOffset + Math.log10(c);
                norm[t] = Math.max(normH[t], normC[t]);
            }
        } else {
            norm[t] = scale.plus(DenseKernels.norm(g, 0, d));
        }
        if (units != null) {
            for (int k = 0; k < n; k++) {
                units[t * n + k] = (float) scale.plus(Math.abs(g[k]));
            }
        }
    }
}
