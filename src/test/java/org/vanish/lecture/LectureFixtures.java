package org.vanish.lecture;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.vanish.engine.Activation;
import org.vanish.engine.Analyzer;
import org.vanish.engine.CellType;
import org.vanish.engine.InitScheme;
import org.vanish.engine.Inputs;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.engine.RunSpec;

/** Small seeded runs for the lecture tests, analysed by the engine. */
final class LectureFixtures {
    private LectureFixtures() {
    }

    /** A run with gaussian inputs, a random initial state and drawn parameters (gain 1), everything seeded. */
    static RunResult random(CellType cell, Activation act, int n, int steps, long seed, Map<String, Double> biases) {
        int m = 3;
        Random rnd = new Random(seed);
        double[] x = gaussian(rnd, steps * m, 1.0);
        double[] s0 = gaussian(rnd, cell.stateSize(n), 0.5);
        RunSpec spec = new RunSpec("random", cell, act, n, m, steps, seed, InitScheme.GAUSSIAN, 1.0, 1.0, biases,
                false, steps, Map.of(), x, s0, Inputs.readout(n, seed));
        return new Analyzer().analyze(spec, Quantities.GRADIENTS);
    }

    /** A run with the given parameters (missing ones drawn), gaussian inputs and zero initial state. */
    static RunResult explicit(CellType cell, Activation act, int n, int steps, Map<String, DMatrixRMaj> params,
                              double[] readout) {
        int m = 2;
        double[] x = gaussian(new Random(11), steps * m, 1.0);
        RunSpec spec = new RunSpec("explicit", cell, act, n, m, steps, 1L, InitScheme.GAUSSIAN, 1.0, 1.0, Map.of(),
                false, steps, params, x, new double[cell.stateSize(n)], readout);
        return new Analyzer().analyze(spec, Quantities.GRADIENTS);
    }

    /** Every weight of the cell zero (W_* n×n, U_* n×2), biases as given (others zero). */
    static Map<String, DMatrixRMaj> zeroWeights(CellType cell, int n, Map<String, Double> biases) {
        Map<String, DMatrixRMaj> p = new LinkedHashMap<>();
        for (String name : cell.recurrentNames()) {
            p.put(name, new DMatrixRMaj(n, n));
        }
        for (String name : cell.inputNames()) {
            p.put(name, new DMatrixRMaj(n, 2));
        }
        for (String name : cell.biasNames()) {
            DMatrixRMaj b = new DMatrixRMaj(n, 1);
            b.fill(biases.getOrDefault(name, 0.0));
            p.put(name, b);
        }
        return p;
    }

    /** An Elman cell's parameters: W_h as given, W_x and b zero. */
    static Map<String, DMatrixRMaj> rnnParams(DMatrixRMaj w) {
        Map<String, DMatrixRMaj> p = new LinkedHashMap<>();
        p.put("W_h", w);
        p.put("W_x", new DMatrixRMaj(w.numRows, 2));
        p.put("b", new DMatrixRMaj(w.numRows, 1));
        return p;
    }

    static DMatrixRMaj gaussianMatrix(int n, double sd, long seed) {
        return new DMatrixRMaj(n, n, true, gaussian(new Random(seed), n * n, sd));
    }

    private static double[] gaussian(Random rnd, int len, double sd) {
        double[] out = new double[len];
        for (int i = 0; i < len; i++) {
            out[i] = sd * rnd.nextGaussian();
        }
        return out;
    }
}
