package org.vanish.engine;

import java.util.Locale;

/**
 * The elementwise nonlinearity φ of the Elman and additive cells.
 * All evaluations use {@link Elementary} (plain Java arithmetic) so that a preset gives bit-identical numbers on every machine.
 */
public enum Activation {
    TANH, SIGMOID, RELU, LINEAR;

    /** The largest value of φ' (Pascanu et al.'s γ): 1 for tanh, relu and linear, 1/4 for sigmoid. */
    public double gamma() {
        return this == SIGMOID ? 0.25 : 1.0;
    }

    /** φ(a). */
    public double value(double a) {
        switch (this) {
            case TANH: return Elementary.tanh(a);
            case SIGMOID: return sigmoid(a);
            case RELU: return a > 0 ? a : 0.0;
            default: return a;
        }
    }

    /**
     * φ'(a), from the pre-activation a so that it stays accurate where φ saturates (1 − y² from y = tanh(a)
     * would round to 0 for |a| &gt; 19 and cut the gradient path, which is never exactly cut).
     * relu'(0) is taken as 0, as PyTorch and JAX do.
     */
    public double derivative(double a) {
        switch (this) {
            case TANH: return Elementary.tanhDerivative(a);
            case SIGMOID: return Elementary.sigmoidDerivative(a);
            case RELU: return a > 0 ? 1.0 : 0.0;
            default: return 1.0;
        }
    }

    /** The logistic function 1/(1+e^-a), evaluated without overflow for large |a|. */
    public static double sigmoid(double a) {
        return Elementary.sigmoid(a);
    }

    /** The lower-case name used in presets and reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a preset name such as {@code "tanh"}; null if unknown. */
    public static Activation fromId(String id) {
        for (Activation a : values()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        return null;
    }
}
