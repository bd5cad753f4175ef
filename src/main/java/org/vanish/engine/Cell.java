package org.vanish.engine;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * One recurrent cell with fixed parameters: its forward pass, step Jacobians J_t = ∂s_t/∂s_{t-1},
 * and vector–Jacobian products for backpropagation through time.
 * <p>
 * Every gate g reads its input through the same affine map, drive_g(t) = U_g x_t + b_g, so the drive of
 * all gates is one stacked product that does not depend on the recurrent weights (and so survives a
 * change of their scale). The cells differ only in how the drive and s_{t-1} make s_t.
 */
public abstract class Cell {
    /**
     * A pre-activation beyond ±50 marks its step saturated: σ'(50) ≈ 2·10^−22 and tanh'(50) ≈ 10^−43, so on the
     * other steps even a product of four such factors stays far inside the double range.
     */
    static final double SATURATION = 50.0;
    /**
     * On a saturated step, a backpropagated vector or product whose largest entry is below this is formed again in
     * log space: whatever underflowed in it was below 10^−208 of it.
     */
    static final double TINY = 1e-100;

    protected final CellType type;
    protected final int n;
    protected final int m;
    protected final int gn;
    /** (G·n)×m stacked input matrices, row-major. */
    private final double[] uStack;
    /** Its transpose, m rows of G·n. */
    private final double[][] uTRows;
    /** G·n stacked biases. */
    private final double[] bStack;
    private final InputSide input;

    /**
     * @param input params' input side, already made (it survives a change of the W scale), or null to make it here.
     *              Not checked against params: the caller made it from the same U and b.
     */
    protected Cell(CellType type, Map<String, DMatrixRMaj> params, InputSide input) {
        this.type = type;
        this.input = input != null ? input : new InputSide(type, params);
        this.n = this.input.n;
        this.m = this.input.m;
        this.gn = this.input.gn;
        this.uStack = this.input.uStack;
        this.bStack = this.input.bStack;
        this.uTRows = this.input.uTRows;
    }

    /** U as G·n rows of m (made on first use): Uᵀδ is a combination of these rows. Not modified by callers. */
    double[][] inputRows() {
        return input.rows();
    }

    /**
     * drive(t) = U x_t + b as a combination of Uᵀ's rows, vectorised where the input is wide (a layer reading the one
     * below). Equal to {@link #drive} up to the order of the sums.
     */
    double[] driveByRows(double[] inputs, int steps) {
        return driveInBlocks(steps, (rows, t0, count) ->
                DenseKernels.addRowCombinations(uTRows, m, inputs, t0 * m, m, rows, count, gn));
    }

    /**
     * {@link #driveByRows} of inputs that are the concatenation of segments read where they lie: segment s of x_t is
     * src[s][off[s] + (t−1)·stride[s] + i], i &lt; width[s] (stride negative for a source read backwards), so that a
     * layer reading the states of the layer below needs no copy of them. The same bits as driveByRows of the
     * concatenated rows when every width but the last is a multiple of four (with fma, for any widths: each row is one
     * fused multiply-add, in order; without, the segments' fours of rows are those of the whole); the caller checks.
     * @param src arrays to read. Not modified.
     */
    double[] driveBySegments(int steps, double[][] src, int[] off, int[] stride, int[] width) {
        return driveInBlocks(steps, (rows, t0, count) -> {
            int r = 0;
            for (int s = 0; s < src.length; s++) {
                DenseKernels.addRowCombinations(uTRows, r, width[s], src[s], off[s] + t0 * stride[s], stride[s], rows,
                        count, gn);
                r += width[s];
            }
        });
    }

    /** Adds the input side of steps t0+1 .. t0+count to rows[0 .. count), each row holding b already. */
    private interface BlockDrive {
        void add(double[][] rows, int t0, int count);
    }

    /** The drives of all steps, {@link #DRIVE_BLOCK} steps at a time: b, then what block adds. */
    private double[] driveInBlocks(int steps, BlockDrive block) {
        double[] d = new double[steps * gn];
        double[][] rows = new double[Math.min(DRIVE_BLOCK, steps)][gn];
        for (int t0 = 0; t0 < steps; t0 += DRIVE_BLOCK) {
            StepWatch.check();
            int count = Math.min(DRIVE_BLOCK, steps - t0);
            for (int r = 0; r < count; r++) {
                System.arraycopy(bStack, 0, rows[r], 0, gn);
            }
            block.add(rows, t0, count);
            for (int r = 0; r < count; r++) {
                System.arraycopy(rows[r], 0, d, (t0 + r) * gn, gn);
            }
        }
        return d;
    }

