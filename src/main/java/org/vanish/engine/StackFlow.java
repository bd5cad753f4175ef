package org.vanish.engine;

import java.util.Arrays;

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

        Result(GradientFlow.Series[] units, double[] inputGradNorm) {
            this.units = units;
            this.inputGradNorm = inputGradNorm;
        }
    }

    /**
     * @param tr the units' trajectories from {@link Stack#forward}. Not modified.
     * @param readout v, length {@link Stack#readoutSize()}. Not modified.
     * @param perUnit whether to keep log10 |∂L/∂h_τ| per hidden unit
     */
    public static Result backpropagate(Stack stack, Trajectory[] tr, double[] readout, boolean perUnit) {
        int steps = stack.steps();
        int count = stack.units().size();
        LogVectors[] down = new LogVectors[count];
        LogVectors xGrad = new LogVectors(steps, stack.inputSize());
        int off = 0;
        for (int o : stack.outputs()) {
            int n = stack.units().get(o).cell().hiddenSize();
            double[] part = Arrays.copyOfRange(readout, off, off + n);
            down(down, o, stack).add(steps - 1, part, 0, 0.0);
            off += n;
        }
        GradientFlow.Series[] series = new GradientFlow.Series[count];
        for (int k = count - 1; k >= 0; k--) {
            series[k] = unit(stack, k, tr[k], down, xGrad, perUnit);
        }
        return new Result(series, xGrad.log.clone());
    }

    private static LogVectors down(LogVectors[] down, int k, Stack stack) {
        if (down[k] == null) {
            down[k] = new LogVectors(stack.steps(), stack.units().get(k).cell().hiddenSize());
        }
        return down[k];
    }

    /** Backpropagates through unit k, sending its input gradients to its sources. */
    private static GradientFlow.Series unit(Stack stack, int k, Trajectory tr, LogVectors[] down, LogVectors xGrad,
                                            boolean perUnit) {
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
        double[] gx = new double[cell.inputSize()];
        LogScale scale = new LogScale();
        scale.add(Double.NEGATIVE_INFINITY);
        LogVectors from = down[k];
        for (int tau = steps; ; tau--) {
            if (tau >= 1 && from != null && from.log[tau - 1] != Double.NEGATIVE_INFINITY) {
                scale = addInto(g, n, scale, from.dir, (tau - 1) * n, from.log[tau - 1]);
            }
            record(tau, g, scale, d, n, norm, normH, normC, units);
            if (tau == 0) {
                break;
            }
            if (Double.isInfinite(scale.value())) {
                inputNorm[tau - 1] = Double.NEGATIVE_INFINITY;
                continue;
            }
            cell.vjp(tr, tau, g, gPrev, delta);
            StepWatch.step();
            cell.inputVjpByRows(delta, gx);
            double lx = scale.value();
            double nx = DenseKernels.norm(gx, 0, gx.length);
            inputNorm[tau - 1] = nx == 0.0 ? Double.NEGATIVE_INFINITY : lx + Math.log10(nx);
            send(stack, k, tau, gx, lx, down, xGrad);
            double r = DenseKernels.norm(gPrev, 0, d);
            scale.multiply(r);
            double[] swap = g;
            g = gPrev;
            gPrev = swap;
            if (r > 0) {
                DenseKernels.scale(g, 0, d, 1.0 / r);
            } else {
                Arrays.fill(g, 0.0);
            }
        }
        return new GradientFlow.Series(norm, normH, normC, inputNorm, units);
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

    /** Adds unit k's input gradient at step τ (gx·10^lx) to its sources at the position it read. */
    private static void send(Stack stack, int k, int tau, double[] gx, double lx, LogVectors[] down, LogVectors xGrad) {
        int p = stack.position(k, tau);
        int off = 0;
        for (int s : stack.units().get(k).sources()) {
            if (s == Stack.INPUT) {
                xGrad.add(p - 1, gx, off, lx);
                off += stack.inputSize();
            } else {
                LogVectors to = down(down, s, stack);
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
