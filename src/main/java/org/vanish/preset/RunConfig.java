package org.vanish.preset;

import java.util.List;
import java.util.Map;
import org.vanish.engine.Activation;
import org.vanish.engine.CellType;
import org.vanish.engine.GruVariant;
import org.vanish.engine.InitScheme;

/**
 * One compared run of a preset, with the preset-level defaults already merged in.
 *
 * @param biases constant value per bias name (b; b_f, b_i, b_o, b_c; b_u, b_r, b_h)
 * @param chronoMaxSteps T_max of chrono initialisation; null means the preset's steps
 * @param parameters explicit matrices by parameter name, rows of columns (vectors as one column)
 * @param initialH h_0 or null for zeros; initialC c_0 (LSTM) or null for zeros
 * @param readout v or null for the seeded unit vector; length n, or 2n when bidirectional
 * @param layers 1..8 stacked layers (PyTorch's num_layers)
 * @param bidirectional whether every layer also runs backward, reading x_T first
 * @param gruVariant which GRU a gru run is: Cho's (the seeds') or PyTorch's
 * @param stackParameters explicit matrices per layer and direction (layer 0 forward, layer 0 backward, layer 1
 *                        forward, ...), or empty; when given, parameters is its first entry
 */
public record RunConfig(String label, CellType cell, Activation activation, int hiddenSize, long seed,
                        InitScheme init, double gain, double scale, Map<String, Double> biases, boolean chrono,
                        Double chronoMaxSteps, Map<String, double[][]> parameters, double[] initialH,
                        double[] initialC, double[] readout, int layers, boolean bidirectional,
                        GruVariant gruVariant, List<Map<String, double[][]>> stackParameters) {

    public RunConfig {
        gruVariant = gruVariant == null ? GruVariant.CHO : gruVariant;
        stackParameters = stackParameters == null ? List.of() : List.copyOf(stackParameters);
    }

    /** A one-layer, unidirectional run (Cho's GRU for a gru run): what a preset without those fields means. */
    public RunConfig(String label, CellType cell, Activation activation, int hiddenSize, long seed,
                     InitScheme init, double gain, double scale, Map<String, Double> biases, boolean chrono,
                     Double chronoMaxSteps, Map<String, double[][]> parameters, double[] initialH,
                     double[] initialC, double[] readout) {
        this(label, cell, activation, hiddenSize, seed, init, gain, scale, biases, chrono, chronoMaxSteps, parameters,
                initialH, initialC, readout, 1, false, GruVariant.CHO, List.of());
    }

    /** Directions per layer: 1, or 2 when bidirectional. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** Layers × directions. */
    public int units() {
        return layers * directions();
    }

    /** The parameter names of this run's cell (b_hn too for PyTorch's GRU). */
    public List<String> parameterNames() {
        return cell.parameterNames(gruVariant);
    }

    /**
     * Whether every parameter of every layer and direction is given explicitly (an imported or trained network), so
     * that init, gain, the weight seed and the constant biases draw nothing (as {@code RunSpec.weightsGiven}).
     */
    public boolean weightsGiven() {
        List<String> names = parameterNames();
        if (stackParameters.isEmpty()) {
            return units() == 1 && parameters.keySet().containsAll(names);
        }
        return stackParameters.stream().allMatch(p -> p.keySet().containsAll(names));
    }

    /** The bias names of this run's cell (b_hn too for PyTorch's GRU). */
    public List<String> biasNames() {
        return cell.biasNames(gruVariant);
    }

    /**
     * The same run with another architecture. Explicit parameters of other layers and a readout of the wrong length
     * are dropped; a variant that lacks an explicit parameter's name drops that name.
     */
    public RunConfig withArchitecture(int newLayers, boolean newBidirectional, GruVariant newVariant) {
        boolean same = newLayers == layers && newBidirectional == bidirectional;
        double[] v = readout != null && readout.length == hiddenSize * (newBidirectional ? 2 : 1) ? readout : null;
        Map<String, double[][]> p = new java.util.LinkedHashMap<>(parameters);
        p.keySet().retainAll(cell.parameterNames(newVariant));
        List<Map<String, double[][]>> stack = same && newVariant == gruVariant ? stackParameters : List.of();
        return new RunConfig(label, cell, activation, hiddenSize, seed, init, gain, scale, biases, chrono,
                chronoMaxSteps, Map.copyOf(p), initialH, initialC, v, newLayers, newBidirectional, newVariant, stack);
    }

    /** The same run at another W scale. */
    public RunConfig withScale(double s) {
        return new RunConfig(label, cell, activation, hiddenSize, seed, init, gain, s, biases, chrono, chronoMaxSteps,
                parameters, initialH, initialC, readout, layers, bidirectional, gruVariant, stackParameters);
    }

    /** The same run under another label. */
    public RunConfig withLabel(String l) {
        return new RunConfig(l, cell, activation, hiddenSize, seed, init, gain, scale, biases, chrono, chronoMaxSteps,
                parameters, initialH, initialC, readout, layers, bidirectional, gruVariant, stackParameters);
    }

    /** The same run with another φ and label. */
    public RunConfig withActivation(Activation a, String l) {
        return new RunConfig(l, cell, a, hiddenSize, seed, init, gain, scale, biases, chrono, chronoMaxSteps,
                parameters, initialH, initialC, readout, layers, bidirectional, gruVariant, stackParameters);
    }

    /** The same run with another weight seed. */
    public RunConfig withSeed(long s) {
        return new RunConfig(label, cell, activation, hiddenSize, s, init, gain, scale, biases, chrono, chronoMaxSteps,
                parameters, initialH, initialC, readout, layers, bidirectional, gruVariant, stackParameters);
    }

    /** The same run with another init scheme. */
    public RunConfig withInit(InitScheme i) {
        return new RunConfig(label, cell, activation, hiddenSize, seed, i, gain, scale, biases, chrono, chronoMaxSteps,
                parameters, initialH, initialC, readout, layers, bidirectional, gruVariant, stackParameters);
    }

    /** The same run with another init gain. */
    public RunConfig withGain(double g) {
        return new RunConfig(label, cell, activation, hiddenSize, seed, init, g, scale, biases, chrono, chronoMaxSteps,
                parameters, initialH, initialC, readout, layers, bidirectional, gruVariant, stackParameters);
    }

    /** The same run with other constant biases. */
    public RunConfig withBiases(Map<String, Double> b) {
        return new RunConfig(label, cell, activation, hiddenSize, seed, init, gain, scale, b, chrono, chronoMaxSteps,
                parameters, initialH, initialC, readout, layers, bidirectional, gruVariant, stackParameters);
    }

    /** The same run with another readout (null: the seeded unit vector). */
    public RunConfig withReadout(double[] v) {
        return new RunConfig(label, cell, activation, hiddenSize, seed, init, gain, scale, biases, chrono,
                chronoMaxSteps, parameters, initialH, initialC, v, layers, bidirectional, gruVariant, stackParameters);
    }

    /** The same run at another hidden size: the n-sized explicit parameters and initial state are dropped. */
    public RunConfig withHiddenSize(int n, double[] newReadout) {
        return new RunConfig(label, cell, activation, n, seed, init, gain, scale, biases, chrono, chronoMaxSteps,
                Map.of(), null, null, newReadout, layers, bidirectional, gruVariant, List.of());
    }
}
