package org.vanish.engine;

import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/** Small seeded networks for tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** rows × cols standard gaussian entries, as rows. */
    static double[][] gaussianRows(Random rnd, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (double[] r : a) {
            for (int j = 0; j < cols; j++) {
                r[j] = rnd.nextGaussian();
            }
        }
        return a;
    }

    /** A run spec with gaussian inputs and a random initial state, everything seeded. */
    static RunSpec spec(CellType cell, Activation act, int n, int m, int steps, long seed, double scale,
                        Map<String, Double> biases) {
        Random rnd = new Random(seed);
        double[] x = new double[steps * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        double[] s0 = new double[cell.stateSize(n)];
        for (int i = 0; i < s0.length; i++) {
            s0[i] = 0.5 * rnd.nextGaussian();
        }
        return new RunSpec("test", cell, act, n, m, steps, seed, InitScheme.GAUSSIAN, 1.0, scale, biases, false,
                steps, Map.of(), x, s0, Inputs.readout(n, seed));
    }

    static RunSpec spec(CellType cell, Activation act, int n, int m, int steps, long seed) {
        return spec(cell, act, n, m, steps, seed, 1.0, Map.of());
    }

    /** A run spec with explicit parameters (missing ones drawn), zero inputs and zero state. */
    static RunSpec explicit(CellType cell, Activation act, int n, int m, int steps, Map<String, DMatrixRMaj> params,
                            double[] readout) {
        return new RunSpec("explicit", cell, act, n, m, steps, 1L, InitScheme.GAUSSIAN, 1.0, 1.0, Map.of(), false,
                steps, params, new double[steps * m], new double[cell.stateSize(n)], readout);
    }

    /** The cell of a spec at its scale. */
    static Cell cell(RunSpec spec) {
        return Cell.create(spec.cell(), spec.activation(), spec.gruVariant(),
                Initializer.scaled(spec.cell(), Initializer.draw(spec), spec.scale()));
    }

    /** L = v·h_T for the spec run from state s at step t0 (s = s_{t0}) with inputs x. */
    static double loss(Cell cell, RunSpec spec, double[] x, int t0, double[] s) {
        int steps = spec.steps() - t0;
        double[] tail = new double[steps * spec.inputSize()];
        System.arraycopy(x, t0 * spec.inputSize(), tail, 0, tail.length);
        Trajectory tr = cell.forward(cell.drive(tail, steps), steps, s);
        double[] sT = tr.state(steps);
        double l = 0;
        for (int i = 0; i < spec.hiddenSize(); i++) {
            l += spec.readout()[i] * sT[i];
        }
        return l;
    }
}
