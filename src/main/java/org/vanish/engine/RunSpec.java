package org.vanish.engine;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Everything that determines one run, resolved and validated (the preset layer builds it).
 *
 * @param inputs x_1..x_T as T×m row-major. Not modified by the engine.
 * @param initialState s_0, length d (h, then c for the LSTM), of every layer and direction.
 * @param readout v in L = v·h_n, length n, or 2n when bidirectional (h_n as PyTorch returns it: the top layer's
 *                h_T, and for a bidirectional run [h_T forward; the backward direction's state after reading x_1]).
 * @param scale multiplies every recurrent matrix (W_h; W_f, W_i, W_o, W_c; W_u, W_r, W_h) after the draw.
 * @param biases constant value per bias vector name (b, b_f, ...); missing names are 0.
 * @param explicitParameters matrices that replace drawn ones, by parameter name (unscaled), of layer 0 forward.
 * @param layers 1..{@link #MAX_LAYERS}, PyTorch's num_layers: layer l+1 reads layer l's h_t, for a bidirectional
 *               layer [h_t forward; h_t backward].
 * @param bidirectional whether every layer has a backward direction, reading x_T first.
 * @param gruVariant which GRU a gru run is (ignored by the other cells).
 * @param stackParameters explicit matrices per layer and direction (layer 0 forward, layer 0 backward, layer 1
 *                forward, ...), or empty; when given, entry 0 is explicitParameters.
 */
public record RunSpec(String label, CellType cell, Activation activation, int hiddenSize, int inputSize, int steps,
                      long seed, InitScheme init, double gain, double scale, Map<String, Double> biases,
                      boolean chrono, double chronoMaxSteps, Map<String, DMatrixRMaj> explicitParameters,
                      double[] inputs, double[] initialState, double[] readout, int layers, boolean bidirectional,
                      GruVariant gruVariant, List<Map<String, DMatrixRMaj>> stackParameters) {
    public static final int MAX_LAYERS = 8;

    public RunSpec {
        if (layers < 1 || layers > MAX_LAYERS) {
            throw new IllegalArgumentException("layers: " + layers + " is out of range; allowed 1 to " + MAX_LAYERS);
        }
        gruVariant = gruVariant == null ? GruVariant.CHO : gruVariant;
        stackParameters = stackParameters == null ? List.of() : List.copyOf(stackParameters);
        if (!stackParameters.isEmpty() && stackParameters.size() != layers * (bidirectional ? 2 : 1)) {
            throw new IllegalArgumentException("parameters: " + stackParameters.size() + " layers and directions given"
                    + " for " + layers * (bidirectional ? 2 : 1));
        }
    }

    /** A one-layer, unidirectional run (Cho's GRU for a gru run). */
    public RunSpec(String label, CellType cell, Activation activation, int hiddenSize, int inputSize, int steps,
                   long seed, InitScheme init, double gain, double scale, Map<String, Double> biases,
                   boolean chrono, double chronoMaxSteps, Map<String, DMatrixRMaj> explicitParameters,
                   double[] inputs, double[] initialState, double[] readout) {
        this(label, cell, activation, hiddenSize, inputSize, steps, seed, init, gain, scale, biases, chrono,
                chronoMaxSteps, explicitParameters, inputs, initialState, readout, 1, false, GruVariant.CHO, List.of());
    }

    /** The same run with another W scale (all arrays shared). */
    public RunSpec withScale(double newScale) {
        return new RunSpec(label, cell, activation, hiddenSize, inputSize, steps, seed, init, gain, newScale, biases,
                chrono, chronoMaxSteps, explicitParameters, inputs, initialState, readout, layers, bidirectional,
                gruVariant, stackParameters);
    }

    /** The same run with another architecture: layers, directions, GRU variant (explicit stack parameters dropped). */
    public RunSpec withArchitecture(int newLayers, boolean newBidirectional, GruVariant newVariant, double[] newReadout) {
        return new RunSpec(label, cell, activation, hiddenSize, inputSize, steps, seed, init, gain, scale, biases,
                chrono, chronoMaxSteps, explicitParameters, inputs, initialState, newReadout, newLayers,
                newBidirectional, newVariant, List.of());
    }

    /** d, the state size. */
    public int stateSize() {
        return cell.stateSize(hiddenSize);
    }

    /** Directions per layer: 1, or 2 when bidirectional. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** Layers × directions, the number of recurrences the run holds. */
    public int units() {
        return layers * directions();
    }

    /** Whether the run is one layer in one direction, the engine's original run. */
    public boolean single() {
        return layers == 1 && !bidirectional;
    }

    /** The parameter names of this run's cell (b_hn too for PyTorch's GRU). */
    public java.util.List<String> parameterNames() {
        return cell.parameterNames(gruVariant);
    }

    /**
     * Whether every parameter of every layer and direction is given explicitly (an imported or trained network):
     * then the init scheme, the gain, the weight seed and the constant biases draw nothing. The W scale still
     * scales the recurrent matrices.
     */
    public boolean weightsGiven() {
        java.util.List<String> names = parameterNames();
        if (stackParameters.isEmpty()) {
            return single() && explicitParameters.keySet().containsAll(names);
        }
        return stackParameters.stream().allMatch(p -> p.keySet().containsAll(names));
    }
}
