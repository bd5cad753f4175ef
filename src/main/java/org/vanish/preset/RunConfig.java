package org.vanish.preset;

import java.util.Map;
import org.vanish.engine.Activation;
import org.vanish.engine.CellType;
import org.vanish.engine.InitScheme;

/**
 * One compared run of a preset, with the preset-level defaults already merged in.
 *
 * @param biases constant value per bias name (b; b_f, b_i, b_o, b_c; b_u, b_r, b_h)
 * @param chronoMaxSteps T_max of chrono initialisation; null means the preset's steps
 * @param parameters explicit matrices by parameter name, rows of columns (vectors as one column)
 * @param initialH h_0 or null for zeros; initialC c_0 (LSTM) or null for zeros
 * @param readout v or null for the seeded unit vector
 */
public record RunConfig(String label, CellType cell, Activation activation, int hiddenSize, long seed,
                        InitScheme init, double gain, double scale, Map<String, Double> biases, boolean chrono,
                        Double chronoMaxSteps, Map<String, double[][]> parameters, double[] initialH,
                        double[] initialC, double[] readout) {

    /** The same run at another W scale. */
    public RunConfig withScale(double s) {
        return new RunConfig(label, cell, activation, hiddenSize, seed, init, gain, s, biases, chrono, chronoMaxSteps,
                parameters, initialH, initialC, readout);
    }
}
