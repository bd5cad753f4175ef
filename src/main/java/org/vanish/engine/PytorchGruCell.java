package org.vanish.engine;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * PyTorch's GRU (also Keras's default and cuDNN's), the reset applied after the recurrent product, written with the
 * engine's update gate u = 1 − z: u, r = σ(W_* h_{t-1} + U_* x_t + b_*), q = W_h h_{t-1} + b_hn,
 * h̃ = tanh(U_h x_t + b_h + r∘q), h_t = (1-u)∘h_{t-1} + u∘h̃.
 * <pre>
 *   J_t = diag(1-u) + diag((h̃-h)u(1-u)) W_u + diag(u(1-h̃²)) (diag(q r(1-r)) W_r + diag(r) W_h)
 * </pre>
 * Unlike the seeds' GRU no n×n product appears: every term is a row scaling of one recurrent matrix.
 * The cache holds u, r, h̃, σ'(a_u), σ'(a_r), tanh'(a_h), 1−u = σ(−a_u) and q per step (8n values), the
 * derivatives computed from the arguments. Not thread-safe: one instance belongs to one analysis.
 */
final class PytorchGruCell extends Cell {
    private static final int U = 0;
    private static final int R = 1;
    private static final int HT = 2;
    private static final int DU = 3;
    private static final int DR = 4;
    private static final int DHT = 5;
    private static final int KEEP = 6;
    private static final int Q = 7;
    private static final int WIDTH = 8;

    /** 3n×n stacked W_u, W_r, W_h, as rows, and its transpose (n rows of 3n). */
    private final double[][] w;
    private final double[][] wT;
    private final double[] bhn;
    private double[] scratch;

    PytorchGruCell(Map<String, DMatrixRMaj> params, InputSide input) {
        super(CellType.GRU, params, input);
        double[] stack = stackedRecurrent(params, 3);
        w = DenseKernels.rows(stack, 3 * n, n);
        wT = DenseKernels.transposedRows(stack, 3 * n, n);
        DMatrixRMaj b = params.get(GruVariant.RECURRENT_CANDIDATE_BIAS);
        if (b == null) {
            throw new IllegalArgumentException("PyTorch's GRU needs " + GruVariant.RECURRENT_CANDIDATE_BIAS);
        }
        bhn = b.data.clone();
    }

    @Override
    public Trajectory forward(double[] drive, int steps, double[] s0) {
        Trajectory tr = new Trajectory(steps, n, WIDTH * n, n, 3);
        double[] s = tr.states;
        double[] q = tr.cache;
        System.arraycopy(s0, 0, s, 0, n);
        double[] rec = new double[3 * n];
        for (int t = 1; t <= steps; t++) {
            int prev = (t - 1) * n;
            StepWatch.step();
            int cur = t * n;
            int dr = (t - 1) * 3 * n;
            java.util.Arrays.fill(rec, 0.0);
            DenseKernels.addRowCombination(wT, n, s, prev, rec, 3 * n);
            int co = (t - 1) * WIDTH * n;
            for (int k = 0; k < n; k++) {
                Elementary.sigmoidInto(drive[dr + k] + rec[k], q, co + U * n + k, co + DU * n + k, co + KEEP * n + k);
                Elementary.sigmoidInto(drive[dr + n + k] + rec[n + k], q, co + R * n + k, co + DR * n + k, -1);
                double qk = rec[2 * n + k] + bhn[k];
                q[co + Q * n + k] = qk;
                Elementary.tanhInto(drive[dr + 2 * n + k] + q[co + R * n + k] * qk, q, co + HT * n + k,
                        co + DHT * n + k);
                s[cur + k] = q[co + KEEP * n + k] * s[prev + k] + q[co + U * n + k] * q[co + HT * n + k];
            }
        }
        checkFinite(tr);
        return tr;
    }

    @Override
    public void vjp(Trajectory tr, int t, double[] g, double[] gPrev, double[] delta) {
        int co = tr.cacheOffset(t);
        int prev = tr.stateOffset(t - 1);
        double[] q = tr.cache;
        double[] v = scratch();
        for (int k = 0; k < n; k++) {
            double du = g[k] * (q[co + HT * n + k] - tr.states[prev + k]) * q[co + DU * n + k];
            double dht = g[k] * q[co + U * n + k] * q[co + DHT * n + k];
            double dr = dht * q[co + Q * n + k] * q[co + DR * n + k];
            delta[k] = du;
            delta[n + k] = dr;
            delta[2 * n + k] = dht;
            v[k] = du;
            v[n + k] = dr;
            v[2 * n + k] = dht * q[co + R * n + k];
            gPrev[k] = g[k] * q[co + KEEP * n + k];
        }
        DenseKernels.addRowCombination(w, 3 * n, v, 0, gPrev, n);
    }

    @Override
    public void jacobianRows(Trajectory tr, int t, double[][] out) {
        int co = tr.cacheOffset(t);
        int prev = tr.stateOffset(t - 1);
        double[] q = tr.cache;
        for (int i = 0; i < n; i++) {
            double alpha = (q[co + HT * n + i] - tr.states[prev + i]) * q[co + DU * n + i];
            double beta = q[co + U * n + i] * q[co + DHT * n + i];
            double rho = beta * q[co + Q * n + i] * q[co + DR * n + i];
            double eta = beta * q[co + R * n + i];
            double[] wu = w[i];
            double[] wr = w[n + i];
            double[] wh = w[2 * n + i];
            double[] oi = out[i];
            for (int j = 0; j < n; j++) {
                oi[j] = alpha * wu[j] + rho * wr[j] + eta * wh[j];
            }
            oi[i] += q[co + KEEP * n + i];
        }
    }

    private double[] scratch() {
        if (scratch == null) {
            scratch = new double[3 * n];
        }
        return scratch;
    }
}
