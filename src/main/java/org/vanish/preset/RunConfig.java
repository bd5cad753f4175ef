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

    /** The same run under another label. */
    public RunConfig withLabel(String l) {
        return new RunConfig(l, cell, activation, hiddenSize, seed, init, gain, scale, biases, chrono, chronoMaxSteps,
                parameters, initialH, initialC, readout);
    }

    /** The same run with another φ and label. */
    public RunConfig withActivation(Activation a, String l) {
        return new RunConfig(l, cell, a, hiddenSize, seed, init, gain, scale, biases, chrono, chronoMaxSteps,
                parameters, initialH, initialC, readout);
    }

    /** The same run with another weight seed. */
    public RunConfig withSeed(long s) {
        return new RunConfig(label, cell, activation, hiddenSize, s, init, gain, scale, biases, chrono, chronoMaxSteps,
                parameters, initialH, initialC, readout);
    }

    /** The same run with another init scheme. */
    public RunConfig withInit(InitScheme i) {
        return new RunConfig(label, cell, activation, hiddenSize, seed, i, gain, scale, biases, chrono, chronoMaxSteps,
                parameters, initialH, initialC, readout);
    }

    /** The same run with another init gain. */
    public RunConfig withGain(double g) {
        return new RunConfig(label, cell, activation, hiddenSize, seed, init, g, scale, biases, chrono, chronoMaxSteps,
                parameters, initialH, initialC, readout);
    }

    /** The same run with other constant biases. */
    public RunConfig withBiases(Map<String, Double> b) {
        return new RunConfig(label, cell, activation, hiddenSize, seed, init, gain, scale, b, chrono, chronoMaxSteps,
                parameters, initialH, initialC, readout);
    }

    /** The same run with another readout (null: the seeded unit vector). */
    public RunConfig withReadout(double[] v) {
        return new RunConfig(label, cell, activation, hiddenSize, seed, init, gain, scale, biases, chrono,
                chronoMaxSteps, parameters, initialH, initialC, v);
    }

    /** The same run at another hidden size: the n-sized explicit parameters and initial state are dropped. */
    public RunConfig withHiddenSize(int n, double[] newReadout) {
        return new RunConfig(label, cell, activation, n, seed, init, gain, scale, biases, chrono, chronoMaxSteps,
                Map.of(), null, null, newReadout);
    }
}
