package org.vanish.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.IntPredicate;

/**
 * Backpropagation through a {@link Stack} for L = v·h_n, h_n the output units' final h concatenated. From the last
 * unit to the first, in each unit's processing order from τ = T down to 0:
 * <pre>
 *   g_τ = ∂L/∂s_τ = J_{τ+1}ᵀ g_{τ+1} + [e_τ; 0],
 * </pre>
 * e_τ what reaches the unit's h_τ from outside its recurrence: the readout at τ = T for an output unit, and the
 * h-part of every consumer's input gradient Uᵀδ at the same input position. So g is the total derivative through
 * every path. The model input's gradient ∂L/∂x_p sums the input gradients of every unit that reads x. Every vector
 * is carried as log10 of its norm and a direction (as in {@link GradientFlow}), so no magnitude reaches 0 or ∞.
 */
public final class StackFlow {
    private StackFlow() {
    }

    /** Per unit, its series in its processing order; and the model input's ‖∂L/∂x_t‖. */
    public static final class Result {
        /**
         * Per unit: gradNorm (and H, C) at τ = 0..T in its processing order (τ = T its state after its last input);
         * inputGradNorm at τ − 1 is log10 ‖∂L/∂(what the unit reads at step τ)‖; unitGrad if asked for.
         */
        public final GradientFlow.Series[] units;
        /** log10 ‖∂L/∂x_t‖₂, t = 1..T at index t-1. */
        public final double[] inputGradNorm;
        /**
         * If asked for ({@link #backpropagateByDirection}): log10 of the norm of the part of ∂L/∂x_t that arrives
         * through the units reading forwards [0] and through those reading backwards [1], t = 1..T at index t-1; the
         * two parts sum to ∂L/∂x_t. Else null.
         */
        public final double[][] inputGradNormByDirection;

        Result(GradientFlow.Series[] units, double[] inputGradNorm, double[][] inputGradNormByDirection) {
            this.units = units;
            this.inputGradNorm = inputGradNorm;
            this.inputGradNormByDirection = inputGradNormByDirection;
        }
    }

    /** Backpropagates on the calling thread. */
    public static Result backpropagate(Stack stack, Trajectory[] tr, double[] readout, boolean perUnit) {
        return backpropagate(stack, tr, readout, perUnit, null);
    }

    /**
     * {@link #backpropagate(Stack, Trajectory[], double[], boolean)} that also splits ∂L/∂x_t by the direction of the
     * units it arrives through ({@link Result#inputGradNormByDirection}): which direction of a bidirectional network
     * delivers the gradient to each input.
     */
    public static Result backpropagateByDirection(Stack stack, Trajectory[] tr, double[] readout) {
        return backpropagate(stack, tr, readout, false, null, null, true);
    }

    /**
     * @param tr the units' trajectories from {@link Stack#forward}. Not modified.
     * @param readout v, length {@link Stack#readoutSize()}. Not modified.
     * @param perUnit whether to keep log10 |∂L/∂h_τ| per hidden unit
     * @param executor runs the units of one level (the directions of a layer) concurrently; null: one thread. Every
     *                 unit keeps what each sender sends it apart and sums it in a fixed order, so the result is the
     *                 same bit for bit on any number of threads.
     */
    public static Result backpropagate(Stack stack, Trajectory[] tr, double[] readout, boolean perUnit,
                                       Executor executor) {
        return backpropagate(stack, tr, readout, perUnit, executor, null);
    }

    /**
     * {@link #backpropagate(Stack, Trajectory[], double[], boolean, Executor)} in a workspace kept from an earlier
     * call on a stack of the same wiring and sizes (null: a new one), so that a run analysed again and again
     * allocates nothing but its results. The result does not depend on what the workspace held before.
     */
    static Result backpropagate(Stack stack, Trajectory[] tr, double[] readout, boolean perUnit, Executor executor,
                                Workspace workspace) {
        return backpropagate(stack, tr, readout, perUnit, executor, workspace, false);
    }

