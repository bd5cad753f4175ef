package org.vanish.engine;

import java.util.Locale;

/**
 * The two GRUs in use. {@link #CHO}: the seeds' form (Cho et al. 2014), the reset applied before the recurrent
 * product, h̃ = tanh(W_h (r∘h) + U_h x + b_h). {@link #PYTORCH}: PyTorch's, Keras's default and cuDNN's, the reset
 * applied after it, h̃ = tanh(U_h x + b_h + r∘(W_h h + b_hn)), with a recurrent candidate bias b_hn of its own.
 * Both write the update gate as u, so that h_t = (1−u)∘h_{t-1} + u∘h̃ in both (PyTorch's z is 1 − u).
 */
public enum GruVariant {
    CHO,
    PYTORCH;

    /** The name of PyTorch's recurrent candidate bias, the parameter only the {@link #PYTORCH} variant has. */
    public static final String RECURRENT_CANDIDATE_BIAS = "b_hn";

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "cho" or "pytorch"; null if unknown. */
    public static GruVariant fromId(String id) {
        for (GruVariant v : values()) {
            if (v.id().equals(id)) {
                return v;
            }
        }
        return null;
    }
}
