package org.vanish.engine;

import java.util.Arrays;

/**
 * The LSTM's saturated steps, formed from the logs of their factors ({@link LogFactors}): f, i, o, σ'(a_f),
 * σ'(a_i), σ'(a_o), tanh'(a_c) and tanh'(c_t) are taken as logs from the pre-activations (formed again from the
 * drive exactly as the forward pass formed them) and from c_t. With ε = o tanh'(c_t),
 * <pre>
 *   ∂L/∂c_t (total) = g_c + g_h ε,   δ_f = that · c_{t−1} σ'(a_f),   δ_i = that · c̃ σ'(a_i),
 *   δ_o = g_h tanh(c_t) σ'(a_o),    δ_c = that · i tanh'(a_c),
 *   J_tᵀ g = [W_fᵀ δ_f + W_iᵀ δ_i + W_oᵀ δ_o + W_cᵀ δ_c;  that · f]
 * </pre>
 * with the largest term of δ taken out before its product with W, and of J_tᵀ g after (of its h and c parts
 * separately when the caller carries them apart). Not thread-safe.
 */
final class LstmCarried {
    private static final int LF = 0;
    private static final int LDF = 1;
    private static final int LI = 2;
    private static final int LDI = 3;
    private static final int LO = 4;
    private static final int LDO = 5;
    private static final int LDC = 6;
    private static final int LDTC = 7;

    private final LstmCell cell;
    private final int n;
    /** 2^−k [W_f; W_i; W_o; W_c], with k &lt; 0 only for weights below 2^−256. */
    private final double[][] wScaled;
    private final int wExp;
    private final double wLn;

    private double[] pre;
    /** The eight logs above, blocks of n in the order of the constants. */
    private double[] logs;
    private double[] sgn;
    private double[] lam;
    private double[] v;
    private double[][] kRows;
    private double[] hcDiag;
    private double[] ccDiag;

    LstmCarried(LstmCell cell) {
        this.cell = cell;
        this.n = cell.hiddenSize();
        this.wExp = LogFactors.weightExponent(cell.stacked(), 4 * n, n);
        this.wScaled = LogFactors.scaledRows(cell.stacked(), wExp);
        this.wLn = wExp * LogFactors.LN2;
    }

    boolean tinyWeights() {
        return wExp < 0;
    }

    private void logs(Trajectory tr, int t) {
        if (pre == null) {
            pre = new double[4 * n];
            logs = new double[8 * n];
            sgn = new double[5 * n];
            lam = new double[5 * n];
            v = new double[n];
        }
        int prev = tr.stateOffset(t - 1);
        int cur = tr.stateOffset(t);
        System.arraycopy(tr.drive, (t - 1) * 4 * n, pre, 0, 4 * n);
        DenseKernels.addRowCombination(cell.stackedTransposed(), n, tr.states, prev, pre, 4 * n);
        for (int k = 0; k < n; k++) {
            logs[LF * n + k] = LogFactors.lnSigmoid(pre[k]);
            logs[LDF * n + k] = LogFactors.lnSigmoidDerivative(pre[k]);
            logs[LI * n + k] = LogFactors.lnSigmoid(pre[n + k]);
            logs[LDI * n + k] = LogFactors.lnSigmoidDerivative(pre[n + k]);
            logs[LO * n + k] = LogFactors.lnSigmoid(pre[2 * n + k]);
            logs[LDO * n + k] = LogFactors.lnSigmoidDerivative(pre[2 * n + k]);
            logs[LDC * n + k] = LogFactors.lnTanhDerivative(pre[3 * n + k]);
            logs[LDTC * n + k] = LogFactors.lnTanhDerivative(tr.states[cur + n + k]);
        }
    }