    private static Result backpropagate(Stack stack, Trajectory[] tr, double[] readout, boolean perUnit,
                                        Executor executor, Workspace workspace, boolean directions) {
        Workspace w = workspace != null ? workspace : new Workspace(stack);
        w.clear();
        int steps = stack.steps();
        int count = stack.units().size();
        List<TreeMap<Integer, LogVectors>> down = w.down;
        LogVectors[] xParts = w.xParts;
        int off = 0;
        for (int o : stack.outputs()) {
            int n = stack.units().get(o).cell().hiddenSize();
            down.get(o).get(READOUT).add(steps - 1, Arrays.copyOfRange(readout, off, off + n), 0, 0.0);
            off += n;
        }
        GradientFlow.Series[] series = new GradientFlow.Series[count];
        int[] level = stack.levels();
        int top = Arrays.stream(level).max().orElse(0);
        for (int lv = top; lv >= 0; lv--) {
            List<Integer> same = new ArrayList<>();
            for (int k = count - 1; k >= 0; k--) {
                if (level[k] == lv) {
                    same.add(k);
                }
            }
            Stack.inParallel(same, k -> series[k] = unit(stack, k, tr[k], down, xParts[k], perUnit, w.sent[k]),
                    executor);
        }
        sum(xParts, k -> true, w.xGrad);
        double[][] byDirection = null;
        if (directions) {
            byDirection = new double[2][];
            for (int r = 0; r < 2; r++) {
                boolean reversed = r == 1;
                LogVectors part = new LogVectors(steps, stack.inputSize());
                sum(xParts, k -> stack.units().get(k).reversed() == reversed, part);
                byDirection[r] = part.log;
            }
        }
        return new Result(series, w.xGrad.log.clone(), byDirection);
    }

    /** Adds the parts of ∂L/∂x of the units k that which accepts into into, in the order of the units. */
    private static void sum(LogVectors[] xParts, IntPredicate which, LogVectors into) {
        for (int k = 0; k < xParts.length; k++) {
            LogVectors part = xParts[k];
            if (part != null && which.test(k)) {
                for (int t = 0; t < part.log.length; t++) {
                    into.add(t, part.dir, t * part.width, part.log[t]);
                }
            }
        }
    }

    /**
     * What a backpropagation through one stack needs besides its results: the rows each unit receives from its
     * consumers and the readout, the parts of ∂L/∂x, the buffers of every unit's {@link Sent}. Not thread-safe: one
     * backpropagation at a time.
     */
    static final class Workspace {
        /** down[s]: what reaches unit s from outside its recurrence, one row of vectors per sender, in sender order. */
        final List<TreeMap<Integer, LogVectors>> down = new ArrayList<>();
        final LogVectors[] xParts;
        final LogVectors xGrad;
        final Sent.Buffers[] sent;

        Workspace(Stack stack) {
            int steps = stack.steps();
            int count = stack.units().size();
            for (int k = 0; k < count; k++) {
                down.add(new TreeMap<>());
            }
            xParts = new LogVectors[count];
            sent = new Sent.Buffers[count];
            for (int k = 0; k < count; k++) {
                Cell cell = stack.units().get(k).cell();
                sent[k] = new Sent.Buffers(cell.driveSize(), cell.inputSize());
                for (int s : stack.units().get(k).sources()) {
                    if (s == Stack.INPUT) {
                        xParts[k] = new LogVectors(steps, stack.inputSize());
                    } else {
                        down.get(s).put(k, new LogVectors(steps, stack.units().get(s).cell().hiddenSize()));
                    }
                }
            }
            for (int o : stack.outputs()) {
                down.get(o).put(READOUT, new LogVectors(steps, stack.units().get(o).cell().hiddenSize()));
            }
            xGrad = new LogVectors(steps, stack.inputSize());
        }

        /** About the bytes it holds. */
        long bytes() {
            long doubles = xGrad.dir.length + xGrad.log.length;
            for (TreeMap<Integer, LogVectors> rows : down) {
                for (LogVectors v : rows.values()) {
                    doubles += v.dir.length + v.log.length;
                }
            }
            for (LogVectors x : xParts) {
                if (x != null) {
                    doubles += x.dir.length + x.log.length;
                }
            }
            for (Sent.Buffers b : sent) {
                doubles += b.deltas.length + (long) b.gx.length * b.gx[0].length;
            }
            return 8 * doubles;
        }

