package org.vanish.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The warm-started σ_max against a full SVD along matrix powers, where the two leading singular values
 * come close and cross: a single warm-started power vector settles on σ_2 there (found by the independent
 * autodiff check at ℓ = 156 of a gaussian W, σ_2/σ_1 = 0.967).
 */
class SpectralNormTest {
    private static final double REL_TOL = 1e-12;

    @Test
    void followsTheLargestSingularValueAlongPowersOfGaussianMatrices() {
        for (long seed = 1; seed <= 4; seed++) {
            int n = 40;
            Random rnd = new Random(seed);
            double[] w = new double[n * n];
            for (int i = 0; i < w.length; i++) {
                w[i] = rnd.nextGaussian() / Math.sqrt(n);
            }
            double[][] p = new double[n][n];
            for (int i = 0; i < n; i++) {
                p[i][i] = 1.0;
            }
            double[][] wr = DenseKernels.rows(w, n, n);
            double[][] next = new double[n][n];
            SpectralNorm norm = new SpectralNorm(n);
            for (int ell = 1; ell <= 250; ell++) {
                DenseKernels.mult(p, wr, next, n, n, n);
                double max = DenseKernels.maxAbs(next, n, n);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        p[i][j] = next[i][j] / max;
                    }
                }
                double exact = java.util.Arrays.stream(SingularOps_DDRM.singularValues(new DMatrixRMaj(p)))
                        .max().orElseThrow();
                assertEquals(exact, norm.of(p), REL_TOL * exact, "seed " + seed + ", W^" + ell);
            }
        }
    }

    @Test
    void handlesRankOneAndZeroMatrices() {
        int n = 10;
        double[][] m = new double[n][n];
        SpectralNorm norm = new SpectralNorm(n);
        assertEquals(0.0, norm.of(m));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = (i + 1) * (j % 3 == 0 ? 1.0 : 0.0);
            }
        }
        double exact = java.util.Arrays.stream(SingularOps_DDRM.singularValues(new DMatrixRMaj(m)))
                .max().orElseThrow();
        assertEquals(exact, norm.of(m), REL_TOL * exact);
    }
}
