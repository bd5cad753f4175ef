package org.vanish.engine;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * σ_max of a sequence of slowly changing d×d matrices (the products J_T⋯J_{t+1} as t moves) by
 * Golub–Kahan–Lanczos bidiagonalisation with full reorthogonalisation, started from the previous matrix's
 * leading left singular vector: Mᵀ[p_1..p_k] = [q_1..q_k] B_k with B_k upper bidiagonal (α on the diagonal,
 * β above it), whose largest singular value rises to σ_max with Krylov speed. A warm start converges in two
 * or three steps, and a crossing of the two leading singular values (where a single power vector settles on
 * σ_2, as the independent autodiff check caught) is resolved because both directions enter the Krylov space.
 * The start vector is nudged by a fixed pseudo-random vector so it is never orthogonal to the leading
 * direction, and a matrix that has not converged after {@link #MAX_STEPS} steps falls back to a full SVD.
 * Not thread-safe.
 */
final class SpectralNorm {
    /** Stop when successive Ritz values agree to this, relatively (4e-14 in log10; reports need 1e-6). */
    static final double RELATIVE_TOLERANCE = 1e-13;
    static final int MAX_STEPS = 60;
    private static final double NUDGE = 1e-3;

    private final int d;
    private final int maxSteps;
    /** Left vectors p_0..p_k and right vectors q_0..q_k, as rows. */
    private final double[][] p;
    private final double[][] q;
    private final double[] alpha;
    private final double[] beta;
    private final double[][] mt;
    private final double[] u;
    private final double[] nudge;
    private final double[] diag;
    private final double[] off;
    private final double[] y;
    private final double[] work;
    private boolean started;
    /** Rows of the current matrix: the left vectors have this length. */
    private int r;
    private int fallbacks;
    private long steps;

    SpectralNorm(int d) {
        this.d = d;
        this.maxSteps = Math.min(d, MAX_STEPS);
        this.p = new double[maxSteps + 1][d];
        this.q = new double[maxSteps + 1][d];
        this.alpha = new double[maxSteps + 1];
        this.beta = new double[maxSteps + 1];
        this.mt = new double[d][d];
        this.u = new double[d];
        this.nudge = new double[d];
        this.diag = new double[maxSteps + 1];
        this.off = new double[maxSteps + 1];
        this.y = new double[maxSteps + 1];
        this.work = new double[maxSteps + 1];
        java.util.Random rnd = new java.util.Random(17);
        for (int i = 0; i < d; i++) {
            nudge[i] = rnd.nextGaussian();
        }
        DenseKernels.scale(nudge, 0, d, 1.0 / DenseKernels.norm(nudge, 0, d));
    }

    /** How many matrices needed the SVD fallback so far. */
    int fallbacks() {
        return fallbacks;
    }

    /** Lanczos steps so far (each is one product with M and one with Mᵀ). */
    long steps() {
        return steps;
    }

    /** Forgets the warm start (the rows of the next matrices are in another basis). */
    void reset() {
        started = false;
    }

    /** σ_max(m) for a d×d matrix. */
    double of(double[][] m) {
        return of(m, d);
    }

    /**
     * σ_max(m).
     * @param m rows (≤ d) rows of d. Not modified.
     */
    double of(double[][] m, int rows) {
        this.r = rows;
        if (DenseKernels.maxAbs(m, rows, d) == 0.0) {
            return 0.0;
        }
        DenseKernels.transpose(m, rows, d, mt);
        for (int i = 0; i < rows; i++) {
            p[0][i] = started ? u[i] + NUDGE * nudge[i] : nudge[i];
        }
        orthonormalise(p[0], p, 0, rows);
        alpha[0] = combine(m, rows, p[0], q[0], null, 0.0, q, 0, d);
        if (alpha[0] == 0.0) {
            // p_0 is orthogonal to the range of M: start from M's largest column instead
            largestColumn(m, p[0]);
            orthonormalise(p[0], p, 0, rows);
            alpha[0] = combine(m, rows, p[0], q[0], null, 0.0, q, 0, d);
        }
        started = true;
        double prev = alpha[0];
        for (int j = 0; j < maxSteps; j++) {
            steps++;
            // p_{j+1} = M q_j − α_j p_j, reorthogonalised; β_j its norm
            beta[j] = combine(mt, d, q[j], p[j + 1], p[j], alpha[j], p, j + 1, r);
            if (beta[j] <= 1e-14 * prev) {
                // an invariant subspace: the Ritz values of B_{j+1} are exact
                return finish(j + 1, m);
            }
            // q_{j+1} = Mᵀ p_{j+1} − β_j q_j, reorthogonalised; α_{j+1} its norm
            alpha[j + 1] = combine(m, r, p[j + 1], q[j + 1], q[j], beta[j], q, j + 1, d);
            double s = ritz(j + 2);
            if (alpha[j + 1] <= 1e-14 * prev || (j >= 1 && Math.abs(s - prev) <= RELATIVE_TOLERANCE * s)) {
                return finish(j + 2, m);
            }
            prev = s;
        }
        fallbacks++;
        started = false;
        return svdMax(m, rows);
    }

    /**
     * out = Σ_{i<count} vec_i · rows[i] − coef · last, over len entries, reorthogonalised against
     * basis[0..basisCount) and normalised.
     * @return the norm before normalising
     */
    private double combine(double[][] rows, int count, double[] vec, double[] out, double[] last, double coef,
                           double[][] basis, int basisCount, int len) {
        Arrays.fill(out, 0, len, 0.0);
        DenseKernels.addRowCombination(rows, count, vec, 0, out, len);
        if (last != null) {
            for (int i = 0; i < len; i++) {
                out[i] -= coef * last[i];
            }
        }
        return orthonormalise(out, basis, basisCount, len);
    }

    /** Removes from vec[0..len) its components along basis[0..count) twice, normalises it, returns its norm before. */
    private double orthonormalise(double[] vec, double[][] basis, int count, int len) {
        for (int pass = 0; pass < 2; pass++) {
            for (int b = 0; b < count; b++) {
                double[] e = basis[b];
                double dot = 0.0;
                for (int i = 0; i < len; i++) {
                    dot += vec[i] * e[i];
                }
                for (int i = 0; i < len; i++) {
                    vec[i] -= dot * e[i];
                }
            }
        }
        double nrm = DenseKernels.norm(vec, 0, len);
        if (nrm > 0) {
            DenseKernels.scale(vec, 0, len, 1.0 / nrm);
        }
        return nrm;
    }

    /** √λ_max of Bᵀ B for the leading size×size part of B, by Sturm bisection on the tridiagonal. */
    private double ritz(int size) {
        for (int i = 0; i < size; i++) {
            double b = i > 0 ? beta[i - 1] : 0.0;
            diag[i] = alpha[i] * alpha[i] + b * b;
            off[i] = i + 1 < size ? alpha[i] * beta[i] : 0.0;
        }
        double lo = 0.0;
        double hi = 0.0;
        for (int i = 0; i < size; i++) {
            lo = Math.max(lo, diag[i]);
            hi = Math.max(hi, diag[i] + Math.abs(off[i]) + (i > 0 ? Math.abs(off[i - 1]) : 0.0));
        }
        for (int it = 0; it < 200 && hi - lo > 1e-16 * hi; it++) {
            double mid = 0.5 * (lo + hi);
            if (below(mid, size) == size) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return Math.sqrt(hi);
    }

    /** How many eigenvalues of the tridiagonal (diag, off) of this size are below x (Sturm sequence). */
    private int below(double x, int size) {
        int count = 0;
        double t = diag[0] - x;
        for (int i = 0; ; i++) {
            if (t == 0.0) {
                t = -1e-300;
            }
            if (t < 0) {
                count++;
            }
            if (i + 1 >= size) {
                return count;
            }
            t = diag[i + 1] - x - off[i] * off[i] / t;
        }
    }

    /** The Ritz value of B_size, keeping its left Ritz vector for the next matrix's start. */
    private double finish(int size, double[][] m) {
        double s = ritz(size);
        double lambda = s * s;
        // inverse iteration on Bᵀ B − μ I, μ just above λ_max (negative definite: no pivoting needed)
        double mu = lambda * (1 + 1e-10) + Double.MIN_NORMAL;
        Arrays.fill(y, 0, size, 1.0);
        for (int it = 0; it < 3; it++) {
            solveShifted(size, mu);
            double nrm = DenseKernels.norm(y, 0, size);
            if (!(nrm > 0) || !Double.isFinite(nrm)) {
                Arrays.fill(y, 0, size, 1.0);
                break;
            }
            DenseKernels.scale(y, 0, size, 1.0 / nrm);
        }
        // M ≈ P_k B_kᵀ Q_kᵀ, so y (an eigenvector of Bᵀ B) holds the left Ritz vector's coordinates in p_0..p_k
        Arrays.fill(u, 0.0);
        DenseKernels.addRowCombination(p, size, y, 0, u, r);
        double nu = DenseKernels.norm(u, 0, r);
        if (nu > 0) {
            DenseKernels.scale(u, 0, r, 1.0 / nu);
        }
        return s;
    }

    /** y ← (T − μ I)⁻¹ y for the tridiagonal T in diag, off (Thomas algorithm). */
    private void solveShifted(int size, double mu) {
        double[] c = work;
        double b0 = diag[0] - mu;
        c[0] = off[0] / b0;
        y[0] = y[0] / b0;
        for (int i = 1; i < size; i++) {
            double bi = diag[i] - mu - off[i - 1] * c[i - 1];
            c[i] = i + 1 < size ? off[i] / bi : 0.0;
            y[i] = (y[i] - off[i - 1] * y[i - 1]) / bi;
        }
        for (int i = size - 2; i >= 0; i--) {
            y[i] -= c[i] * y[i + 1];
        }
    }

    private void largestColumn(double[][] m, double[] out) {
        int best = 0;
        double bestNorm = -1.0;
        for (int j = 0; j < d; j++) {
            double s = 0.0;
            for (int i = 0; i < r; i++) {
                s += m[i][j] * m[i][j];
            }
            if (s > bestNorm) {
                bestNorm = s;
                best = j;
            }
        }
        for (int i = 0; i < r; i++) {
            out[i] = m[i][best];
        }
    }

    private double svdMax(double[][] m, int rows) {
        DMatrixRMaj a = new DMatrixRMaj(rows, d);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(m[i], 0, a.data, i * d, d);
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, d, false, false, true);
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
