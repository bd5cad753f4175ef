package org.vanish.engine;

import java.util.List;
import java.util.Locale;

/**
 * The four recurrent cells of PRODUCT.md, with their parameter names.
 * Gate order is the order of the stacked matrices inside the engine.
 */
public enum CellType {
    /** Elman: h_t = φ(W_h h_{t-1} + W_x x_t + b). */
    RNN(List.of("h"), List.of("W_h"), List.of("W_x"), List.of("b")),
    /** Purely additive: h_t = h_{t-1} + φ(W_h h_{t-1} + W_x x_t + b). */
    ADDITIVE(List.of("h"), List.of("W_h"), List.of("W_x"), List.of("b")),
    /** LSTM with gates f, i, o and candidate c̃. */
    LSTM(List.of("f", "i", "o", "c"), List.of("W_f", "W_i", "W_o", "W_c"),
            List.of("U_f", "U_i", "U_o", "U_c"), List.of("b_f", "b_i", "b_o", "b_c")),
    /** GRU (Cho et al.) with update u, reset r and candidate h̃. */
    GRU(List.of("u", "r", "h"), List.of("W_u", "W_r", "W_h"),
            List.of("U_u", "U_r", "U_h"), List.of("b_u", "b_r", "b_h"));

    private final List<String> gates;
    private final List<String> recurrent;
    private final List<String> input;
    private final List<String> biases;

    CellType(List<String> gates, List<String> recurrent, List<String> input, List<String> biases) {
        this.gates = gates;
        this.recurrent = recurrent;
        this.input = input;
        this.biases = biases;
    }

    /** Short gate names, in stacking order. */
    public List<String> gates() {
        return gates;
    }

    /** Names of the n×n recurrent matrices, in gate order. */
    public List<String> recurrentNames() {
        return recurrent;
    }

    /** Names of the n×m input matrices, in gate order. */
    public List<String> inputNames() {
        return input;
    }

    /** Names of the bias vectors, in gate order. */
    public List<String> biasNames() {
        return biases;
    }

    /** Every parameter name in report order: per gate W, U, b. */
    public List<String> parameterNames() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        for (int g = 0; g < gates.size(); g++) {
            all.add(recurrent.get(g));
            all.add(input.get(g));
            all.add(biases.get(g));
        }
        return List.copyOf(all);
    }

    /**
     * Every parameter name of this cell in the given GRU variant, in report order: {@link #parameterNames()}, and
     * for PyTorch's GRU b_hn last.
     */
    public List<String> parameterNames(GruVariant variant) {
        if (this != GRU || variant != GruVariant.PYTORCH) {
            return parameterNames();
        }
        java.util.ArrayList<String> all = new java.util.ArrayList<>(parameterNames());
        all.add(GruVariant.RECURRENT_CANDIDATE_BIAS);
        return List.copyOf(all);
    }

    /** The bias names of this cell in the given GRU variant: {@link #biasNames()}, and b_hn for PyTorch's GRU. */
    public List<String> biasNames(GruVariant variant) {
        if (this != GRU || variant != GruVariant.PYTORCH) {
            return biasNames();
        }
        return List.of("b_u", "b_r", "b_h", GruVariant.RECURRENT_CANDIDATE_BIAS);
    }

    /** Number of stacked gate blocks G. */
    public int gateCount() {
        return gates.size();
    }

    /** Whether the state carries a cell vector: s = [h; c]. */
    public boolean hasCellState() {
        return this == LSTM;
    }

    /** Size of the state s_t for hidden size n. */
    public int stateSize(int n) {
        return hasCellState() ? 2 * n : n;
    }

    /** Whether the activation choice applies (only the Elman and additive cells use φ). */
    public boolean usesActivation() {
        return this == RNN || this == ADDITIVE;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a preset name such as {@code "lstm"}; null if unknown. */
    public static CellType fromId(String id) {
        for (CellType c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }
}
