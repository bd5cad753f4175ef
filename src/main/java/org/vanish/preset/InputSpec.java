package org.vanish.preset;

/**
 * The inputs x_1..x_T shared by every run of a preset.
 *
 * @param kind one of {@code noise}, {@code zeros}, {@code text}, {@code explicit}
 * @param scale standard deviation of noise entries and of word-embedding entries
 * @param text the sentence, for {@code text}; its tokens are the steps
 * @param values T rows of m, for {@code explicit}
 * @param embedding a model's own embedding (an imported model's) that a {@code text} input's words are looked up
 *                  in; kept while another kind is chosen; null for the fixed seeded embedding of each word
 */
public record InputSpec(String kind, double scale, String text, double[][] values, TextEmbedding embedding) {
    public static final String NOISE = "noise";
    public static final String ZEROS = "zeros";
    public static final String TEXT = "text";
    public static final String EXPLICIT = "explicit";

    /** Inputs without a model's embedding. */
    public InputSpec(String kind, double scale, String text, double[][] values) {
        this(kind, scale, text, values, null);
    }

    public static InputSpec noise(double scale) {
        return new InputSpec(NOISE, scale, null, null);
    }
}
