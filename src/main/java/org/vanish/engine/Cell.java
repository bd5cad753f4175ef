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

    protected Cell(CellType type, Map<String, DMatrixRMaj> params) {
        this.type = type;
        DMatrixRMaj u0 = params.get(type.inputNames().get(0));
        this.n = u0.numRows;
        this.m = u0.numCols;
        this.gn = type.gateCount() * n;
        this.uStack = new double[gn * m];
        this.bStack = new double[gn];
        for (int g = 0; g < type.gateCount(); g++) {
            System.arraycopy(params.get(type.inputNames().get(g)).data, 0, uStack, g * n * m, n * m);
            System.arraycopy(params.get(type.biasNames().get(g)).data, 0, bStack, g * n, n);
        }
        this.uTRows = DenseKernels.transposedRows(uStack, gn, m);
    }

    /** U as G·n rows of m, made on first use: Uᵀδ as a combination of rows, for wide inputs (a stacked layer). */
    private double[][] uRows;

    /**
     * gx = Uᵀ delta as a combination of U's rows, vectorised where the input is wide (a layer reading the one below).
     * @param gx length m. Overwritten.
     */
    void inputVjpByRows(double[] delta, double[] gx) {
        if (uRows == null) {
            uRows = DenseKernels.rows(uStack, gn, m);
        }
        java.util.Arrays.fill(gx, 0, m, 0.0);
        DenseKernels.addRowCombination(uRows, gn, delta, 0, gx, m);
    }

    /**
     * drive(t) = U x_t + b as a combination of Uᵀ's rows, vectorised where the input is wide (a layer reading the one
     * below). Equal to {@link #drive} up to the order of the sums.
     */
    double[] driveByRows(double[] inputs, int steps) {
        double[] d = new double[steps * gn];
        double[] row = new double[gn];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(bStack, 0, row, 0, gn);
            DenseKernels.addRowCombination(uTRows, m, inputs, t * m, row, gn);
            System.arraycopy(row, 0, d, t * gn, gn);
        }
        return d;
    }

    /** Uᵀ as m rows of G·n: the input gradients of many steps are Uᵀ·[δ_t …], one matrix product. */
    double[][] inputTransposeRows() {
        return uTRows;
    }

    /** Makes the cell of the given type; params holds every name of {@link CellType#parameterNames()}. */
    public static Cell create(CellType type, Activation activation, Map<String, DMatrixRMaj> params) {
        return create(type, activation, GruVariant.CHO, params);
    }

    /**
     * Makes the cell of the given type and, for the GRU, variant; params holds every name of
     * {@link CellType#parameterNames(GruVariant)}.
     */
    public static Cell create(CellType type, Activation activation, GruVariant variant,
                              Map<String, DMatrixRMaj> params) {
        if (type == CellType.GRU && variant == GruVariant.PYTORCH) {
            return new PytorchGruCell(params);
        }
        switch (type) {
            case RNN: return new RnnCell(params, activation, false);
            case ADDITIVE: return new RnnCell(params, activation, true);
            case LSTM: return new LstmCell(params);
            default: return new GruCell(params);
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
     * Backpropagates one step: given g = ∂L/∂s_t, writes gPrev = J_tᵀ g and delta = (∂s_t/∂drive_t)ᵀ g.
     * @param g length d. Not modified.
     * @param gPrev length d. Overwritten.
     * @param delta length G·n. Overwritten.
     */
    public abstract void vjp(Trajectory tr, int t, double[] g, double[] gPrev, double[] delta);

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
        double probe = 0.0;
        for (double x : s) {
            probe += x * 0.0;
        }
        if (probe == 0.0) {
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
