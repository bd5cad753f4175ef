package org.vanish.engine;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * LSTM: f, i, o = σ(W_* h_{t-1} + U_* x_t + b_*), c̃ = tanh(W_c h_{t-1} + U_c x_t + b_c),
 * c_t = f∘c_{t-1} + i∘c̃, h_t = o∘tanh(c_t); state s_t = [h_t; c_t], d = 2n.
 * <p>
 * With A = ∂c_t/∂h_{t-1} = diag(c_{t-1}f(1-f)) W_f + diag(c̃ i(1-i)) W_i + diag(i(1-c̃²)) W_c and
 * ε = o(1-tanh²c_t), the step Jacobian is
 * <pre>
 *   J_t = [ diag(tanh(c_t) o(1-o)) W_o + diag(ε) A    diag(ε f) ]
 *         [ A                                         diag(f)   ]
 * </pre>
 * The cache holds f, i, o, c̃, tanh(c_t) and their derivatives σ'(a_f), σ'(a_i), σ'(a_o), tanh'(a_c),
 * tanh'(c_t) per step (10n values); the derivatives are computed from the arguments, so they stay accurate
 * where a gate or the cell saturates.
 * Not thread-safe: one instance belongs to one analysis.
 */
final class LstmCell extends Cell {
    static final int F = 0;
    static final int I = 1;
    static final int O = 2;
    static final int C = 3;
    static final int TC = 4;
    static final int DF = 5;
    static final int DI = 6;
    static final int DO = 7;
    static final int DC = 8;
    static final int DTC = 9;
    static final int WIDTH = 10;
    /** DF − F = DI − I = DO − O = DC − C: each gate's derivative block lies this many blocks after its value's. */
    private static final int GATE_TO_DERIVATIVE = DF - F;

    /**
     * 4n×n stacked W_f, W_i, W_o, W_c, as rows. A cell made to scale its rows on first use ({@link #rows}) gets a
     * reused buffer here, which holds an earlier analysis's rows until then.
     */
    private double[][] w;
    /** n×4n, its transpose, as rows. */
    private double[][] wT;
    /** For rows made on first use: the unscaled rows, the scale, and where to write the scaled ones. */
    private double[][] baseW;
    private double[][] baseWT;
    private double rowScale;

    LstmCell(Map<String, DMatrixRMaj> params, InputSide input) {
        this(params, input, null, null);
    }

    /**
     * @param w the stacked W_f, W_i, W_o, W_c of params as 4n rows of n, already made ({@link #scaleRows}), or null
     *          to make them here; with wT, their transpose as n rows of 4n. Kept, not copied; not checked against
     *          params.
     */
    LstmCell(Map<String, DMatrixRMaj> params, InputSide input, double[][] w, double[][] wT) {
        super(CellType.LSTM, params, input);
        if (w == null) {
            double[] stack = stackedRecurrent(params, 4);
            w = DenseKernels.rows(stack, 4 * n, n);
            wT = DenseKernels.transposedRows(stack, 4 * n, n);
        }
        this.w = w;
        this.wT = wT;
    }

    /**
     * A cell whose rows are baseW, baseWT times scale ({@link #scaleRows}), written into w and wT when first needed:
     * by the thread that runs the forward pass, so that the cells of a stacked run's layers are made at once rather
     * than one after another by the thread that makes them. params' recurrent matrices are not read.
     */
    LstmCell(Map<String, DMatrixRMaj> params, InputSide input, double[][] baseW, double[][] baseWT, double scale,
             double[][] w, double[][] wT) {
        super(CellType.LSTM, params, input);
        this.baseW = baseW;
        this.baseWT = baseWT;
        this.rowScale = scale;
        this.w = w;
        this.wT = wT;
    }

    /** Makes the scaled rows if they are still to be made. */
    private void rows() {
        if (baseW != null) {
            scaleRows(baseW, rowScale, w);
            scaleRows(baseWT, rowScale, wT);
            baseW = null;
            baseWT = null;
        }
    }

