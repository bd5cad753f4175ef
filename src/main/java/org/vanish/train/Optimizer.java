package org.vanish.train;

import java.util.Locale;

/**
 * The update rules of the training lab.
 * ADAM: Kingma &amp; Ba 2015 with bias correction, β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
 * SGD: gradient descent with (heavy-ball) momentum μ in PyTorch's form, v ← μv + g, θ ← θ − η v.
 */
public enum Optimizer {
    ADAM, SGD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "adam" or "sgd"; null if unknown. */
    public static Optimizer fromId(String id) {
        for (Optimizer o : values()) {
            if (o.id().equals(id)) {
                return o;
            }
        }
        return null;
    }
}
