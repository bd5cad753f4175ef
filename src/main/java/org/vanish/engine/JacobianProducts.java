package org.vanish.engine;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The products ∂s_T/∂s_t = J_T ⋯ J_{t+1}, accumulated from t = T down to 0 as P_{t-1} = P_t J_t.
 * Each P_t is held as 10^{e_t} · M_t with max|M_t| = 1, so magnitudes far beyond the double range are exact.
 */
public final class JacobianProducts {
    private JacobianProducts() {
    }

    /** The accumulated results. */
    public static final class Result {
        /** log10 ‖∂s_T/∂s_t‖₂ for t = 0..T; index T is 0. Exact zero is -∞. */
        public final double[] norm;
        /** log10 of the singular values of ∂s_T/∂s_0, descending; exact zeros are -∞. */
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
        for (int t = steps; t >= 1; t--) {
            if (zero) {
                norm[t - 1] = Double.NEGATIVE_INFINITY;
                continue;
            }
            cell.rightMultiplyJacobian(tr, t, p, next, work);
            double[][] swap = p;
            p = next;
            next = swap;
            double max = DenseKernels.maxAbs(p, d, d);
            if (max == 0.0) {
                zero = true;
                norm[t - 1] = Double.NEGATIVE_INFINITY;
                continue;
            }
            DenseKernels.scale(p, d, d, 1.0 / max);
            scale.multiply(max);
            norm[t - 1] = scale.plus(spectral.of(p));
            if (progress != null) {
                progress.step(steps - t + 1, steps);
            }
        }
        double[] sv = null;
        if (productSingularValues) {
            sv = new double[d];
            if (zero) {
                Arrays.fill(sv, Double.NEGATIVE_INFINITY);
            } else {
                sv = singularValuesLog10(p, d, scale);
            }
        }
        return new Result(norm, sv);
    }

    private static double[] singularValuesLog10(double[][] m, int d, LogScale scale) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(d, d, false, false, true);
        if (!svd.decompose(new DMatrixRMaj(m))) {
            throw new IllegalStateException("SVD of the Jacobian product did not converge");
        }
        double[] s = Arrays.copyOf(svd.getSingularValues(), d);
        Arrays.sort(s);
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = scale.plus(s[d - 1 - i]);
        }
        return out;
    }
}