    /**
     * out[i][j] = base[i][j] · scale: the rows of a scaled recurrent matrix from the unscaled ones, the same bits as
     * scaling the matrix ({@link Initializer#scaled}) and arranging it again, without the transpose's strided pass.
     * @param base rows. Not modified.
     * @param out as many rows of the same length. Overwritten.
     */
    static void scaleRows(double[][] base, double scale, double[][] out) {
        for (int i = 0; i < base.length; i++) {
            double[] b = base[i];
            double[] o = out[i];
            for (int j = 0; j < b.length; j++) {
                o[j] = b[j] * scale;
            }
        }
    }

    /**
     * The saturated steps' arithmetic, made on first use (it scans W for its largest entry): by the thread that
     * backpropagates, not by the one that makes the cells of an analysis one after another.
     */
    private LstmCarried carried;

    private LstmCarried carried() {
        LstmCarried c = carried;
        if (c == null) {
            c = new LstmCarried(this);
            carried = c;
        }
        return c;
    }

    /** The stacked W_f, W_i, W_o, W_c (4n rows of n) and its transpose, for {@link LstmCarried}. */
    double[][] stacked() {
        rows();
        return w;
    }

    double[][] stackedTransposed() {
        rows();
        return wT;
    }

    /** A row block of the Jacobian product after which a long step may stop (a mask: every 64 rows). */
    private static final int CHECK_ROWS = 63;

    @Override
    public Trajectory forward(double[] drive, int steps, double[] s0) {
        rows();
        int d = 2 * n;
        Trajectory tr = new Trajectory(steps, d, WIDTH * n, n, 4);
        double[] s = tr.states;
        double[] q = tr.cache;
        System.arraycopy(s0, 0, s, 0, d);
        double[] pre = new double[4 * n];
        double[] cNew = new double[n];
        ElementaryBatch batch = new ElementaryBatch(3 * n);
        tr.drive = drive;
        for (int t = 1; t <= steps; t++) {
            int prev = (t - 1) * d;
            StepWatch.step();
            int cur = t * d;
            System.arraycopy(drive, (t - 1) * 4 * n, pre, 0, 4 * n);
            DenseKernels.addRowCombination(wT, n, s, prev, pre, 4 * n);
            int co = (t - 1) * WIDTH * n;
            // the gates in batches (the same bits as one at a time), then c_t and its tanh
            boolean sat = batch.sigmoid(pre, 0, 3 * n, q, co, q, co + GATE_TO_DERIVATIVE * n, SATURATION);
            sat |= batch.tanh(pre, 3 * n, n, q, co + C * n, q, co + DC * n, SATURATION);
            for (int k = 0; k < n; k++) {
                cNew[k] = q[co + F * n + k] * s[prev + n + k] + q[co + I * n + k] * q[co + C * n + k];
            }
            sat |= batch.tanh(cNew, 0, n, q, co + TC * n, q, co + DTC * n, SATURATION);
            for (int k = 0; k < n; k++) {
                s[cur + k] = q[co + O * n + k] * q[co + TC * n + k];
            }
            System.arraycopy(cNew, 0, s, cur + n, n);
            tr.saturated[t - 1] = sat;
        }
        checkFinite(tr);
        return tr;
    }

    @Override
    public void vjp(Trajectory tr, int t, double[] g, double[] gPrev, double[] delta) {
        rows();
        int co = tr.cacheOffset(t);
        int prevC = tr.stateOffset(t - 1) + n;
        double[] q = tr.cache;
        for (int k = 0; k < n; k++) {
            double f = q[co + F * n + k];
            double i = q[co + I * n + k];
            double o = q[co + O * n + k];
            double cc = q[co + C * n + k];
            double tc = q[co + TC * n + k];
            double gh = g[k];
            double dct = g[n + k] + gh * o * q[co + DTC * n + k];
            delta[k] = dct * tr.states[prevC + k] * q[co + DF * n + k];
            delta[n + k] = dct * cc * q[co + DI * n + k];
            delta[2 * n + k] = gh * tc * q[co + DO * n + k];
            delta[3 * n + k] = dct * i * q[co + DC * n + k];
            gPrev[n + k] = dct * f;
            gPrev[k] = 0.0;
        }
        DenseKernels.addRowCombination(w, 4 * n, delta, 0, gPrev, n);
    }

