package org.vanish.engine;

import java.util.Arrays;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The Elman cell h_t = φ(a_t) and the purely additive cell h_t = h_{t-1} + φ(a_t),
 * with a_t = W_h h_{t-1} + W_x x_t + b.
 * J_t = diag(φ'(a_t)) W_h, plus I for the additive cell. The cache holds φ'(a_t) per step.
 */
final class RnnCell extends Cell {
    private final Activation phi;
    private final boolean additive;
    private final double[][] w;
    private final double[][] wT;

    RnnCell(Map<String, DMatrixRMaj> params, Activation phi, boolean additive) {
        super(additive ? CellType.ADDITIVE : CellType.RNN, params);
        this.phi = phi;
        this.additive = additive;
        DMatrixRMaj wh = params.get("W_h");
        this.w = rowsOf(wh);
        this.wT = transposedRowsOf(wh);
    }

    @Override
    public Trajectory forward(double[] drive, int steps, double[] s0) {
        Trajectory tr = new Trajectory(steps, n, n, n, 0);
        double[] s = tr.states;
        double[] c = tr.cache;
        System.arraycopy(s0, 0, s, 0, n);
        double[] a = new double[n];
        double[] pair = new double[2];
        for (int t = 1; t <= steps; t++) {
            int prev = (t - 1) * n;
            StepWatch.step();
            int cur = t * n;
            System.arraycopy(drive, (t - 1) * n, a, 0, n);
            DenseKernels.addRowCombination(wT, n, s, prev, a, n);
            int co = (t - 1) * n;
            for (int i = 0; i < n; i++) {
                double y;
                if (phi == Activation.TANH) {
                    Elementary.tanhInto(a[i], pair, 0, 1);
                    y = pair[0];
                    c[co + i] = pair[1];
                } else if (phi == Activation.SIGMOID) {
                    Elementary.sigmoidInto(a[i], pair, 0, 1, -1);
                    y = pair[0];
                    c[co + i] = pair[1];
                } else {
                    y = phi.value(a[i]);
                    c[co + i] = phi.derivative(a[i]);
                }
                s[cur + i] = additive ? s[prev + i] + y : y;
            }
        }
        checkFinite(tr);
        return tr;
    }

    @Override
    public void vjp(Trajectory tr, int t, double[] g, double[] gPrev, double[] delta) {
        int co = tr.cacheOffset(t);
        for (int i = 0; i < n; i++) {
            delta[i] = tr.cache[co + i] * g[i];
        }
        if (additive) {
            System.arraycopy(g, 0, gPrev, 0, n);
        } else {
            Arrays.fill(gPrev, 0, n, 0.0);
        }
        DenseKernels.addRowCombination(w, n, delta, 0, gPrev, n);
    }

    @Override
    public void jacobianRows(Trajectory tr, int t, double[][] out) {
        int co = tr.cacheOffset(t);
        for (int i = 0; i < n; i++) {
            double di = tr.cache[co + i];
            double[] wi = w[i];
            double[] oi = out[i];
            for (int j = 0; j < n; j++) {
                oi[j] = di * wi[j];
            }
            if (additive) {
                oi[i] += 1.0;
            }
        }
    }
}
