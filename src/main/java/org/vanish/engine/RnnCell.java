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
    /** Whether φ' can underflow (tanh, sigmoid); relu' and linear' are exactly 0 or 1. */
    private final boolean saturates;
    /** 2^−k W_h with k = {@link #wExp} &lt; 0 for weights below 2^−256, else W_h itself. */
    private final double[][] wScaled;
    private final int wExp;
    private double[] lam;
    private double[] sgn;
    private double[] work;

    RnnCell(Map<String, DMatrixRMaj> params, Activation phi, boolean additive, InputSide input) {
        super(additive ? CellType.ADDITIVE : CellType.RNN, params, input);
        this.phi = phi;
        this.additive = additive;
        DMatrixRMaj wh = params.get("W_h");
        this.w = rowsOf(wh);
        this.wT = transposedRowsOf(wh);
        this.saturates = phi == Activation.TANH || phi == Activation.SIGMOID;
        this.wExp = LogFactors.weightExponent(w, n, n);
        this.wScaled = LogFactors.scaledRows(w, wExp);
    }

    @Override
    public Trajectory forward(double[] drive, int steps, double[] s0) {
        Trajectory tr = new Trajectory(steps, n, n, n, 0);
        double[] s = tr.states;
        double[] c = tr.cache;
        System.arraycopy(s0, 0, s, 0, n);
        tr.drive = drive;
        double[] a = new double[n];
        double[] pair = new double[2];
        for (int t = 1; t <= steps; t++) {
            int prev = (t - 1) * n;
            StepWatch.step();
            int cur = t * n;
            preActivation(tr, t, a);
            int co = (t - 1) * n;
            boolean sat = false;
            for (int i = 0; i < n; i++) {
                sat |= Math.abs(a[i]) > SATURATION;
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
            tr.saturated[t - 1] = sat && saturates;
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

    /** a_t = W_h h_{t-1} + drive_t, as the forward pass forms it. @param a length n. Overwritten. */
    private void preActivation(Trajectory tr, int t, double[] a) {
        System.arraycopy(tr.drive, (t - 1) * n, a, 0, n);
        DenseKernels.addRowCombination(wT, n, tr.states, (t - 1) * n, a, n);
    }

    /** ln φ'(a_i) for the step into lam[0..n). */
    private void lnDerivatives(Trajectory tr, int t) {
        if (lam == null) {
            lam = new double[n];
            sgn = new double[n];
            work = new double[n];
        }
        preActivation(tr, t, work);
        for (int i = 0; i < n; i++) {
            lam[i] = phi == Activation.TANH ? LogFactors.lnTanhDerivative(work[i])
                    : LogFactors.lnSigmoidDerivative(work[i]);
        }
    }

    @Override
    boolean tinyWeights() {
        return wExp < 0;
    }

    /** δ = φ'(a)∘g with its largest term taken out, then gPrev = [g +] W_hᵀ δ with its own. */
    @Override
    void vjpCarried(Trajectory tr, int t, double[] g, double[] gPrev, double[] delta, double[] scales) {
        if (!saturates && !tinyWeights()) {
            return;
        }
        lnDerivatives(tr, t);
        for (int i = 0; i < n; i++) {
            lam[i] += LogFactors.lnAbs(g[i]);
            sgn[i] = LogFactors.sign(g[i]);
        }
        double md = LogFactors.max(lam, 0, n);
        LogFactors.expand(sgn, lam, 0, n, md, delta, 0);
        Arrays.fill(gPrev, 0, n, 0.0);
        DenseKernels.addRowCombination(wScaled, n, delta, 0, gPrev, n);
        // gPrev = [g +] e^{mw} v with v = (2^−k W)ᵀ δ'
        double mw = md + wExp * LogFactors.LN2;
        double mg = mw + LogFactors.lnAbs(DenseKernels.maxAbs(gPrev, 0, n));
        if (additive) {
            mg = Math.max(mg, LogFactors.lnAbs(DenseKernels.maxAbs(g, 0, n)));
        }
        if (mg == Double.NEGATIVE_INFINITY) {
            return;
        }
        double fw = Elementary.exp(mw - mg);
        double fg = additive ? Elementary.exp(-mg) : 0.0;
        for (int i = 0; i < n; i++) {
            gPrev[i] = gPrev[i] * fw + g[i] * fg;
        }
        scales[0] = mg / LogFactors.LN10;
        scales[1] = md == Double.NEGATIVE_INFINITY ? 0.0 : md / LogFactors.LN10;
    }

    /** J_t = diag(φ'(a)) W_h [+ I] with its largest factor taken out, then p J_t. */
    @Override
    double rightMultiplyJacobianCarried(Trajectory tr, int t, double[][] p, int rows, double[][] out,
                                        double[][] jac) {
        if (!saturates && !tinyWeights()) {
            return 0.0;
        }
        lnDerivatives(tr, t);
        double kw = wExp * LogFactors.LN2;
        double m = LogFactors.max(lam, 0, n) + kw;
        if (additive) {
            m = Math.max(m, 0.0);
        }
        for (int i = 0; i < n; i++) {
            double di = Elementary.exp(lam[i] + kw - m);
            double[] wi = wScaled[i];
            double[] ji = jac[i];
            for (int j = 0; j < n; j++) {
                ji[j] = di * wi[j];
            }
            if (additive) {
                ji[i] += Elementary.exp(-m);
            }
        }
        DenseKernels.mult(p, jac, out, rows, n, n);
        return m / LogFactors.LN10;
    }
}
