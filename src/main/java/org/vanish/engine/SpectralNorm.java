package org.vanish.engine;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * σ_max of a sequence of slowly changing d×d matrices by power iteration on M Mᵀ, warm-started from the
 * previous left singular vector (the products J_T⋯J_{t+1} share their leading direction as t moves).
 * Iteration stops when the extrapolated remaining error (geometric tail of the increments) is below
 * {@link #RELATIVE_TOLERANCE}; a matrix that does not converge in {@link #MAX_ITERATIONS} (nearly equal
 * leading singular values) falls back to a full SVD, so the answer is exact either way.
 * Not thread-safe.
 */
final class SpectralNorm {
    static final double RELATIVE_TOLERANCE = 1e-13;
    static final int MAX_ITERATIONS = 60;

    private final int d;
    private final double[] u;
    private final double[] w;
    private final double[] z;
    private boolean started;
    private SingularValueDecomposition_F64<DMatrixRMaj> svd;
    private int fallbacks;

    SpectralNorm(int d) {
        this.d = d;
        this.u = new double[d];
        this.w = new double[d];
        this.z = new double[d];
    }

    /** How many matrices needed the SVD fallback so far. */
    int fallbacks() {
        return fallbacks;
    }

    /**
     * σ_max(m).
     * @param m d×d row-major. Not modified.
     */
    double of(double[] m) {
        // the column of largest norm is a lower bound and a safe start
        int best = -1;
        double bestNorm = 0.0;
        for (int j = 0; j < d; j++) {
            double s = 0.0;
            for (int i = 0; i < d; i++) {
                double v = m[i * d + j];
                s += v * v;
            }
            if (s > bestNorm) {
                bestNorm = s;
                best = j;
            }
        }
        if (best < 0) {
            return 0.0;
        }
        bestNorm = Math.sqrt(bestNorm);
        if (!started || transposeTimesNorm(m, u) < bestNorm) {
            for (int i = 0; i < d; i++) {
                u[i] = m[i * d + best] / bestNorm;
            }
            started = true;
        }
        double est = bestNorm;
        double prevIncrement = Double.NaN;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double nw = transposeTimesNorm(m, u);
            // w = Mᵀu / ‖Mᵀu‖, z = M w, u = z/‖z‖
            for (int i = 0; i < d; i++) {
                w[i] /= nw;
            }
            java.util.Arrays.fill(z, 0.0);
            for (int i = 0; i < d; i++) {
                double s = 0.0;
                int row = i * d;
                for (int j = 0; j < d; j++) {
                    s += m[row + j] * w[j];
                }
                z[i] = s;
            }
            double nz = DenseKernels.norm(z, 0, d);
            for (int i = 0; i < d; i++) {
                u[i] = z[i] / nz;
            }
            double next = Math.max(est, Math.max(nw, nz));
            double increment = next - est;
            est = next;
            if (increment <= RELATIVE_TOLERANCE * est * 1e-3) {
                return est;
            }
            if (!Double.isNaN(prevIncrement) && prevIncrement > 0) {
                double q = increment / prevIncrement;
                if (q < 1.0 && increment * q / (1.0 - q) <= RELATIVE_TOLERANCE * est) {
                    return est;
                }
            }
            prevIncrement = increment;
        }
        fallbacks++;
        return svdMax(m);
    }

    /** w = Mᵀu; returns ‖w‖. */
    private double transposeTimesNorm(double[] m, double[] vec) {
        java.util.Arrays.fill(w, 0.0);
        DenseKernels.addTransposeTimes(m, d, d, vec, 0, w, 0);
        return DenseKernels.norm(w, 0, d);
    }

    private double svdMax(double[] m) {
        if (svd == null) {
            svd = DecompositionFactory_DDRM.svd(d, d, false, false, true);
        }
        DMatrixRMaj a = DMatrixRMaj.wrap(d, d, m.clone());
        if (!svd.decompose(a)) {
            throw new IllegalStateException("SVD did not converge");
        }
        double max = 0.0;
        for (double s : svd.getSingularValues()) {
            max = Math.max(max, s);
        }
        return max;
    }
}
