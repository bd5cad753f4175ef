package org.vanish.preset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model's embedding (say an imported {@code nn.Embedding}): the text input's word t becomes
 * x_t = vectors[row(word)]. Words are looked up in the vocabulary (lower-cased tokens to rows); a word not in it is
 * read as {@value #UNKNOWN} when the vocabulary has that token. Without a vocabulary, the words are row numbers.
 *
 * @param vocabulary token to row, or null: tokens are row numbers "0", "1", ...
 * @param vectors V rows of m
 */
public record TextEmbedding(Map<String, Integer> vocabulary, double[][] vectors) {
    public static final String UNKNOWN = "<unk>";

    public TextEmbedding {
        vocabulary = vocabulary == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(vocabulary));
    }

    /** The row of a token, or -1 if neither it nor {@value #UNKNOWN} is in the vocabulary. */
    public int row(String token) {
        if (vocabulary == null) {
            try {
                int r = Integer.parseInt(token);
                return r >= 0 && r < vectors.length ? r : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        Integer r = vocabulary.get(token);
        if (r == null) {
            r = vocabulary.get(UNKNOWN);
        }
        return r == null ? -1 : r;
    }

    /** The tokens with no row, in order of first appearance. */
    public List<String> unknown(List<String> tokens) {
        List<String> out = new ArrayList<>();
        for (String t : tokens) {
            if (row(t) < 0 && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** The tokens read as {@value #UNKNOWN}, in order of first appearance. */
    public List<String> readAsUnknown(List<String> tokens) {
        List<String> out = new ArrayList<>();
        if (vocabulary != null && vocabulary.containsKey(UNKNOWN)) {
            for (String t : tokens) {
                if (!vocabulary.containsKey(t) && !out.contains(t)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /**
     * x_1..x_T as T×m row-major.
     * @throws IllegalArgumentException naming the first word with no row
     */
    public double[] embed(List<String> tokens, int m) {
        double[] x = new double[tokens.size() * m];
        for (int t = 0; t < tokens.size(); t++) {
            int r = row(tokens.get(t));
            if (r < 0) {
                throw new IllegalArgumentException(missing(List.of(tokens.get(t))));
            }
            System.arraycopy(vectors[r], 0, x, t * m, m);
        }
        return x;
    }

    /** One line naming words the embedding cannot read. */
    public String missing(List<String> words) {
        return "inputs.text: " + String.join(", ", words.stream().map(w -> "\"" + w + "\"").toList())
                + (words.size() == 1 ? " is" : " are") + (vocabulary == null
                ? " not a row number of the model's embedding (0 to " + (vectors.length - 1) + ")"
                : " not in the model's vocabulary, which has no " + UNKNOWN);
    }
}
