package org.vanish.theory;

import java.util.Random;
import java.util.function.BooleanSupplier;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.vanish.engine.Cell;
import org.vanish.engine.Trajectory;

/**
 * The leading Lyapunov exponents of a run's trajectory by Benettin's method (Benettin et al. 1980; as used for
 * RNNs by Engelken, Wolf &amp; Abbott 2020): an orthonormal d×k frame Q is carried along the trajectory by the
 * step Jacobians, Z = J_t Q_{t-1}, and re-orthonormalised every step by QR, Z = Q_t R_t. Then
 * λ_i = (1/(T − w)) Σ_{t = w+1..T} ln |R_t,ii|, i = 1..k, after a washout of w steps in which the frame turns
 * towards the leading directions. λ_i is a rate per step in natural log: a perturbation of the state along the
 * i-th direction grows like e^{λ_i t}, and so does a gradient travelling back, since J_T ⋯ J_1 and its transpose
 * have the same singular values. λ_max &lt; 0: gradients vanish; &gt; 0: they explode.
 * <p>
 * Σ ln|R_t,ii| over all d exponents is ln|det J_t| exactly, step by step (the frame is square and orthogonal),
 * so the sum of the full spectrum is the mean of ln|det J_t|. The Jacobians are the engine's own
 * ({@link Cell#jacobian}) at the states of the engine's forward pass.
 */
public final class Lyapunov {
    /** The seed of the initial frame: a fixed one, so that the spectrum of a run is reproducible. */
    private static final long FRAME_SEED = 20_200_604L;

    private Lyapunov() {
    }

    /**
     * The k leading exponents, in the order the frame's columns hold them (descending once converged).
     * @param k        how many, 1 ≤ k ≤ d
     * @param washout  steps before the averaging starts, 0 ≤ washout &lt; T
     * @param cancelled polled once per step; when it answers true the loop stops and null is returned
     * @throws IllegalArgumentException for k or washout out of range (naming the allowed range)
     */
    public static double[] spectrum(Cell cell, Trajectory tr, int k, int washout, BooleanSupplier cancelled) {
        int d = cell.stateSize();
        int steps = tr.steps();
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("k: " + k + " is out of range; allowed 1 to " + d + " (the state size)");
        }
        if (washout < 0 || washout >= steps) {
            throw new IllegalArgumentException("washout: " + washout + " is out of range; allowed 0 to " + (steps - 1)
                    + " (fewer than T = " + steps + " steps)");
        }
        DMatrixRMaj q = initialFrame(d, k);
        DMatrixRMaj jac = new DMatrixRMaj(d, d);
        DMatrixRMaj z = new DMatrixRMaj(d, k);
        DMatrixRMaj r = new DMatrixRMaj(k, k);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, k);
        double[] sum = new double[k];
        for (int t = 1; t <= steps; t++) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            cell.jacobian(tr, t, jac.data);
            CommonOps_DDRM.mult(jac, q, z);
            if (!qr.decompose(z)) {
                throw new IllegalStateException("QR of the propagated frame failed at step " + t);
            }
            qr.getQ(q, true);
            qr.getR(r, true);
            if (t > washout) {
                for (int i = 0; i < k; i++) {
                    sum[i] += Math.log(Math.abs(r.get(i, i)));
                }
            }
        }
        for (int i = 0; i < k; i++) {
            sum[i] /= steps - washout;
        }
        return sum;
    }

    /** A Haar-random orthonormal d×k frame from a fixed seed (a generic start: no direction is missed). */
    static DMatrixRMaj initialFrame(int d, int k) {
        Random rnd = new Random(FRAME_SEED);
        DMatrixRMaj a = new DMatrixRMaj(d, k);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = rnd.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, k);
        if (!qr.decompose(a)) {
            throw new IllegalStateException("QR of the initial frame failed");
        }
        return qr.getQ(null, true);
    }

    /** Multiply–adds of {@link #spectrum}: T·(d²k + 4dk²), the product and the QR of each step. */
    public static double cost(int d, int k, int steps) {
        return (double) steps * ((double) d * d * k + 4.0 * d * k * (double) k);
    }
}
