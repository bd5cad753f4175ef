package org.vanish.engine;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Everything that determines one run, resolved and validated (the preset layer builds it).
 *
 * @param inputs x_1..x_T as T×m row-major. Not modified by the engine.
 * @param initialState s_0, length d (h, then c for the LSTM).
 * @param readout v in L = v·h_T, length n.
 * @param scale multiplies every recurrent matrix (W_h; W_f, W_i, W_o, W_c; W_u, W_r, W_h) after the draw.
 * @param biases constant value per bias vector name (b, b_f, ...); missing names are 0.
 * @param explicitParameters matrices that replace drawn ones, by parameter name (unscaled).
 */
public record RunSpec(String label, CellType cell, Activation activation, int hiddenSize, int inputSize, int steps,
                      long seed, InitScheme init, double gain, double scale, Map<String, Double> biases,
                      boolean chrono, double chronoMaxSteps, Map<String, DMatrixRMaj> explicitParameters,
                      double[] inputs, double[] initialState, double[] readout) {

    /** The same run with another W scale (all arrays shared). */
    public RunSpec withScale(double newScale) {
        return new RunSpec(label, cell, activation, hiddenSize, inputSize, steps, seed, init, gain, newScale, biases,
                chrono, chronoMaxSteps, explicitParameters, inputs, initialState, readout);
    }

    /** d, the state size. */
    public int stateSize() {
        return cell.stateSize(hiddenSize);
    }
}