    /** Writes K = [∂h_t/∂h_{t-1}; ∂c_t/∂h_{t-1}] (2n rows of n) into k, and ε f, f into the two diagonals. */
    private void hColumns(Trajectory tr, int t, double[][] k, double[] hcDiag, double[] ccDiag) {
        rows();
        int co = tr.cacheOffset(t);
        int prevC = tr.stateOffset(t - 1) + n;
        double[] q = tr.cache;
        for (int r = 0; r < n; r++) {
            double f = q[co + F * n + r];
            double i = q[co + I * n + r];
            double o = q[co + O * n + r];
            double cc = q[co + C * n + r];
            double tc = q[co + TC * n + r];
            double alpha = tr.states[prevC + r] * q[co + DF * n + r];
            double beta = cc * q[co + DI * n + r];
            double gamma = i * q[co + DC * n + r];
            double eps = o * q[co + DTC * n + r];
            double zeta = tc * q[co + DO * n + r];
            double[] wf = w[F * n + r];
            double[] wi = w[I * n + r];
            double[] wo = w[O * n + r];
            double[] wc = w[C * n + r];
            double[] kh = k[r];
            double[] kc = k[n + r];
            for (int j = 0; j < n; j++) {
                double a = alpha * wf[j] + beta * wi[j] + gamma * wc[j];
                kc[j] = a;
                kh[j] = zeta * wo[j] + eps * a;
            }
            hcDiag[r] = eps * f;
            ccDiag[r] = f;
        }
    }

    private double[] hcDiag;
    private double[] ccDiag;
    private double[][] kRows;

    private void ensureScratch() {
        if (hcDiag == null) {
            hcDiag = new double[n];
            ccDiag = new double[n];
            kRows = new double[2 * n][n];
        }
    }

    @Override
    public void jacobianRows(Trajectory tr, int t, double[][] out) {
        ensureScratch();
        int d = 2 * n;
        hColumns(tr, t, kRows, hcDiag, ccDiag);
        for (int r = 0; r < d; r++) {
            java.util.Arrays.fill(out[r], 0, d, 0.0);
            System.arraycopy(kRows[r], 0, out[r], 0, n);
        }
        for (int r = 0; r < n; r++) {
            out[r][n + r] = hcDiag[r];
            out[n + r][n + r] = ccDiag[r];
        }
    }

    /**
     * out = p J_t using the block structure: the h-columns are [p_h p_c]·K (8n³ flops instead of 16n³),
     * the c-columns are diagonal scalings.
     */
    @Override
    public void rightMultiplyJacobian(Trajectory tr, int t, double[][] p, int rows, double[][] out,
                                      double[][] work) {
        ensureScratch();
        hColumns(tr, t, kRows, hcDiag, ccDiag);
        multiplyStructured(n, kRows, hcDiag, ccDiag, p, rows, out);
    }

    /**
     * out = p J for J = [K_h diag(hc); K_c diag(cc)] (the h-columns K = [K_h; K_c], 2n rows of n): [p_h p_c]·K
     * for the h-columns, diagonal scalings for the c-columns.
     */
    static void multiplyStructured(int n, double[][] kRows, double[] hcDiag, double[] ccDiag, double[][] p, int rows,
                                   double[][] out) {
        for (int r = 0; r < rows; r++) {
            if ((r & CHECK_ROWS) == 0) {
                StepWatch.check();
            }
            double[] pr = p[r];
            double[] or = out[r];
            java.util.Arrays.fill(or, 0, n, 0.0);
            DenseKernels.addRowCombination(kRows, 2 * n, pr, 0, or, n);
            for (int c = 0; c < n; c++) {
                or[n + c] = pr[c] * hcDiag[c] + pr[n + c] * ccDiag[c];
            }
        }
    }

    @Override
    boolean tinyWeights() {
        return carried().tinyWeights();
    }

    @Override
    void vjpCarried(Trajectory tr, int t, double[] g, double[] gPrev, double[] delta, double[] scales) {
        carried().vjp(tr, t, g, gPrev, delta, scales);
    }

    @Override
    double rightMultiplyJacobianSplit(Trajectory tr, int t, double[][] p, int rows, double[][] out, double[] offset) {
        return carried().rightMultiplyJacobianSplit(tr, t, p, rows, out, offset);
    }

    @Override
    double rightMultiplyJacobianCarried(Trajectory tr, int t, double[][] p, int rows, double[][] out,
                                        double[][] work) {
        return carried().rightMultiplyJacobian(tr, t, p, rows, out);
    }
}