    /** {@link Cell#vjpScaled} for a saturated step. sgn, lam: δ_f, δ_i, δ_o, δ_c, then (J_tᵀ g)_c. */
    void vjp(Trajectory tr, int t, double[] g, double[] gPrev, double[] delta, double[] scales) {
        logs(tr, t);
        boolean split = scales.length > 2;
        // g_c's own factor relative to g_h's, as ln
        double cIn = split ? scales[2] * LogFactors.LN10 : 0.0;
        int prevC = tr.stateOffset(t - 1) + n;
        int co = tr.cacheOffset(t);
        double[] q = tr.cache;
        for (int k = 0; k < n; k++) {
            double lh = LogFactors.lnAbs(g[k]);
            double sh = LogFactors.sign(g[k]);
            // the total ∂L/∂c_t, written where (J_tᵀ g)_c goes and multiplied by f there below
            LogFactors.sum(LogFactors.sign(g[n + k]), LogFactors.lnAbs(g[n + k]) + cIn,
                    sh, lh + logs[LO * n + k] + logs[LDTC * n + k], sgn, lam, 4 * n + k);
            double sd = sgn[4 * n + k];
            double ld = lam[4 * n + k];
            double cPrev = tr.states[prevC + k];
            double cc = q[co + LstmCell.C * n + k];
            double tc = q[co + LstmCell.TC * n + k];
            sgn[k] = sd * LogFactors.sign(cPrev);
            lam[k] = ld + LogFactors.lnAbs(cPrev) + logs[LDF * n + k];
            sgn[n + k] = sd * LogFactors.sign(cc);
            lam[n + k] = ld + LogFactors.lnAbs(cc) + logs[LDI * n + k];
            sgn[2 * n + k] = sh * LogFactors.sign(tc);
            lam[2 * n + k] = lh + LogFactors.lnAbs(tc) + logs[LDO * n + k];
            sgn[3 * n + k] = sd;
            lam[3 * n + k] = ld + logs[LI * n + k] + logs[LDC * n + k];
            lam[4 * n + k] = ld + logs[LF * n + k];
        }
        double md = LogFactors.max(lam, 0, 4 * n);
        LogFactors.expand(sgn, lam, 0, 4 * n, md, delta, 0);
        Arrays.fill(v, 0.0);
        DenseKernels.addRowCombination(wScaled, 4 * n, delta, 0, v, n);
        double mv = md + wLn;
        // the largest term of the h-part and of the c-part: one factor for both, or each its own when split
        double mh = mv + LogFactors.lnAbs(DenseKernels.maxAbs(v, 0, n));
        double mc = LogFactors.max(lam, 4 * n, n);
        if (!split || mh == Double.NEGATIVE_INFINITY || mc == Double.NEGATIVE_INFINITY) {
            mh = Math.max(mh, mc);
            mc = mh;
        }
        if (mh == Double.NEGATIVE_INFINITY) {
            Arrays.fill(gPrev, 0, 2 * n, 0.0);
        } else {
            double fv = Elementary.exp(mv - mh);
            for (int k = 0; k < n; k++) {
                gPrev[k] = v[k] * fv;
            }
            LogFactors.expand(sgn, lam, 4 * n, n, mc, gPrev, n);
            scales[0] = mh / LogFactors.LN10;
        }
        if (split) {
            scales[2] = (mc - mh) / LogFactors.LN10;
        }
        if (md != Double.NEGATIVE_INFINITY) {
            scales[1] = md / LogFactors.LN10;
        }
    }

    /**
     * {@link Cell#rightMultiplyJacobianScaled} for a saturated step, with the block structure of
     * {@link LstmCell}: with α = c_{t−1}σ'(a_f), β = c̃σ'(a_i), γ = i tanh'(a_c), ζ = tanh(c_t)σ'(a_o),
     * K_c = αW_f + βW_i + γW_c, K_h = ζW_o + εK_c and the diagonals εf, f, each term with the largest taken out.
     */
    double rightMultiplyJacobian(Trajectory tr, int t, double[][] p, int rows, double[][] out) {
        return product(tr, t, p, rows, out, null);
    }

    /** The same for p = [p_h  10^{offset[0]} p_c], each column block of the product with its own factor. */
    double rightMultiplyJacobianSplit(Trajectory tr, int t, double[][] p, int rows, double[][] out, double[] offset) {
        return product(tr, t, p, rows, out, offset);
    }