    /** Steps whose drives {@link #driveByRows} forms together, each block of Uᵀ's rows serving all of them. */
    private static final int DRIVE_BLOCK = 16;

    /** Uᵀ as m rows of G·n: the input gradients of many steps are Uᵀ·[δ_t …], one matrix product. */
    double[][] inputTransposeRows() {
        return uTRows;
    }

    /**
     * Makes the cell spec describes (its type, activation and, for the GRU, variant) with params, every name of
     * {@link RunSpec#parameterNames()}: what a view that rebuilds a run's cell from its result should call, so that a
     * PyTorch GRU stays one.
     */
    public static Cell create(RunSpec spec, Map<String, DMatrixRMaj> params) {
        return create(spec.cell(), spec.activation(), spec.gruVariant(), params);
    }

    /** Makes the cell of the given type (Cho's GRU for a gru); params holds every name of {@link CellType#parameterNames()}. */
    public static Cell create(CellType type, Activation activation, Map<String, DMatrixRMaj> params) {
        return create(type, activation, GruVariant.CHO, params);
    }

    /**
     * Makes the cell of the given type and, for the GRU, variant; params holds every name of
     * {@link CellType#parameterNames(GruVariant)}.
     */
    public static Cell create(CellType type, Activation activation, GruVariant variant,
                              Map<String, DMatrixRMaj> params) {
        return create(type, activation, variant, params, null);
    }

    /** {@link #create(CellType, Activation, GruVariant, Map)} with params' input side already made (or null). */
    static Cell create(CellType type, Activation activation, GruVariant variant, Map<String, DMatrixRMaj> params,
                       InputSide input) {
        if (type == CellType.GRU && variant == GruVariant.PYTORCH) {
            return new PytorchGruCell(params, input);
        }
        switch (type) {
            case RNN: return new RnnCell(params, activation, false, input);
            case ADDITIVE: return new RnnCell(params, activation, true, input);
            case LSTM: return new LstmCell(params, input);
            default: return new GruCell(params, input);
        }
    }

    public CellType type() {
        return type;
    }

    public int hiddenSize() {
        return n;
    }

    public int inputSize() {
        return m;
    }

    /** d = dim s_t. */
    public int stateSize() {
        return type.stateSize(n);
    }

    /** G·n, the length of one step's drive and of the δ of {@link #vjp}. */
    public int driveSize() {
        return gn;
    }

    /**
     * drive(t) = U x_t + b for t = 1..T, stacked over gates.
     * @param inputs T×m row-major, x_1..x_T. Not modified.
     * @return T×(G·n) row-major; row t-1 holds step t.
     */
    public double[] drive(double[] inputs, int steps) {
        double[] d = new double[steps * gn];
        for (int t = 0; t < steps; t++) {
            StepWatch.check();
            int off = t * gn;
            System.arraycopy(bStack, 0, d, off, gn);
            for (int r = 0; r < gn; r++) {
                double s = 0.0;
                int row = r * m;
                int x = t * m;
                for (int k = 0; k < m; k++) {
                    s += uStack[row + k] * inputs[x + k];
                }
                d[off + r] += s;
            }
        }
        return d;
    }

    /**
     * Runs s_t = F(s_{t-1}, x_t) for t = 1..T.
     * @param drive from {@link #drive}. Not modified.
     * @param s0 initial state, length d. Not modified.
     * @throws RunFailure if a state leaves the double range (a linear or relu cell exploding).
     */
    public abstract Trajectory forward(double[] drive, int steps, double[] s0);

    /**
     * Backpropagates one step in plain double arithmetic: given g = ∂L/∂s_t, writes gPrev = J_tᵀ g and
     * delta = (∂s_t/∂drive_t)ᵀ g. Where a unit saturates, factors such as tanh'(400) ≈ 10^−347 round to 0 here;
     * {@link #vjpScaled} does not lose them.
     * @param g length d. Not modified.
     * @param gPrev length d. Overwritten.
     * @param delta length G·n. Overwritten.
     */
    public abstract void vjp(Trajectory tr, int t, double[] g, double[] gPrev, double[] delta);

