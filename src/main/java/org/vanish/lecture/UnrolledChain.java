package org.vanish.lecture;

import java.util.function.BooleanSupplier;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.vanish.engine.Cell;
import org.vanish.engine.DenseKernels;
import org.vanish.engine.LayerRun;
import org.vanish.engine.RunResult;
import org.vanish.engine.Trajectory;

/**
 * The chain rule of seed 001 for one node of the unrolled network:
 * <pre>
 *   ∂J/∂s_t = ∂J/∂s_T · ∂s_T/∂s_{T-1} ⋯ ∂s_{t+1}/∂s_t,   so   ‖∂J/∂s_t‖ ≤ ‖v‖ · Π_{k=t+1..T} ‖J_k‖₂
 * </pre>
 * for L = J = v·h_T (∂J/∂s_T = [v; 0]) and the step Jacobians J_k = ∂s_k/∂s_{k-1} (s = h, or [h; c] for the
 * LSTM). Each factor's norm is its largest singular value, from a full SVD of the explicit d×d Jacobian, and
 * the actual gradient is formed by multiplying those explicit Jacobians (not the engine's vector–Jacobian
 * products), so that its agreement with the engine's BPTT is an independent check. Everything is carried in
 * log10 with a renormalised vector, as in the engine.
 *
 * @param node          t, the node whose gradient is expanded (0 ≤ t ≤ T)
 * @param stepNormLog10 log10 ‖J_k‖₂ for k = t+1..T at index k − t − 1; -∞ for a zero Jacobian
 * @param readoutLog10  log10 ‖∂J/∂s_T‖ = log10 ‖v‖
 * @param boundLog10    log10 (‖v‖ · Π ‖J_k‖₂), the submultiplicative bound
 * @param actualLog10   log10 ‖∂J/∂s_t‖₂
 */
public record UnrolledChain(int node, double[] stepNormLog10, double readoutLog10, double boundLog10,
                            double actualLog10) {

    /**
     * Expands the chain for node t of an analysed run.
     * @param cancelled polled once per step; when it answers true the partial result is returned
     * @throws IllegalArgumentException if t is outside 0..T
     */
    public static UnrolledChain of(RunResult run, int t, BooleanSupplier cancelled) {
        LayerRun layer = chainLayer(run);
        Trajectory tr = layer.trajectory();
        int steps = tr.steps();
        if (t < 0 || t > steps) {
            throw new IllegalArgumentException("node " + t + " is outside 0 to T = " + steps);
        }
        Cell cell = Cell.create(run.spec(), layer.parameters());
        int d = cell.stateSize();
        int n = cell.hiddenSize();
        double[] g = new double[d];
        System.arraycopy(run.spec().readout(), 0, g, 0, n);
        double readout = Math.log10(DenseKernels.norm(g, 0, g.length));
        double scale = normalise(g);
        DMatrixRMaj jac = new DMatrixRMaj(d, d);
        double[] next = new double[d];
        double[] stepNorms = new double[steps - t];
        double bound = readout;
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(d, d, false, false, true);
        for (int k = steps; k > t && !cancelled.getAsBoolean(); k--) {
            cell.jacobian(tr, k, jac.data);
            double s = largestSingularValue(svd, jac);
            stepNorms[k - t - 1] = Math.log10(s);
            bound += stepNorms[k - t - 1];
            // g ← J_kᵀ g with the explicit Jacobian
            for (int j = 0; j < d; j++) {
                double sum = 0.0;
                for (int i = 0; i < d; i++) {
                    sum += jac.data[i * d + j] * g[i];
                }
                next[j] = sum;
            }
            System.arraycopy(next, 0, g, 0, d);
            scale += normalise(g);
        }
        return new UnrolledChain(t, stepNorms, readout, bound, scale);
    }

    /**
     * The layer whose chain this is: the top layer's forward direction, the one J reads (through the first n entries
     * of v); layer 0 of a one-layer run. Its states reach J only along its own recurrence, so the chain rule above is
     * exact for it. Layer 0 of a stack also feeds the layers above at every step, so the chain of layer 0 would be
     * the gradient of v·h_T of layer 0, a loss the stack does not have (a three-layer tanh nn.RNN imported from
     * PyTorch: 10^-24.4 against its layer 1's 10^-22.0 at t = 0, which autograd gives too).
     */
    public static LayerRun chainLayer(RunResult run) {
        LayerRun top = run.layers().get(0);
        for (LayerRun l : run.layers()) {
            if (!l.backward() && l.layer() > top.layer()) {
                top = l;
            }
        }
        return top;
    }

    /** The number of step Jacobians in the chain, T − t. */
    public int length() {
        return stepNormLog10.length;
    }

    /** log10 ‖J_k‖₂ for k = t+1..T. */
    public double stepNormLog10At(int k) {
        return stepNormLog10[k - node - 1];
    }

    private static double largestSingularValue(SingularValueDecomposition_F64<DMatrixRMaj> svd, DMatrixRMaj m) {
        if (!svd.decompose(m.copy())) {
            throw new IllegalStateException("singular value decomposition did not converge");
        }
        double max = 0.0;
        for (double s : svd.getSingularValues()) {
            max = Math.max(max, s);
        }
        return max;
    }

    /** Scales x to unit norm and returns log10 of its former norm (-∞ and x = 0 for a zero vector). */
    private static double normalise(double[] x) {
        double r = DenseKernels.norm(x, 0, x.length);
        if (r == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] /= r;
        }
        return Math.log10(r);
    }
}