    private double product(Trajectory tr, int t, double[][] p, int rows, double[][] out, double[] offset) {
        logs(tr, t);
        if (kRows == null) {
            kRows = new double[2 * n][n];
            hcDiag = new double[n];
            ccDiag = new double[n];
        }
        double off = offset == null ? 0.0 : offset[0] * LogFactors.LN10;
        int prevC = tr.stateOffset(t - 1) + n;
        int co = tr.cacheOffset(t);
        double[] q = tr.cache;
        // lam, sgn: α, β, γ, ζ (with the weights' exponent), then ε; the largest term reaching each column block
        // of the product from p_h (through K_h, εf) and from p_c (through K_c, f)
        double mKh = Double.NEGATIVE_INFINITY;
        double mKc = Double.NEGATIVE_INFINITY;
        double mHc = Double.NEGATIVE_INFINITY;
        double mCc = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < n; r++) {
            double cPrev = tr.states[prevC + r];
            double cc = q[co + LstmCell.C * n + r];
            double tc = q[co + LstmCell.TC * n + r];
            sgn[r] = LogFactors.sign(cPrev);
            lam[r] = LogFactors.lnAbs(cPrev) + logs[LDF * n + r] + wLn;
            sgn[n + r] = LogFactors.sign(cc);
            lam[n + r] = LogFactors.lnAbs(cc) + logs[LDI * n + r] + wLn;
            sgn[2 * n + r] = 1.0;
            lam[2 * n + r] = logs[LI * n + r] + logs[LDC * n + r] + wLn;
            sgn[3 * n + r] = LogFactors.sign(tc);
            lam[3 * n + r] = LogFactors.lnAbs(tc) + logs[LDO * n + r] + wLn;
            double eps = logs[LO * n + r] + logs[LDTC * n + r];
            lam[4 * n + r] = eps;
            double abg = Math.max(lam[r], Math.max(lam[n + r], lam[2 * n + r]));
            double lf = logs[LF * n + r];
            mKh = Math.max(mKh, Math.max(lam[3 * n + r], eps + abg));
            mKc = Math.max(mKc, abg);
            mHc = Math.max(mHc, eps + lf);
            mCc = Math.max(mCc, lf);
        }
        double mh = Math.max(mKh, off + mKc);
        double mc = Math.max(mHc, off + mCc);
        if (offset == null || mh == Double.NEGATIVE_INFINITY) {
            mh = Math.max(mh, mc);
            mc = mh;
        }
        for (int r = 0; r < n; r++) {
            double eps = lam[4 * n + r];
            double zeta = sgn[3 * n + r] * Elementary.exp(lam[3 * n + r] - mh);
            double eAlpha = sgn[r] * Elementary.exp(eps + lam[r] - mh);
            double eBeta = sgn[n + r] * Elementary.exp(eps + lam[n + r] - mh);
            double eGamma = Elementary.exp(eps + lam[2 * n + r] - mh);
            double alpha = sgn[r] * Elementary.exp(off + lam[r] - mh);
            double beta = sgn[n + r] * Elementary.exp(off + lam[n + r] - mh);
            double gamma = Elementary.exp(off + lam[2 * n + r] - mh);
            double[] wf = wScaled[LstmCell.F * n + r];
            double[] wi = wScaled[LstmCell.I * n + r];
            double[] wo = wScaled[LstmCell.O * n + r];
            double[] wc = wScaled[LstmCell.C * n + r];
            double[] kh = kRows[r];
            double[] kc = kRows[n + r];
            for (int j = 0; j < n; j++) {
                kc[j] = alpha * wf[j] + beta * wi[j] + gamma * wc[j];
                kh[j] = zeta * wo[j] + eAlpha * wf[j] + eBeta * wi[j] + eGamma * wc[j];
            }
            hcDiag[r] = Elementary.exp(eps + logs[LF * n + r] - mc);
            ccDiag[r] = Elementary.exp(off + logs[LF * n + r] - mc);
        }
        LstmCell.multiplyStructured(n, kRows, hcDiag, ccDiag, p, rows, out);
        if (offset != null) {
            offset[0] = (mc - mh) / LogFactors.LN10;
        }
        return mh / LogFactors.LN10;
    }
}
