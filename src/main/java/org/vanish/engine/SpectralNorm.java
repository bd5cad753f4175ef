package org.vanish.engine;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * σ_max of a sequence of slowly changing d×d matrices (the products J_T⋯J_{t+1} as t moves) by block
 * subspace iteration on M Mᵀ with Rayleigh–Ritz, warm-started from the previous matrix's leading left
 * singular vectors. A block of k vectors converges like (σ_{k+1}/σ_1)^{2i} and cannot settle on σ_2 when the
 * two leading singular values cross, which a single warm-started power vector can. Each call also mixes in
 * the matrix's largest column, and a matrix that does not converge in {@link #MAX_ITERATIONS} falls back to
 * a full SVD, so the answer is exact either way. Not thread-safe.
 */
final class SpectralNorm {
    /** Stop when successive Ritz values agree to this, relatively. */
    static final double RELATIVE_TOLERANCE = 1e-15;
    static final int MAX_ITERATIONS = 40;
    static final int BLOCK = 8;

    private final int d;
    private final int k;
    /** k×d: the block, one vector per row (row-major, so each vector is contiguous). */
    private final double[] u;
    /** k×d: Mᵀ u_i per row. */
    private final double[] w;
    private final double[] z;
    private final DMatrixRMaj gram;
    private final EigenDecomposition_F64<DMatrixRMaj> eig;
    private boolean started;
    private SingularValueDecomposition_F64<DMatrixRMaj> svd;
    private int fallbacks;
    private long iterations;

    SpectralNorm(int d) {
        this.d = d;
        this.k = Math.min(d, BLOCK);
        this.u = new double[k * d];
        this.w = new double[k * d];
        this.z = new double[k * d];
        this.gram = new DMatrixRMaj(k, k);
        this.eig = DecompositionFactory_DDRM.eig(k, true, true);
    }

    /** How many matrices needed the SVD fallback so far. */
    int fallbacks() {
        return fallbacks;
    }

    /** Total subspace iterations so far. */
    long iterations() {
        return iterations;
    }

    /**
     * σ_max(m).
     * @param m d×d row-major. Not modified.
     */
    double of(double[] m) {
        int best = largestColumn(m);
        if (best < 0) {
            return 0.0;
        }
        if (!started) {
            // a seeded gaussian block: deterministic, and in general position
            java.util.Random rnd = new java.util.Random(17);
            for (int i = 0; i < k * d; i++) {
                u[i] = rnd.nextGaussian();
            }
            started = true;
        }
        // the last vector of the block (the weakest Ritz direction) is replaced by the largest column
        for (int i = 0; i < d; i++) {
            u[(k - 1) * d + i] = m[i * d + best];
        }
        orthonormalise(u);
        double prev = 0.0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            iterations++;
            // w_i = Mᵀ u_i; the Ritz values of M Mᵀ on span(u) are the eigenvalues of W Wᵀ
            for (int b = 0; b < k; b++) {
                java.util.Arrays.fill(w, b * d, (b + 1) * d, 0.0);
                DenseKernels.addTransposeTimes(m, d, d, u, b * d, w, b * d);
            }
            double sigma = ritz();
            // rotate the block onto the Ritz vectors (descending), then one more multiplication: u = M w
            rotate();
            if (Math.abs(sigma - prev) <= RELATIVE_TOLERANCE * sigma && it > 0) {
                return sigma;
            }
            prev = sigma;
            for (int b = 0; b < k; b++) {
                multiply(m, w, b * d, u, b * d);
            }
            orthonormalise(u);
        }
        fallbacks++;
        return svdMax(m);
    }

    /** Largest eigenvalue of the Gram matrix of the rows of w, square-rooted; keeps the eigenvectors. */
    private double ritz() {
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double s = 0.0;
                int ra = a * d;
                int rb = b * d;
                for (int i = 0; i < d; i++) {
                    s += w[ra + i] * w[rb + i];
                }
                gram.unsafe_set(a, b, s);
                gram.unsafe_set(b, a, s);
            }
        }
        if (!eig.decompose(gram)) {
            throw new IllegalStateException("eigen decomposition of a " + k + "×" + k + " Gram matrix failed");
        }
        double max = 0.0;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, eig.getEigenvalue(i).real);
        }
        return Math.sqrt(max);
    }

    /** w and u ← the block rotated onto the Ritz vectors, largest first. */
    private void rotate() {
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        rotateRows(w, order);
        rotateRows(u, order);
    }

    private void rotateRows(double[] a, Integer[] order) {
        java.util.Arrays.fill(z, 0.0);
        for (int r = 0; r < k; r++) {
            DMatrixRMaj v = eig.getEigenVector(order[r]);
            for (int b = 0; b < k; b++) {
                double c = v == null ? (b == order[r] ? 1.0 : 0.0) : v.get(b, 0);
                if (c == 0.0) {
                    continue;
                }
                for (int i = 0; i < d; i++) {
                    z[r * d + i] += c * a[b * d + i];
                }
            }
        }
        System.arraycopy(z, 0, a, 0, k * d);
    }

    /** out[outOff..] = M · vec[vecOff..]. */
    private void multiply(double[] m, double[] vec, int vecOff, double[] out, int outOff) {
        for (int i = 0; i < d; i++) {
            double s = 0.0;
            int row = i * d;
            for (int j = 0; j < d; j++) {
                s += m[row + j] * vec[vecOff + j];
            }
            out[outOff + i] = s;
        }
    }

    /** Modified Gram–Schmidt (twice) on the rows of a; a row that vanishes is replaced by a unit vector. */
    private void orthonormalise(double[] a) {
        for (int r = 0; r < k; r++) {
            for (int attempt = 0; ; attempt++) {
                for (int pass = 0; pass < 2; pass++) {
                    for (int q = 0; q < r; q++) {
                        double dot = 0.0;
                        for (int i = 0; i < d; i++) {
                            dot += a[r * d + i] * a[q * d + i];
                        }
                        for (int i = 0; i < d; i++) {
                            a[r * d + i] -= dot * a[q * d + i];
                        }
                    }
                }
                double nrm = DenseKernels.norm(a, r * d, d);
                if (nrm > 1e-12 || attempt >= d) {
                    DenseKernels.scale(a, r * d, d, 1.0 / nrm);
                    break;
                }
                // the block has collapsed (a low-rank matrix): continue with a coordinate direction
                java.util.Arrays.fill(a, r * d, (r + 1) * d, 0.0);
                a[r * d + (r + attempt) % d] = 1.0;
            }
        }
    }

    private int largestColumn(double[] m) {
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
        return best;
    }

    private double svdMax(double[] m) {
        if (svd == null) {
            svd = DecompositionFactory_DDRM.svd(d, d, false, false, true);
        }
        if (!svd.decompose(DMatrixRMaj.wrap(d, d, m.clone()))) {
            throw new IllegalStateException("SVD did not converge");
        }
        double max = 0.0;
        for (double s : svd.getSingularValues()) {
            max = Math.max(max, s);
        }
        return max;
    }
}
