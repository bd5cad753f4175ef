package org.vanish.train;

import java.util.Locale;
import java.util.Random;

/**
 * The three tasks with a known long dependency, exactly as defined here, with their trivial baselines.
 * <ul>
 * <li>ADDING (Hochreiter &amp; Schmidhuber 1997, in the form of Le et al. 2015, §4.1, and Arjovsky et al. 2016):
 *     S = T pairs x_t = (value_t, marker_t), value_t ~ U[0, 1], exactly two markers equal to 1, one at a
 *     uniformly drawn step of the first half (t ≤ ⌊T/2⌋) and one of the second half; the target is the sum of the
 *     two marked values, predicted from h_T by a linear readout; loss MSE. Baseline: always predicting 1, the mean
 *     of the target, gives the target's variance, 2 · 1/12 = 1/6.</li>
 * <li>COPY (Arjovsky et al. 2016, §4.1): categories a_0..a_9 as one-hot inputs; S = T + 20 steps: 10 symbols
 *     drawn uniformly from a_1..a_8, T − 1 blanks a_0, the delimiter a_9, 10 blanks. The output is a_0 for the first
 *     T + 10 steps, then the 10 symbols in order; loss the cross-entropy averaged over all S steps. Baseline, the
 *     memoryless strategy (blank, then uniform over the 8 symbols): 10 ln 8 / (T + 20). Accuracy counts the 10
 *     recalled symbols only (1/8 by chance).</li>
 * <li>AGREEMENT (the seeds' "The keys … are" as a toy): S = T + 1 one-hot tokens from a vocabulary of 10: the
 *     first is the subject, token 0 (singular) or 1 (plural) with equal probability, then T distractors drawn
 *     uniformly from tokens 2..9; the class of the subject is predicted from h_S; loss cross-entropy.
 *     Baseline ln 2 (predict ½ each), accuracy ½.</li>
 * </ul>
 * T is {@link TrainConfig#length()}. Every draw comes from the Random passed in, so data follow from the seed.
 */
public enum Task {
    ADDING, COPY, AGREEMENT;

    /** Symbols the copy task remembers. */
    public static final int COPY_SYMBOLS = 10;
    /** Categories of the copy task: blank a_0, symbols a_1..a_8, delimiter a_9. */
    public static final int COPY_CATEGORIES = 10;
    private static final int COPY_ALPHABET = 8;
    private static final int COPY_DELIMITER = 9;
    /** Tokens of the agreement task: two subjects (0 singular, 1 plural) and eight distractors. */
    public static final int AGREEMENT_VOCABULARY = 10;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "adding", "copy" or "agreement"; null if unknown. */
    public static Task fromId(String id) {
        for (Task t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        return null;
    }

    /** m, the size of x_t. */
    public int inputSize() {
        return this == ADDING ? 2 : this == COPY ? COPY_CATEGORIES : AGREEMENT_VOCABULARY;
    }

    /** K, the outputs of the readout: 1 for the regression, else the number of classes. */
    public int outputSize() {
        return this == ADDING ? 1 : this == COPY ? COPY_CATEGORIES : 2;
    }

    /** S, the number of steps of one sequence for delay T: T, T + 20 or T + 1. */
    public int sequenceLength(int length) {
        return this == ADDING ? length : this == COPY ? length + 2 * COPY_SYMBOLS : length + 1;
    }

    /** Whether the task is a classification with an accuracy. */
    public boolean hasAccuracy() {
        return this != ADDING;
    }

    /** The trivial baseline loss for delay T. */
    public double baseline(int length) {
        switch (this) {
            case ADDING: return 1.0 / 6.0;
            case COPY: return COPY_SYMBOLS * Math.log(COPY_ALPHABET) / (length + 2 * COPY_SYMBOLS);
            default: return Math.log(2.0);
        }
    }

    /** The accuracy of the trivial strategy: NaN, 1/8 or 1/2. */
    public double baselineAccuracy() {
        return this == ADDING ? Double.NaN : this == COPY ? 1.0 / COPY_ALPHABET : 0.5;
    }

    /** The baseline in words, for the loss plot's legend. */
    public String baselineDescription(int length) {
        switch (this) {
            case ADDING: return "predict 1 (the mean sum): MSE 1/6";
            case COPY: return String.format(Locale.ROOT, "memoryless: 10 ln 8 / (T + 20) = %.4f", baseline(length));
            default: return "guess: ln 2 = 0.693, accuracy 1/2";
        }
    }

    /** Draws one sequence for delay T. */
    public Sequence sample(int length, Random rnd) {
        switch (this) {
            case ADDING: return adding(length, rnd);
            case COPY: return copy(length, rnd);
            default: return agreement(length, rnd);
        }
    }

    private static Sequence adding(int len, Random rnd) {
        double[] x = new double[2 * len];
        for (int t = 0; t < len; t++) {
            x[2 * t] = rnd.nextDouble();
        }
        int half = len / 2;
        int first = rnd.nextInt(half);
        int second = half + rnd.nextInt(len - half);
        x[2 * first + 1] = 1.0;
        x[2 * second + 1] = 1.0;
        int[] labels = new int[len];
        java.util.Arrays.fill(labels, -1);
        return new Sequence(x, x[2 * first] + x[2 * second], labels, len);
    }

    private static Sequence copy(int len, Random rnd) {
        int s = len + 2 * COPY_SYMBOLS;
        int m = COPY_CATEGORIES;
        double[] x = new double[s * m];
        int[] labels = new int[s];
        for (int t = 0; t < s; t++) {
            int in;
            if (t < COPY_SYMBOLS) {
                in = 1 + rnd.nextInt(COPY_ALPHABET);
                labels[len + COPY_SYMBOLS + t] = in;
            } else {
                in = t == len + COPY_SYMBOLS - 1 ? COPY_DELIMITER : 0;
            }
            x[t * m + in] = 1.0;
        }
        return new Sequence(x, Double.NaN, labels, len + COPY_SYMBOLS);
    }

    private static Sequence agreement(int len, Random rnd) {
        int s = len + 1;
        int m = AGREEMENT_VOCABULARY;
        double[] x = new double[s * m];
        int subject = rnd.nextInt(2);
        x[subject] = 1.0;
        for (int t = 1; t < s; t++) {
            x[t * m + 2 + rnd.nextInt(m - 2)] = 1.0;
        }
        int[] labels = new int[s];
        java.util.Arrays.fill(labels, -1);
        labels[s - 1] = subject;
        return new Sequence(x, Double.NaN, labels, s - 1);
    }
}
