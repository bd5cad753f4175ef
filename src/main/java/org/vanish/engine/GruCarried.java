package org.vanish.engine;

import java.util.Arrays;

/**
 * The GRU's saturated steps, formed from the logs of their factors ({@link LogFactors}): u = σ(a_u), 1 − u =
 * σ(−a_u), r = σ(a_r), σ'(a_u), σ'(a_r) and tanh'(a_h) are taken as logs from the pre-activations, which are
 * formed again from the drive exactly as the forward pass formed them. With those,
 * <pre>
 *   δ_u = g∘(h̃−h)∘σ'(a_u),  δ_h = g∘u∘tanh'(a_h),  q = W_hᵀ δ_h,  δ_r = q∘h∘σ'(a_r),
 *   J_tᵀ g = g∘(1−u) + q∘r + W_uᵀ δ_u + W_rᵀ δ_r
 * </pre>
 * each vector with its largest term taken out before a product with a matrix. Not thread-safe.
 */
final class GruCarried {
    private final GruCell cell;
    private final int n;
    /** 2^−k W for the stacked W_u, W_r and for W_h, with k &lt; 0 only for weights below 2^−256. */
    private final double[][] urScaled;
    private final double[][] hScaled;
    private final double urLn;
    private final double hLn;
    private final int urExp;
    private final int hExp;

    private double[] pre;
    private double[] a;
    private double[] rh;
    /** ln u, ln(1−u), ln σ'(a_u), ln r, ln σ'(a_r), ln tanh'(a_h): six blocks of n. */
    private double[] logs;
    /** Terms of δ_u, δ_r, δ_h (three blocks of n) as signs and logs, and of g∘(1−u) + q∘r. */
    private double[] sgn;
    private double[] lam;
    private double[] dSgn;
    private double[] dLam;
    private double[] x;
    private double[] v;
    private double[][] mr;

    GruCarried(GruCell cell) {
        this.cell = cell;
        this.n = cell.hiddenSize();
        this.urExp = LogFactors.weightExponent(cell.stackedUr(), 2 * n, n);
        this.hExp = LogFactors.weightExponent(cell.candidate(), n, n);
        this.urScaled = LogFactors.scaledRows(cell.stackedUr(), urExp);
        this.hScaled = LogFactors.scaledRows(cell.candidate(), hExp);
        this.urLn = urExp * LogFactors.LN2;
        this.hLn = hExp * LogFactors.LN2;
    }

    boolean tinyWeights() {
        return urExp < 0 || hExp < 0;
    }

    private void logs(Trajectory tr, int t) {
        if (pre == null) {
            pre = new double[2 * n];
            a = new double[n];
            rh = new double[n];
            logs = new double[6 * n];
            sgn = new double[3 * n];
            lam = new double[3 * n];
            dSgn = new double[n];
            dLam = new double[n];
            x = new double[3 * n];
            v = new double[n];
        }
        int prev = tr.stateOffset(t - 1);
        int co = tr.cacheOffset(t);
        int dr = (t - 1) * 3 * n;
        System.arraycopy(tr.drive, dr, pre, 0, 2 * n);
        DenseKernels.addRowCombination(cell.stackedUrTransposed(), n, tr.states, prev, pre, 2 * n);
        for (int k = 0; k < n; k++) {
            rh[k] = tr.cache[co + GruCell.R * n + k] * tr.states[prev + k];
        }
        System.arraycopy(tr.drive, dr + 2 * n, a, 0, n);
        DenseKernels.addRowCombination(cell.candidateTransposed(), n, rh, 0, a, n);
        for (int k = 0; k < n; k++) {
            logs[k] = LogFactors.lnSigmoid(pre[k]);
            logs[n + k] = LogFactors.lnSigmoid(-pre[k]);
            logs[2 * n + k] = LogFactors.lnSigmoidDerivative(pre[k]);
            logs[3 * n + k] = LogFactors.lnSigmoid(pre[n + k]);
            logs[4 * n + k] = LogFactors.lnSigmoidDerivative(pre[n + k]);
            logs[5 * n + k] = LogFactors.lnTanhDerivative(a[k]);
        }
    }

