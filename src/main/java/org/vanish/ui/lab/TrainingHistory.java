package org.vanish.ui.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vanish.train.Evaluation;
import org.vanish.train.StepStats;

/**
 * The training lab's record of every step, in bounded memory: at most {@link #CAPACITY} points, each the
 * summary of a window of {@code stride} consecutive steps. The stride starts at 1; when the points fill up,
 * neighbouring pairs are merged and the stride doubles, so a run of any length keeps between
 * {@link #CAPACITY}/2 and {@link #CAPACITY} points (and the heatmap as many columns). A window keeps the mean
 * loss and accuracy (the curve stays a fair average of the steps), the largest gradient norm and the largest
 * log10 ‖∂L/∂s_t‖ at each t (a spike, or a position that received a signal once, is never averaged away) and
 * the count of clipped steps. Held-out evaluations are kept apart, every one of them.
 *
 * <p>Confined to the training thread; {@link #snapshotArrays} copies what the charts need.
 */
final class TrainingHistory {
    /** Most points kept (even, so that a full history merges into pairs). */
    static final int CAPACITY = 1000;

    private final int rows;
    private final boolean accuracy;
    private int stride = 1;
    /** Full points; point {@code full} is the one being filled, with count[full] steps. */
    private int full;
    private int steps;
    private final double[] lossSum = new double[CAPACITY];
    private final double[] accuracySum = new double[CAPACITY];
    private final double[] gradMax = new double[CAPACITY];
    private final int[] count = new int[CAPACITY];
    private final int[] clipped = new int[CAPACITY];
    private final float[] grad;
    private final List<double[]> evaluations = new ArrayList<>();

    /**
     * @param rows S + 1: the length of every step's log10GradByTime
     * @param accuracy whether the task reports an accuracy
     */
    TrainingHistory(int rows, boolean accuracy) {
        this.rows = rows;
        this.accuracy = accuracy;
        this.grad = new float[CAPACITY * rows];
        Arrays.fill(gradMax, Double.NEGATIVE_INFINITY);
        Arrays.fill(grad, Float.NEGATIVE_INFINITY);
    }

    /** Records the step that measured the parameters after {@link #steps()} updates. */
    void add(StepStats s) {
        if (s.log10GradByTime().length != rows) {
            throw new IllegalArgumentException("a step with " + s.log10GradByTime().length + " positions; expected "
                    + rows);
        }
        if (full == CAPACITY) {
            merge();
        }
        int p = full;
        lossSum[p] += s.loss();
        accuracySum[p] += accuracy ? s.accuracy() : 0;
        gradMax[p] = Math.max(gradMax[p], s.gradNorm());
        clipped[p] += s.clipped() ? 1 : 0;
        for (int t = 0; t < rows; t++) {
            grad[p * rows + t] = (float) Math.max(grad[p * rows + t], s.log10GradByTime()[t]);
        }
        steps++;
        if (++count[p] == stride) {
            full++;
        }
    }

    /** Records a held-out evaluation made after {@link #steps()} updates. */
    void addEvaluation(Evaluation e) {
        evaluations.add(new double[] {steps, e.loss(), e.accuracy()});
    }

    /** Pairs of points become one; the stride doubles. Called when every point is full. */
    private void merge() {
        int half = CAPACITY / 2;
        for (int i = 0; i < half; i++) {
            int a = 2 * i;
            int b = a + 1;
            lossSum[i] = lossSum[a] + lossSum[b];
            accuracySum[i] = accuracySum[a] + accuracySum[b];
            gradMax[i] = Math.max(gradMax[a], gradMax[b]);
            count[i] = count[a] + count[b];
            clipped[i] = clipped[a] + clipped[b];
            for (int t = 0; t < rows; t++) {
                grad[i * rows + t] = Math.max(grad[a * rows + t], grad[b * rows + t]);
            }
        }
        Arrays.fill(lossSum, half, CAPACITY, 0);
        Arrays.fill(accuracySum, half, CAPACITY, 0);
        Arrays.fill(gradMax, half, CAPACITY, Double.NEGATIVE_INFINITY);
        Arrays.fill(count, half, CAPACITY, 0);
        Arrays.fill(clipped, half, CAPACITY, 0);
        Arrays.fill(grad, half * rows, CAPACITY * rows, Float.NEGATIVE_INFINITY);
        full = half;
        stride *= 2;
    }

    /** Steps recorded. */
    int steps() {
        return steps;
    }

    int stride() {
        return stride;
    }

    /** Points to draw: the full ones and the one being filled, if it has a step. */
    int points() {
        return full + (full < CAPACITY && count[full] > 0 ? 1 : 0);
    }

    /** The arrays of a {@link org.vanish.figure.TrainingSnapshot}, copied. */
    record Points(double[] step, double[] loss, double[] accuracy, double[] gradNorm, int[] clipped,
                   float[] gradByTime, double[] evalStep, double[] evalLoss, double[] evalAccuracy) {
    }

    /** Copies of the points (windows' centres, means, maxima, counts) and the evaluations. */
    Points snapshotArrays() {
        int n = points();
        double[] step = new double[n];
        double[] loss = new double[n];
        double[] acc = accuracy ? new double[n] : null;
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = (double) i * stride + 0.5 * (count[i] - 1);
            loss[i] = lossSum[i] / count[i];
            if (acc != null) {
                acc[i] = accuracySum[i] / count[i];
            }
            norm[i] = gradMax[i];
        }
        int e = evaluations.size();
        double[] es = new double[e];
        double[] el = new double[e];
        double[] ea = accuracy ? new double[e] : null;
        for (int k = 0; k < e; k++) {
            double[] v = evaluations.get(k);
            es[k] = v[0];
            el[k] = v[1];
            if (ea != null) {
                ea[k] = v[2];
            }
        }
        return new Points(step, loss, acc, norm, Arrays.copyOf(clipped, n), Arrays.copyOf(grad, n * rows), es, el, ea);
    }
}