        /**
         * Every row back to zero. The units read a received row's direction only where its log is finite, so only
         * the logs are reset there; the parts of ∂L/∂x are summed whole, so they are zeroed whole.
         */
        void clear() {
            for (TreeMap<Integer, LogVectors> rows : down) {
                for (LogVectors v : rows.values()) {
                    v.clear(false);
                }
            }
            for (LogVectors x : xParts) {
                if (x != null) {
                    x.clear(true);
                }
            }
            xGrad.clear(true);
        }
    }

    /** The key of the readout's row among a unit's senders: after every unit. */
    private static final int READOUT = Integer.MAX_VALUE;

    /** Backpropagates through unit k, sending its input gradients to the rows its sources keep for it. */
    private static GradientFlow.Series unit(Stack stack, int k, Trajectory tr, List<TreeMap<Integer, LogVectors>> down,
                                            LogVectors xPart, boolean perUnit, Sent.Buffers buffers) {
        Stack.Unit unit = stack.units().get(k);
        Cell cell = unit.cell();
        int steps = stack.steps();
        int d = cell.stateSize();
        int n = cell.hiddenSize();
        boolean split = cell.type().hasCellState();
        double[] norm = new double[steps + 1];
        double[] normH = split ? new double[steps + 1] : null;
        double[] normC = split ? new double[steps + 1] : null;
        double[] inputNorm = new double[steps];
        float[] units = perUnit ? new float[(steps + 1) * n] : null;
        double[] g = new double[d];
        double[] gPrev = new double[d];
        double[] delta = new double[cell.driveSize()];
        Sent sent = new Sent(stack, k, down, xPart, inputNorm, buffers);
        double[] stepScales = new double[2];
        LogScale scale = new LogScale();
        scale.add(Double.NEGATIVE_INFINITY);
        LogVectors[] from = down.get(k).values().toArray(new LogVectors[0]);
        for (int tau = steps; ; tau--) {
            if (tau >= 1) {
                for (LogVectors f : from) {
                    if (f.log[tau - 1] != Double.NEGATIVE_INFINITY) {
                        scale = addInto(g, n, scale, f.dir, (tau - 1) * n, f.log[tau - 1]);
                    }
                }
            }
            record(tau, g, scale, d, n, norm, normH, normC, units);
            if (tau == 0) {
                break;
            }
            if (Double.isInfinite(scale.value())) {
                inputNorm[tau - 1] = Double.NEGATIVE_INFINITY;
                continue;
            }
            cell.vjpScaled(tr, tau, g, gPrev, delta, stepScales);
            StepWatch.step();
            sent.add(tau, delta, scale.value() + stepScales[1]);
            if (stepScales[0] != 0.0) {
                scale.add(stepScales[0]);
            }
            double r = DenseKernels.norm(gPrev, 0, d);
            scale.multiply(r);
            double[] swap = g;
            g = gPrev;
            gPrev = swap;
            if (r > 0) {
                DenseKernels.divide(g, 0, d, r);
            } else {
                Arrays.fill(g, 0.0);
            }
        }
        sent.flush();
        return new GradientFlow.Series(norm, normH, normC, inputNorm, units);
    }

    /**
     * A unit's input gradients gx_τ = Uᵀδ_τ·10^lx_τ, formed for a chunk of steps at once (each block of U's rows
     * serving every step of the chunk, {@link DenseKernels#addRowCombinations}) and then sent, in the order of the
     * steps, as one at a time would: nothing else reads what they are sent to before the unit is done, and each
     * gx_τ has the bits it would have alone. Not thread-safe.
     */
    private static final class Sent {
        private static final int CHUNK = 32;
        private final Stack stack;
        private final int k;
        private final List<TreeMap<Integer, LogVectors>> down;
        private final LogVectors xPart;
        private final double[] inputNorm;
        private final double[][] uRows;
        private final int gn;
        private final int m;
        private final double[] deltas;
        private final double[][] gx;
        private final int[] taus = new int[CHUNK];
        private final double[] logs = new double[CHUNK];
        private int count;

        /** The chunk's δ and gx, kept across backpropagations ({@link Workspace}). */
        static final class Buffers {
            final double[] deltas;
            final double[][] gx;