    /** {@link Cell#vjpScaled} for a saturated step. */
    void vjp(Trajectory tr, int t, double[] g, double[] gPrev, double[] delta, double[] scales) {
        logs(tr, t);
        int prev = tr.stateOffset(t - 1);
        int co = tr.cacheOffset(t);
        for (int k = 0; k < n; k++) {
            double h = tr.states[prev + k];
            double diff = tr.cache[co + GruCell.HT * n + k] - h;
            double lg = LogFactors.lnAbs(g[k]);
            double sg = LogFactors.sign(g[k]);
            sgn[k] = sg * LogFactors.sign(diff);
            lam[k] = lg + LogFactors.lnAbs(diff) + logs[2 * n + k];
            sgn[2 * n + k] = sg;
            lam[2 * n + k] = lg + logs[k] + logs[5 * n + k];
        }
        // q = W_hᵀ δ_h = e^{mq} · (2^−k W_h)ᵀ δ_h'
        double mh = LogFactors.max(lam, 2 * n, n);
        LogFactors.expand(sgn, lam, 2 * n, n, mh, x, 0);
        Arrays.fill(v, 0.0);
        DenseKernels.addRowCombination(hScaled, n, x, 0, v, n);
        double mq = mh + hLn;
        for (int k = 0; k < n; k++) {
            double lq = mq + LogFactors.lnAbs(v[k]);
            double sq = LogFactors.sign(v[k]);
            double h = tr.states[prev + k];
            sgn[n + k] = sq * LogFactors.sign(h);
            lam[n + k] = lq + LogFactors.lnAbs(h) + logs[4 * n + k];
            LogFactors.sum(LogFactors.sign(g[k]), LogFactors.lnAbs(g[k]) + logs[n + k], sq, lq + logs[3 * n + k],
                    dSgn, dLam, k);
        }
        // W_uᵀ δ_u + W_rᵀ δ_r = e^{mv} · (2^−k [W_u; W_r])ᵀ [δ_u; δ_r]'
        double mur = LogFactors.max(lam, 0, 2 * n);
        LogFactors.expand(sgn, lam, 0, 2 * n, mur, x, 0);
        Arrays.fill(v, 0.0);
        DenseKernels.addRowCombination(urScaled, 2 * n, x, 0, v, n);
        double mv = mur + urLn;
        double mg = Math.max(LogFactors.max(dLam, 0, n), mv + LogFactors.lnAbs(DenseKernels.maxAbs(v, 0, n)));
        if (mg == Double.NEGATIVE_INFINITY) {
            Arrays.fill(gPrev, 0, n, 0.0);
        } else {
            double fv = Elementary.exp(mv - mg);
            LogFactors.expand(dSgn, dLam, 0, n, mg, gPrev, 0);
            for (int k = 0; k < n; k++) {
                gPrev[k] += v[k] * fv;
            }
            scales[0] = mg / LogFactors.LN10;
        }
        double md = LogFactors.max(lam, 0, 3 * n);
        LogFactors.expand(sgn, lam, 0, 3 * n, md, delta, 0);
        if (md != Double.NEGATIVE_INFINITY) {
            scales[1] = md / LogFactors.LN10;
        }
    }

    /**
     * {@link Cell#rightMultiplyJacobianScaled} for a saturated step: J_t = diag(1−u) + diag((h̃−h)σ'(a_u)) W_u
     * + diag(u tanh'(a_h)) W_h M_r with M_r = diag(r) + diag(h σ'(a_r)) W_r, each with its largest factor out.
     */
    double rightMultiplyJacobian(Trajectory tr, int t, double[][] p, int rows, double[][] out, double[][] jac) {
        logs(tr, t);
        if (mr == null) {
            mr = new double[n][n];
        }
        int prev = tr.stateOffset(t - 1);
        int co = tr.cacheOffset(t);
        double mR = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            lam[i] = LogFactors.lnAbs(tr.states[prev + i]) + logs[4 * n + i] + urLn;
            mR = Math.max(mR, Math.max(lam[i], logs[3 * n + i]));
        }
        for (int i = 0; i < n; i++) {
            double rho = LogFactors.sign(tr.states[prev + i]) * Elementary.exp(lam[i] - mR);
            double[] wr = urScaled[n + i];
            double[] mi = mr[i];
            for (int j = 0; j < n; j++) {
                mi[j] = rho * wr[j];
            }
            mi[i] += Elementary.exp(logs[3 * n + i] - mR);
        }
        DenseKernels.mult(hScaled, mr, jac, n, n, n);
        // row i: (1−u_i) e_i + α_i (2^−k W_u)_i + β_i X_i with X = (2^−k W_h) M_r'
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double diff = tr.cache[co + GruCell.HT * n + i] - tr.states[prev + i];
            sgn[i] = LogFactors.sign(diff);
            lam[i] = LogFactors.lnAbs(diff) + logs[2 * n + i] + urLn;
            lam[n + i] = logs[i] + logs[5 * n + i] + hLn + mR;
            m = Math.max(m, Math.max(logs[n + i], Math.max(lam[i], lam[n + i])));
        }
        for (int i = 0; i < n; i++) {
            double alpha = sgn[i] * Elementary.exp(lam[i] - m);
            double beta = Elementary.exp(lam[n + i] - m);
            double[] ji = jac[i];
            double[] wu = urScaled[i];
            for (int j = 0; j < n; j++) {
                ji[j] = beta * ji[j] + alpha * wu[j];
            }
            ji[i] += Elementary.exp(logs[n + i] - m);
        }
        DenseKernels.mult(p, jac, out, rows, n, n);
        return m / LogFactors.LN10;
    }
}
