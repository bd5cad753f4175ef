package org.vanish.engine;

import java.util.Arrays;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * GRU in the form of Cho et al. used by the seeds: u, r = σ(W_* h_{t-1} + U_* x_t + b_*),
 * h̃ = tanh(W_h (r∘h_{t-1}) + U_h x_t + b_h), h_t = (1-u)∘h_{t-1} + u∘h̃.
 * <pre>
 *   J_t = diag(1-u) + diag((h̃-h)u(1-u)) W_u + diag(u(1-h̃²)) W_h (diag(r) + diag(h r(1-r)) W_r)
 * </pre>
 * The cache holds u, r, h̃, their derivatives σ'(a_u), σ'(a_r), tanh'(a_h), and 1−u = σ(−a_u) per step
 * (7n values), all computed from the arguments so that they stay accurate where a gate saturates. Not thread-safe: one instance belongs to one analysis.
 */
final class GruCell extends Cell {
    /** 2n×n stacked W_u, W_r, as rows, and its transpose. */
    private final double[][] wur;
    private final double[][] wurT;
    private final double[][] wh;
    private final double[][] whT;
    private double[] scratch;
    private double[][] scratch2;
    static final int U = 0;
    static final int R = 1;
    static final int HT = 2;
    static final int DU = 3;
    static final int DR = 4;
    static final int DHT = 5;
    static final int KEEP = 6;
    static final int WIDTH = 7;

    GruCell(Map<String, DMatrixRMaj> params, InputSide input) {
        super(CellType.GRU, params, input);
        double[] stack = stackedRecurrent(params, 2); // W_u, W_r
        wur = DenseKernels.rows(stack, 2 * n, n);
        wurT = DenseKernels.transposedRows(stack, 2 * n, n);
        wh = rowsOf(params.get("W_h"));
        whT = transposedRowsOf(params.get("W_h"));
        carried = new GruCarried(this);
    }

    private final GruCarried carried;

    /** The stacked W_u, W_r (2n rows) and W_h (n rows), for {@link GruCarried}. */
    double[][] stackedUr() {
        return wur;
    }

    double[][] stackedUrTransposed() {
        return wurT;
    }

    double[][] candidate() {
        return wh;
    }

    double[][] candidateTransposed() {
        return whT;
    }

    @Override
    public Trajectory forward(double[] drive, int steps, double[] s0) {
        Trajectory tr = new Trajectory(steps, n, WIDTH * n, n, 3);
        double[] s = tr.states;
        double[] q = tr.cache;
        System.arraycopy(s0, 0, s, 0, n);
        double[] pre = new double[2 * n];
        double[] rh = new double[n];
        double[] a = new double[n];
        tr.drive = drive;
        for (int t = 1; t <= steps; t++) {
            int prev = (t - 1) * n;
            StepWatch.step();
            int cur = t * n;
            int dr = (t - 1) * 3 * n;
            System.arraycopy(drive, dr, pre, 0, 2 * n);
            DenseKernels.addRowCombination(wurT, n, s, prev, pre, 2 * n);
            int co = (t - 1) * WIDTH * n;
            for (int k = 0; k < n; k++) {
                Elementary.sigmoidInto(pre[k], q, co + U * n + k, co + DU * n + k, co + KEEP * n + k);
                Elementary.sigmoidInto(pre[n + k], q, co + R * n + k, co + DR * n + k, -1);
                rh[k] = q[co + R * n + k] * s[prev + k];
            }
            System.arraycopy(drive, dr + 2 * n, a, 0, n);
            DenseKernels.addRowCombination(whT, n, rh, 0, a, n);
            boolean sat = false;
            for (int k = 0; k < n; k++) {
                Elementary.tanhInto(a[k], q, co + HT * n + k, co + DHT * n + k);
                s[cur + k] = q[co + KEEP * n + k] * s[prev + k] + q[co + U * n + k] * q[co + HT * n + k];
                sat |= Math.abs(a[k]) > SATURATION | Math.abs(pre[k]) > SATURATION
                        | Math.abs(pre[n + k]) > SATURATION;
            }
            tr.saturated[t - 1] = sat;
        }
        checkFinite(tr);
        return tr;
    }

    @Override
    public void vjp(Trajectory tr, int t, double[] g, double[] gPrev, double[] delta) {
        int co = tr.cacheOffset(t);
        int prev = tr.stateOffset(t - 1);
        double[] q = tr.cache;
        double[] qv = scratch();
        for (int k = 0; k < n; k++) {
            double ht = q[co + HT * n + k];
            delta[k] = g[k] * (ht - tr.states[prev + k]) * q[co + DU * n + k];
            delta[2 * n + k] = g[k] * q[co + U * n + k] * q[co + DHT * n + k];
        }
        Arrays.fill(qv, 0, n, 0.0);
        DenseKernels.addRowCombination(wh, n, delta, 2 * n, qv, n);
        for (int k = 0; k < n; k++) {
            delta[n + k] = qv[k] * tr.states[prev + k] * q[co + DR * n + k];
            gPrev[k] = g[k] * q[co + KEEP * n + k] + qv[k] * q[co + R * n + k];
        }
        DenseKernels.addRowCombination(wur, 2 * n, delta, 0, gPrev, n);
    }

    @Override
    public void jacobianRows(Trajectory tr, int t, double[][] out) {
        int co = tr.cacheOffset(t);
        int prev = tr.stateOffset(t - 1);
        double[] q = tr.cache;
        double[][] mr = scratch2();
        // mr = diag(r) + diag(h r(1-r)) W_r
        for (int i = 0; i < n; i++) {
            double r = q[co + R * n + i];
            double rho = tr.states[prev + i] * q[co + DR * n + i];
            double[] wr = wur[n + i];
            double[] mi = mr[i];
            for (int j = 0; j < n; j++) {
                mi[j] = rho * wr[j];
            }
            mi[i] += r;
        }
        DenseKernels.mult(wh, mr, out, n, n, n);
        for (int i = 0; i < n; i++) {
            double u = q[co + U * n + i];
            double ht = q[co + HT * n + i];
            double alpha = (ht - tr.states[prev + i]) * q[co + DU * n + i];
            double beta = u * q[co + DHT * n + i];
            double[] oi = out[i];
            double[] wu = wur[i];
            for (int j = 0; j < n; j++) {
                oi[j] = beta * oi[j] + alpha * wu[j];
            }
            oi[i] += q[co + KEEP * n + i];
        }
    }

    private double[] scratch() {
        if (scratch == null) {
            scratch = new double[n];
        }
        return scratch;
    }

    private double[][] scratch2() {
        if (scratch2 == null) {
            scratch2 = new double[n][n];
        }
        return scratch2;
    }

    @Override
    boolean tinyWeights() {
        return carried.tinyWeights();
    }

    @Override
    void vjpCarried(Trajectory tr, int t, double[] g, double[] gPrev, double[] delta, double[] scales) {
        carried.vjp(tr, t, g, gPrev, delta, scales);
    }

    @Override
    double rightMultiplyJacobianCarried(Trajectory tr, int t, double[][] p, int rows, double[][] out,
                                        double[][] work) {
        return carried.rightMultiplyJacobian(tr, t, p, rows, out, work);
    }
}
