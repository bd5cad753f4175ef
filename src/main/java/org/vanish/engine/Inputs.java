package org.vanish.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The input sequences x_1..x_T, as T×m row-major arrays, and the readout vector. All seeded. */
public final class Inputs {
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}']+|[^\\s\\p{L}\\p{N}']");

    private Inputs() {
    }

    /** Entries N(0, scale²). */
    public static double[] noise(int steps, int m, double scale, long seed) {
        Random rnd = Seeds.forPurpose(seed, "inputs");
        double[] x = new double[steps * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = scale * rnd.nextGaussian();
        }
        return x;
    }

    /** All zeros. */
    public static double[] zeros(int steps, int m) {
        return new double[steps * m];
    }

    /** Words and punctuation marks of a text, lower-cased: "The keys, ..." gives [the, keys, ",", ...]. */
    public static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher mt = TOKEN.matcher(text.toLowerCase(java.util.Locale.ROOT));
        while (mt.find()) {
            tokens.add(mt.group());
        }
        return tokens;
    }

    /**
     * One row per token: each distinct token has a fixed embedding with entries N(0, scale²),
     * drawn from (seed, token), so a word keeps its vector wherever it appears.
     */
    public static double[] embed(List<String> tokens, int m, double scale, long seed) {
        double[] x = new double[tokens.size() * m];
        for (int t = 0; t < tokens.size(); t++) {
            Random rnd = Seeds.forPurpose(seed, "word:" + tokens.get(t));
            for (int k = 0; k < m; k++) {
                x[t * m + k] = scale * rnd.nextGaussian();
            }
        }
        return x;
    }

    /** A unit vector of length n drawn from the seed. */
    public static double[] readout(int n, long seed) {
        Random rnd = Seeds.forPurpose(seed, "readout");
        double[] v = new double[n];
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
            s += v[i] * v[i];
        }
        double norm = Math.sqrt(s);
        for (int i = 0; i < n; i++) {
            v[i] /= norm;
        }
        return v;
    }
}
