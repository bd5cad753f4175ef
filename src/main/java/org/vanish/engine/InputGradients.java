package org.vanish.engine;

/**
 * log10 ‖∂L/∂x_t‖ = log10 ‖Uᵀ δ_t‖ for many steps at once: the renormalised δ_t of backpropagation are
 * gathered as columns and multiplied by Uᵀ in one product per chunk, whose rows are long enough to
 * vectorise (one Uᵀδ per step has rows of only m entries). Not thread-safe.
 */
final class InputGradients {
    private static final int CHUNK = 256;

    private final double[][] uT;
    private final int m;
    private final int gn;
    private final double[][] deltaT;
    private final double[][] gxT;
    private final double[] sums;
    private final int[] times = new int[CHUNK];
    private final double[] logScales = new double[CHUNK];
    private final double[] out;
    private int count;

    /** @param out receives log10 ‖∂L/∂x_t‖ at index t-1. */
    InputGradients(Cell cell, double[] out) {
        this.uT = cell.inputTransposeRows();
        this.m = cell.inputSize();
        this.gn = cell.driveSize();
        this.deltaT = new double[gn][CHUNK];
        this.gxT = new double[m][CHUNK];
        this.sums = new double[CHUNK];
        this.out = out;
    }

    /** Records step t's δ (relative to the renormalised gradient) and the log10 scale it carries. */
    void add(int t, double[] delta, double logScale) {
        for (int i = 0; i < gn; i++) {
            deltaT[i][count] = delta[i];
        }
        times[count] = t;
        logScales[count] = logScale;
        if (++count == CHUNK) {
            flush();
        }
    }

    /** Computes the norms of everything recorded so far. */
    void flush() {
        if (count == 0) {
            return;
        }
        DenseKernels.mult(uT, deltaT, gxT, m, gn, count);
        java.util.Arrays.fill(sums, 0, count, 0.0);
        for (int k = 0; k < m; k++) {
            double[] row = gxT[k];
            for (int c = 0; c < count; c++) {
                sums[c] += row[c] * row[c];
            }
        }
        for (int c = 0; c < count; c++) {
            double s = sums[c];
            double norm = s > 1e-290 && s < 1e290 ? Math.sqrt(s) : columnNorm(c);
            out[times[c] - 1] = norm == 0.0 || Double.isInfinite(logScales[c])
                    ? Double.NEGATIVE_INFINITY : logScales[c] + Math.log10(norm);
        }
        count = 0;
    }

    private double columnNorm(int c) {
        double max = 0.0;
        for (int k = 0; k < m; k++) {
            max = Math.max(max, Math.abs(gxT[k][c]));
        }
        if (max == 0.0) {
            return 0.0;
        }
        double s = 0.0;
        for (int k = 0; k < m; k++) {
            double v = gxT[k][c] / max;
            s += v * v;
        }
        return max * Math.sqrt(s);
    }
}
