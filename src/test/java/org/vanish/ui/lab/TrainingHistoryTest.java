package org.vanish.ui.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vanish.train.Evaluation;
import org.vanish.train.StepStats;

class TrainingHistoryTest {
    private static final int ROWS = 6;
    private static final double SUM_TOL = 1e-9;

    private static StepStats stats(Random rnd, int k) {
        double[] g = new double[ROWS];
        for (int t = 0; t < ROWS; t++) {
            g[t] = rnd.nextInt(20) == 0 ? Double.NEGATIVE_INFINITY : -rnd.nextDouble() * 8;
        }
        double norm = Math.exp(rnd.nextGaussian());
        return new StepStats(k + 1, rnd.nextDouble(), rnd.nextDouble(), norm, norm > 2, g);
    }

    @Test
    void aLongRunKeepsBoundedPointsThatSumUpEveryStep() {
        Random rnd = new Random(11);
        int n = 2 * TrainingHistory.CAPACITY + 123;
        TrainingHistory h = new TrainingHistory(ROWS, true);
        double lossSum = 0;
        double accSum = 0;
        double maxNorm = 0;
        int clipped = 0;
        double[] maxGrad = new double[ROWS];
        java.util.Arrays.fill(maxGrad, Double.NEGATIVE_INFINITY);
        for (int k = 0; k < n; k++) {
            StepStats s = stats(rnd, k);
            h.add(s);
            lossSum += s.loss();
            accSum += s.accuracy();
            maxNorm = Math.max(maxNorm, s.gradNorm());
            clipped += s.clipped() ? 1 : 0;
            for (int t = 0; t < ROWS; t++) {
                maxGrad[t] = Math.max(maxGrad[t], s.log10GradByTime()[t]);
            }
        }
        assertEquals(n, h.steps());
        assertEquals(4, h.stride(), "1000 points, merged twice");
        TrainingHistory.Points p = h.snapshotArrays();
        int points = p.step().length;
        assertTrue(points <= TrainingHistory.CAPACITY && points >= TrainingHistory.CAPACITY / 2, "" + points);
        assertEquals((n + h.stride() - 1) / h.stride(), points);
        double l = 0;
        double a = 0;
        double m = 0;
        int c = 0;
        double[] g = new double[ROWS];
        java.util.Arrays.fill(g, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < points; i++) {
            int size = Math.min(h.stride(), n - i * h.stride());
            l += p.loss()[i] * size;
            a += p.accuracy()[i] * size;
            m = Math.max(m, p.gradNorm()[i]);
            c += p.clipped()[i];
            // the window's centre
            assertEquals(i * h.stride() + 0.5 * (size - 1), p.step()[i], 0);
            for (int t = 0; t < ROWS; t++) {
                g[t] = Math.max(g[t], p.gradByTime()[i * ROWS + t]);
            }
        }
        assertEquals(lossSum, l, SUM_TOL * n);
        assertEquals(accSum, a, SUM_TOL * n);
        assertEquals(maxNorm, m, 0);
        assertEquals(clipped, c);
        for (int t = 0; t < ROWS; t++) {
            assertEquals((float) maxGrad[t], g[t], 0, "t = " + t);
        }
    }

    @Test
    void aMergedWindowHoldsTheMeanLossAndTheLargestNormOfItsSteps() {
        TrainingHistory h = new TrainingHistory(1, false);
        for (int k = 0; k <= TrainingHistory.CAPACITY; k++) {
            h.add(new StepStats(k + 1, k, Double.NaN, k % 2 == 0 ? 10 : 1, k % 2 == 0, new double[] {-k}));
        }
        TrainingHistory.Points p = h.snapshotArrays();
        assertEquals(2, h.stride());
        assertEquals(TrainingHistory.CAPACITY / 2 + 1, p.step().length);
        assertEquals(0.5, p.loss()[0], 0);
        assertEquals(10, p.gradNorm()[0], 0);
        assertEquals(1, p.clipped()[0]);
        assertEquals(0, p.gradByTime()[0], 0);
        assertEquals(2.5, p.loss()[1], 0);
        assertEquals(-2, p.gradByTime()[1], 0);
        // the last, partial window: step 1000 alone
        assertEquals(1000, p.step()[500], 0);
        assertEquals(1000, p.loss()[500], 0);
        assertEquals(null, p.accuracy());
    }

    @Test
    void evaluationsAreKeptWithTheStepTheyFollow() {
        TrainingHistory h = new TrainingHistory(2, true);
        h.addEvaluation(new Evaluation(0.7, 0.5));
        h.add(new StepStats(1, 1, 0.5, 1, false, new double[] {0, 0}));
        h.add(new StepStats(2, 1, 0.5, 1, false, new double[] {0, 0}));
        h.addEvaluation(new Evaluation(0.6, 0.75));
        TrainingHistory.Points p = h.snapshotArrays();
        assertArrayEquals(new double[] {0, 2}, p.evalStep());
        assertArrayEquals(new double[] {0.7, 0.6}, p.evalLoss());
        assertArrayEquals(new double[] {0.5, 0.75}, p.evalAccuracy());
    }

    @Test
    void aStepOfTheWrongLengthIsRefused() {
        TrainingHistory h = new TrainingHistory(3, false);
        assertThrows(IllegalArgumentException.class,
                () -> h.add(new StepStats(1, 1, Double.NaN, 1, false, new double[2])));
    }
}
