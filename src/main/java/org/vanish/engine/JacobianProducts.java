package org.vanish.engine;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The products ∂s_T/∂s_t = J_T ⋯ J_{t+1}, accumulated from t = T down to 0 as P_{t-1} = P_t J_t.
 * Each P_t is held as 10^{e_t} · M_t with max|M_t| = 1, so magnitudes far beyond the double range are exact.
 * <p>
 * Long products lose rank in double precision: singular values below {@link #RESOLUTION}·σ₁ are rounding
 * noise in any double computation of the product. So each time ℓ = T − t doubles (from 16, and while many
 * steps remain) the product is compressed to the rows that carry its resolvable part, M ← Σ_k Vᵀ_k (an SVD;
 * the left factor is orthogonal and changes no singular value), and only those rows travel on. A random
 * LSTM with d = 256 keeps 147 rows at ℓ = 16, 91 at ℓ = 128 and 28 at ℓ = 400.
 */
public final class JacobianProducts {
    /** Singular values below this fraction of the largest are not resolved by double arithmetic. */
    public static final double RESOLUTION = 1e-16;
    private static final int FIRST_COMPRESSION = 16;
    private static final int MIN_REMAINING = 64;

    private JacobianProducts() {
    }

    /** The accumulated results. */
    public static final class Result {
        /** log10 ‖∂s_T/∂s_t‖₂ for t = 0..T; index T is 0. Exact zero is -∞. */
        public final double[] norm;
        /**
         * log10 of the singular values of ∂s_T/∂s_0 that double precision resolves (those above
         * {@link #RESOLUTION}·σ₁), descending; d values of -∞ for a product that is exactly zero.
         */
        public final double[] productSingularValues;

        Result(double[] norm, double[] productSingularValues) {
            this.norm = norm;
            this.productSingularValues = productSingularValues;
        }
    }

    /** Progress and cancellation for long runs: called once per step with the number of steps done. */
    public interface Progress {
        /** @throws java.util.concurrent.CancellationException to stop. */
        void step(int done, int total);
    }

    /**
     * Accumulates log10 ‖J_T ⋯ J_{t+1}‖₂ for t = T-1 .. 0, renormalising as it goes, and the singular
     * values of the whole product.
     * @param progress may be null.
     */
    public static Result accumulate(Cell cell, Trajectory tr, boolean productSingularValues, Progress progress) {
        int steps = tr.steps();
        int d = cell.stateSize();
        double[][] p = new double[d][d];
        double[][] next = new double[d][d];
        double[][] work = new double[d][d];
        for (int i = 0; i < d; i++) {
            p[i][i] = 1.0;
        }
        double[] norm = new double[steps + 1];
        norm[steps] = 0.0;
        LogScale scale = new LogScale();
        SpectralNorm spectral = new SpectralNorm(d);
        boolean zero = false;
        int rows = d;
        int nextCompression = FIRST_COMPRESSION;
        for (int t = steps; t >= 1; t--) {
            if (zero) {
                norm[t - 1] = Double.NEGATIVE_INFINITY;
                continue;
            }
            cell.rightMultiplyJacobian(tr, t, p, rows, next, work);
            StepWatch.step();
            double[][] swap = p;
            p = next;
            next = swap;
            double max = DenseKernels.maxAbs(p, rows, d);
            if (max == 0.0) {
                zero = true;
                norm[t - 1] = Double.NEGATIVE_INFINITY;
                continue;
            }
            DenseKernels.scale(p, rows, d, 1.0 / max);
            scale.multiply(max);
            norm[t - 1] = scale.plus(spectral.of(p, rows));
            int ell = steps - t + 1;
            if (ell == nextCompression) {
                nextCompression *= 2;
                if (t - 1 >= MIN_REMAINING && rows > 1) {
                    StepWatch.check();
                    int kept = compress(p, rows, d);
                    if (kept < rows) {
                        rows = kept;
                        spectral.reset();
                    }
                }
            }
            if (progress != null) {
                progress.step(steps - t + 1, steps);
            }
        }
        double[] sv = null;
        if (productSingularValues) {
            if (zero) {
                sv = new double[d];
                Arrays.fill(sv, Double.NEGATIVE_INFINITY);
            } else {
                sv = singularValuesLog10(p, rows, d, scale);
            }
        }
        return new Result(norm, sv);
    }

    /**
     * Replaces the rows×d matrix m by its resolvable part, k rows σ_i v_iᵀ for the singular values
     * σ_i &gt; RESOLUTION·σ₁, and returns k. m keeps its singular values down to that resolution.
     */
    static int compress(double[][] m, int rows, int d) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, d, false, true, true);
        if (!svd.decompose(toMatrix(m, rows, d))) {
            return rows;
        }
        double[] s = svd.getSingularValues();
        int count = svd.numberOfSingularValues();
        double max = 0.0;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, s[i]);
        }
        DMatrixRMaj v = svd.getV(null, false);
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (s[i] > RESOLUTION * max) {
                kept++;
            }
        }
        if (kept >= rows) {
            return rows;
        }
        int row = 0;
        for (int i = 0; i < count; i++) {
            if (s[i] > RESOLUTION * max) {
                double[] out = m[row++];
                for (int j = 0; j < d; j++) {
                    out[j] = s[i] * v.unsafe_get(j, i);
                }
            }
        }
        return kept;
    }

    private static DMatrixRMaj toMatrix(double[][] m, int rows, int d) {
        DMatrixRMaj a = new DMatrixRMaj(rows, d);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(m[i], 0, a.data, i * d, d);
        }
        return a;
    }

    private static double[] singularValuesLog10(double[][] m, int rows, int d, LogScale scale) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, d, false, false, true);
        if (!svd.decompose(toMatrix(m, rows, d))) {
            throw new IllegalStateException("SVD of the Jacobian product did not converge");
        }
        double[] s = Arrays.copyOf(svd.getSingularValues(), svd.numberOfSingularValues());
        Arrays.sort(s);
        double max = s[s.length - 1];
        int kept = 0;
        for (double x : s) {
            if (x > RESOLUTION * max) {
                kept++;
            }
        }
        double[] out = new double[kept];
        for (int i = 0; i < kept; i++) {
            out[i] = scale.plus(s[s.length - 1 - i]);
        }
        return out;
    }
}