    /**
     * Backpropagates one step without losing factors below the double range: writes gPrev = 10^−scales[0] J_tᵀ g
     * and delta = 10^−scales[1] (∂s_t/∂drive_t)ᵀ g. Both scales are 0, and the result that of {@link #vjp}, unless
     * the step is saturated ({@link Trajectory#saturated}) or the recurrent weights are below 2^−256 and the plain
     * result is tiny; then its terms are formed from their logs and the largest of each vector is taken out.
     * <p>
     * With a third entry (cells with a cell state; an LSTM's h and c parts can drift more than 10^308 apart),
     * scales[2] is read first as log10 of the factor of g's c-part relative to its h-part (g = [g_h; 10^{s} g_c]),
     * and written as the same for gPrev, whose scales[0] then belongs to its h-part. Other cells leave it 0.
     * @param g length d, with max |g_i| of order 1 (a renormalised gradient). Not modified.
     * @param gPrev length d. Overwritten.
     * @param delta length G·n. Overwritten.
     * @param scales length 2, or 3 as above: log10 of the factors taken out of gPrev and of delta. Overwritten.
     */
    public final void vjpScaled(Trajectory tr, int t, double[] g, double[] gPrev, double[] delta, double[] scales) {
        boolean split = scales.length > 2 && type.hasCellState();
        scales[0] = 0.0;
        scales[1] = 0.0;
        if (!split || scales[2] == 0.0) {
            vjp(tr, t, g, gPrev, delta);
            if (!tinyWeights() && !tr.saturated(t)) {
                return;
            }
            double gMax = split ? Math.min(DenseKernels.maxAbs(gPrev, 0, n), DenseKernels.maxAbs(gPrev, n, n))
                    : DenseKernels.maxAbs(gPrev, 0, stateSize());
            if (gMax >= TINY && DenseKernels.maxAbs(delta, 0, gn) >= TINY) {
                return;
            }
        }
        vjpCarried(tr, t, g, gPrev, delta, scales);
    }

    /**
     * {@link #vjpScaled} from the logs of every factor: writes gPrev and delta with their largest terms near 1
     * and the log10 of the factors taken out into scales. The default keeps the plain result (cells with no
     * factor that can underflow).
     */
    void vjpCarried(Trajectory tr, int t, double[] g, double[] gPrev, double[] delta, double[] scales) {
    }

    /** Whether some recurrent matrix is below 2^−256, so that W·x underflows for x of order 1. */
    boolean tinyWeights() {
        return false;
    }

    /**
     * Forms the step Jacobian J_t = ∂s_t/∂s_{t-1} as rows.
     * @param out d rows of d. Overwritten.
     */
    public abstract void jacobianRows(Trajectory tr, int t, double[][] out);

    /**
     * Forms the step Jacobian J_t = ∂s_t/∂s_{t-1}, row-major.
     * @param out d×d. Overwritten.
     */
    public void jacobian(Trajectory tr, int t, double[] out) {
        int d = stateSize();
        double[][] rows = DenseKernels.rows(d, d);
        jacobianRows(tr, t, rows);
        for (int i = 0; i < d; i++) {
            System.arraycopy(rows[i], 0, out, i * d, d);
        }
    }

    /**
     * out = p · J_t for p (rows×d). The default forms J_t in work and multiplies; cells with structure override.
     * @param p rows rows of d. Not modified.
     * @param out rows rows of d. Overwritten.
     * @param work d rows of d, scratch.
     */
    public void rightMultiplyJacobian(Trajectory tr, int t, double[][] p, int rows, double[][] out, double[][] work) {
        int d = stateSize();
        jacobianRows(tr, t, work);
        StepWatch.check();
        DenseKernels.mult(p, work, out, rows, d, d);
    }

    /**
     * out = 10^−s · p J_t, returning s: 0, and the product of {@link #rightMultiplyJacobian}, unless the step is
     * saturated (or the weights tiny) and that product is tiny; then J_t is formed from the logs of its factors
     * with its largest entry near 1 (entries below 10^−308 of it are lost) and s is the log10 taken out.
     * @param p rows rows of d, with max |p_ij| of order 1. Not modified.
     */
    public final double rightMultiplyJacobianScaled(Trajectory tr, int t, double[][] p, int rows, double[][] out,
                                                   double[][] work) {
        rightMultiplyJacobian(tr, t, p, rows, out, work);
        if ((tinyWeights() || tr.saturated(t)) && DenseKernels.maxAbs(out, rows, stateSize()) < TINY) {
            return rightMultiplyJacobianCarried(tr, t, p, rows, out, work);
        }
        return 0.0;
    }