            Buffers(int gn, int m) {
                deltas = new double[CHUNK * gn];
                gx = new double[CHUNK][m];
            }
        }

        Sent(Stack stack, int k, List<TreeMap<Integer, LogVectors>> down, LogVectors xPart, double[] inputNorm,
             Buffers buffers) {
            Cell cell = stack.units().get(k).cell();
            this.stack = stack;
            this.k = k;
            this.down = down;
            this.xPart = xPart;
            this.inputNorm = inputNorm;
            this.uRows = cell.inputRows();
            this.gn = cell.driveSize();
            this.m = cell.inputSize();
            this.deltas = buffers.deltas;
            this.gx = buffers.gx;
        }

        /** Keeps step τ's δ (relative to 10^lx); sends the chunk when it is full. */
        void add(int tau, double[] delta, double lx) {
            System.arraycopy(delta, 0, deltas, count * gn, gn);
            taus[count] = tau;
            logs[count] = lx;
            if (++count == CHUNK) {
                flush();
            }
        }

        /** Forms and sends every gx kept so far, writing log10 ‖gx_τ‖ into inputNorm[τ − 1]. */
        void flush() {
            for (int c = 0; c < count; c++) {
                Arrays.fill(gx[c], 0, m, 0.0);
            }
            DenseKernels.addRowCombinations(uRows, gn, deltas, 0, gn, gx, count, m);
            for (int c = 0; c < count; c++) {
                double nx = DenseKernels.norm(gx[c], 0, m);
                inputNorm[taus[c] - 1] = nx == 0.0 ? Double.NEGATIVE_INFINITY : logs[c] + Math.log10(nx);
                send(stack, k, taus[c], gx[c], logs[c], down, xPart);
            }
            count = 0;
        }
    }

    /**
     * g·10^scale + [c; 0]·10^cLog into g (the first n entries get c), returning the scale of the sum: the smaller
     * term is scaled down to the larger, so nothing overflows.
     */
    private static LogScale addInto(double[] g, int n, LogScale scale, double[] c, int cOff, double cLog) {
        double s = scale.value();
        if (s == Double.NEGATIVE_INFINITY) {
            Arrays.fill(g, 0.0);
            System.arraycopy(c, cOff, g, 0, n);
            LogScale fresh = new LogScale();
            fresh.add(cLog);
            return fresh;
        }
        double diff = cLog - s;
        if (diff <= 0) {
            double f = Math.pow(10, diff);
            for (int i = 0; i < n; i++) {
                g[i] += f * c[cOff + i];
            }
            return scale;
        }
        double f = Math.pow(10, -diff);
        for (int i = 0; i < g.length; i++) {
            g[i] *= f;
        }
        for (int i = 0; i < n; i++) {
            g[i] += c[cOff + i];
        }
        scale.add(diff);
        return scale;
    }

    /** Adds unit k's input gradient at step τ (gx·10^lx) to the rows its sources keep for it, at the position it read. */
    private static void send(Stack stack, int k, int tau, double[] gx, double lx,
                             List<TreeMap<Integer, LogVectors>> down, LogVectors xPart) {
        int p = stack.position(k, tau);
        int off = 0;
        for (int s : stack.units().get(k).sources()) {
            if (s == Stack.INPUT) {
                xPart.add(p - 1, gx, off, lx);
                off += stack.inputSize();
            } else {
                LogVectors to = down.get(s).get(k);
                to.add(stack.position(s, p) - 1, gx, off, lx);
                off += to.width;
            }
        }
    }

    private static void record(int t, double[] g, LogScale scale, int d, int n,
                               double[] norm, double[] normH, double[] normC, float[] units) {
        if (normH != null) {
            double h = DenseKernels.norm(g, 0, n);
            double c = DenseKernels.norm(g, n, n);
            normH[t] = scale.plus(h);
            normC[t] = scale.plus(c);
            norm[t] = scale.plus(Math.hypot(h, c));
        } else {
            norm[t] = scale.plus(DenseKernels.norm(g, 0, d));
        }
        if (units != null) {
            for (int i = 0; i < n; i++) {
                units[t * n + i] = (float) scale.plus(Math.abs(g[i]));
            }
        }
    }
}
