package org.vanish.engine;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
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
        // an LSTM's product may carry its c-columns with their own factor, 10^offset[0] relative to the h-columns
        boolean split = cell.type().hasCellState();
        double[] offset = new double[1];
        for (int t = steps; t >= 1; t--) {
            if (zero) {
                norm[t - 1] = Double.NEGATIVE_INFINITY;
                continue;
            }
            double stepScale = split ? cell.rightMultiplyJacobianScaled(tr, t, p, rows, next, work, offset)
                    : cell.rightMultiplyJacobianScaled(tr, t, p, rows, next, work);
            StepWatch.step();
            double[][] swap = p;
            p = next;
            next = swap;
            if (stepScale != 0.0) {
                scale.add(stepScale);
            }
            if (offset[0] != 0.0) {
                offset[0] = renormaliseParts(p, rows, cell.hiddenSize(), offset[0], scale);
                spectral.reset();
            }
            int ell = steps - t + 1;
            if (offset[0] != 0.0) {
                norm[t - 1] = splitNorm(p, rows, cell.hiddenSize(), offset[0], scale);
            } else {
                double max = DenseKernels.maxAbs(p, rows, d);
                if (max == 0.0) {
                    zero = true;
                    norm[t - 1] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                DenseKernels.divide(p, rows, d, max);
                scale.multiply(max);
                norm[t - 1] = scale.plus(spectral.of(p, rows));
            }
            if (ell == nextCompression) {
                nextCompression *= 2;
                // split column blocks are never compressed: an SVD of both would lose the smaller
                if (t - 1 >= MIN_REMAINING && rows > 1 && offset[0] == 0.0) {
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
            } else if (offset[0] != 0.0) {
                // 10^250 and more apart: the larger column block's singular values are the product's
                int n = cell.hiddenSize();
                sv = singularValuesLog10(block(p, rows, offset[0] > 0 ? n : 0, n), rows, n,
                        offset[0] > 0 ? shifted(scale, offset[0]) : scale);
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

    /**
     * p = [p_h  10^{offset} p_c] · 10^{scale}: normalises each column block to max 1 (multiplying scale by the
     * h-block's) and returns the new offset, or 0 once the blocks are within 10^250 (then p_c is folded in).
     */
    private static double renormaliseParts(double[][] p, int rows, int n, double offset, LogScale scale) {
        double h = DenseKernels.maxAbs(p, rows, 0, n);
        double c = DenseKernels.maxAbs(p, rows, n, n);
        if (h == 0.0 || c == 0.0) {
            if (h == 0.0) {
                scale.add(offset);
            }
            return 0.0;
        }
        for (int i = 0; i < rows; i++) {
            DenseKernels.divide(p[i], 0, n, h);
            DenseKernels.divide(p[i], n, n, c);
        }
        scale.multiply(h);
        double off = offset + Math.log10(c) - Math.log10(h);
        if (Math.abs(off) < 250) {
            double f = Math.pow(10, off);
            for (int i = 0; i < rows; i++) {
                DenseKernels.scale(p[i], n, n, f);
            }
            return 0.0;
        }
        return off;
    }

    /** log10 ‖p‖₂ for column blocks 10^250 and more apart: the larger block's norm, to double precision. */
    private static double splitNorm(double[][] p, int rows, int n, double offset, LogScale scale) {
        DMatrixRMaj b = toMatrix(block(p, rows, offset > 0 ? n : 0, n), rows, n);
        return (offset > 0 ? offset : 0.0) + scale.plus(NormOps_DDRM.normP2(b));
    }

    /** Columns off..off+n of the first rows of p, as new rows. */
    private static double[][] block(double[][] p, int rows, int off, int n) {
        double[][] out = new double[rows][n];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(p[i], off, out[i], 0, n);
        }
        return out;
    }

    private static LogScale shifted(LogScale scale, double log10) {
        LogScale s = new LogScale();
        s.add(scale.value());
        s.add(log10);
        return s;
    }
}