    /**
     * {@link #rightMultiplyJacobianScaled} for a cell with a cell state whose product's c-columns carry their own
     * factor: p = [p_h  10^{offset[0]} p_c] on entry (offset[0] = 0: one factor for both), and on return
     * out = 10^{−s} [o_h  10^{offset[0]} o_c] with offset[0] rewritten, s returned. Other cells: offset[0] stays 0.
     */
    public final double rightMultiplyJacobianScaled(Trajectory tr, int t, double[][] p, int rows, double[][] out,
                                                   double[][] work, double[] offset) {
        if (!type.hasCellState() || offset[0] == 0.0) {
            rightMultiplyJacobian(tr, t, p, rows, out, work);
            if (!tinyWeights() && !tr.saturated(t)) {
                return 0.0;
            }
            boolean tiny = type.hasCellState()
                    ? Math.min(DenseKernels.maxAbs(out, rows, 0, n), DenseKernels.maxAbs(out, rows, n, n)) < TINY
                    : DenseKernels.maxAbs(out, rows, stateSize()) < TINY;
            if (!tiny) {
                return 0.0;
            }
        }
        return type.hasCellState() ? rightMultiplyJacobianSplit(tr, t, p, rows, out, offset)
                : rightMultiplyJacobianCarried(tr, t, p, rows, out, work);
    }

    /** The split product of {@link #rightMultiplyJacobianScaled(Trajectory, int, double[][], int, double[][], double[][], double[])}. */
    double rightMultiplyJacobianSplit(Trajectory tr, int t, double[][] p, int rows, double[][] out, double[] offset) {
        return 0.0;
    }

    /** {@link #rightMultiplyJacobianScaled} from the logs of J_t's factors. The default keeps the plain product. */
    double rightMultiplyJacobianCarried(Trajectory tr, int t, double[][] p, int rows, double[][] out,
                                        double[][] work) {
        return 0.0;
    }

    /**
     * gx = Uᵀ delta = ∂L/∂x_t for the delta of {@link #vjp}.
     * @param gx length m. Overwritten.
     */
    public void inputVjp(double[] delta, double[] gx) {
        for (int k = 0; k < m; k++) {
            double[] row = uTRows[k];
            double s = 0.0;
            for (int i = 0; i < gn; i++) {
                s += row[i] * delta[i];
            }
            gx[k] = s;
        }
    }

    /**
     * Forms the input Jacobian ∂s_t/∂x_t = (∂s_t/∂drive_t) U by columns of δ: used by tests and views.
     * @param out d×m row-major. Overwritten.
     */
    public void inputJacobian(Trajectory tr, int t, double[] out) {
        int d = stateSize();
        double[] e = new double[d];
        double[] gPrev = new double[d];
        double[] delta = new double[gn];
        double[] gx = new double[m];
        for (int i = 0; i < d; i++) {
            java.util.Arrays.fill(e, 0.0);
            e[i] = 1.0;
            vjp(tr, t, e, gPrev, delta);
            inputVjp(delta, gx);
            System.arraycopy(gx, 0, out, i * m, m);
        }
    }

    /**
     * The first gates recurrent matrices of this cell's type (in gate order) stacked row-wise.
     * @return (gates·n)×n row-major, a new array.
     */
    protected double[] stackedRecurrent(Map<String, DMatrixRMaj> params, int gates) {
        double[] stack = new double[gates * n * n];
        for (int g = 0; g < gates; g++) {
            System.arraycopy(params.get(type.recurrentNames().get(g)).data, 0, stack, g * n * n, n * n);
        }
        return stack;
    }

    /** The rows of w. */
    static double[][] rowsOf(DMatrixRMaj w) {
        return DenseKernels.rows(w.data, w.numRows, w.numCols);
    }

    /** The rows of wᵀ. */
    static double[][] transposedRowsOf(DMatrixRMaj w) {
        return DenseKernels.transposedRows(w.data, w.numRows, w.numCols);
    }

    /**
     * Throws if a state left the double range (a linear or relu cell exploding), naming the first such step.
     * One pass after the forward loop: x·0 is NaN exactly when x is not finite, and NaN survives the sum.
     */
    static void checkFinite(Trajectory tr) {
        double[] s = tr.states;
        // x·0 is 0 for a finite x and NaN otherwise; four sums, so the additions do not wait on one another
        double p0 = 0.0;
        double p1 = 0.0;
        double p2 = 0.0;
        double p3 = 0.0;
        int j = 0;
        for (; j + 3 < s.length; j += 4) {
            p0 += s[j] * 0.0;
            p1 += s[j + 1] * 0.0;
            p2 += s[j + 2] * 0.0;
            p3 += s[j + 3] * 0.0;
        }
        for (; j < s.length; j++) {
            p0 += s[j] * 0.0;
        }
        if (p0 + p1 + p2 + p3 == 0.0) {
            return;
        }
        int d = tr.stateSize();
        for (int t = 0; t <= tr.steps(); t++) {
            for (int i = 0; i < d; i++) {
                if (!Double.isFinite(s[t * d + i])) {
                    throw new RunFailure("the state leaves the double range at step t = " + t
                            + " (an unbounded activation growing without limit): lower the scale or the number of steps");
                }
            }
        }
    }
}
