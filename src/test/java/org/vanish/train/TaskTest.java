package org.vanish.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tasks' exact layouts, and their trivial baselines measured on large generated sets. */
class TaskTest {
    private static final int LARGE = 100_000;

    @Test
    void addingHasExactlyTwoMarkersOnePerHalfAndTheirSumAsTarget() {
        Random rnd = new Random(3);
        for (int len : new int[] {2, 3, 50, 101}) {
            for (int i = 0; i < 500; i++) {
                Sequence s = Task.ADDING.sample(len, rnd);
                assertEquals(2 * len, s.inputs().length);
                int markers = 0;
                double sum = 0.0;
                int first = -1;
                int last = -1;
                for (int t = 0; t < len; t++) {
                    double v = s.inputs()[2 * t];
                    double mark = s.inputs()[2 * t + 1];
                    assertTrue(v >= 0 && v < 1);
                    assertTrue(mark == 0.0 || mark == 1.0);
                    if (mark == 1.0) {
                        markers++;
                        sum += v;
                        first = first < 0 ? t : first;
                        last = t;
                    }
                }
                assertEquals(2, markers);
                assertTrue(first < len / 2 && last >= len / 2, "one marker in each half");
                assertEquals(sum, s.target(), 0.0);
            }
        }
    }

    @Test
    void copyFollowsArjovskysLayout() {
        Random rnd = new Random(4);
        int len = 7;
        int steps = Task.COPY.sequenceLength(len);
        assertEquals(len + 20, steps);
        for (int i = 0; i < 200; i++) {
            Sequence s = Task.COPY.sample(len, rnd);
            int[] in = new int[steps];
            for (int t = 0; t < steps; t++) {
                int hot = -1;
                for (int k = 0; k < 10; k++) {
                    double v = s.inputs()[t * 10 + k];
                    assertTrue(v == 0.0 || v == 1.0);
                    if (v == 1.0) {
                        assertEquals(-1, hot, "one-hot");
                        hot = k;
                    }
                }
                in[t] = hot;
            }
            for (int t = 0; t < 10; t++) {
                assertTrue(in[t] >= 1 && in[t] <= 8, "symbols a_1..a_8");
                assertEquals(in[t], s.labels()[len + 10 + t], "recalled in order after the delimiter");
            }
            for (int t = 10; t < len + 9; t++) {
                assertEquals(0, in[t], "T - 1 blanks");
            }
            assertEquals(9, in[len + 9], "delimiter at step T + 10");
            for (int t = len + 10; t < steps; t++) {
                assertEquals(0, in[t], "10 closing blanks");
            }
            for (int t = 0; t < len + 10; t++) {
                assertEquals(0, s.labels()[t], "blank outputs for T + 10 steps");
            }
            assertEquals(len + 10, s.firstScored());
        }
    }

    @Test
    void agreementLabelsTheFirstTokensClassAtTheEnd() {
        Random rnd = new Random(5);
        int len = 12;
        int plural = 0;
        for (int i = 0; i < 400; i++) {
            Sequence s = Task.AGREEMENT.sample(len, rnd);
            assertEquals(len + 1, s.labels().length);
            int subject = s.inputs()[0] == 1.0 ? 0 : s.inputs()[1] == 1.0 ? 1 : -1;
            assertTrue(subject >= 0);
            assertEquals(subject, s.labels()[len]);
            plural += subject;
            for (int t = 0; t < len; t++) {
                assertEquals(-1, s.labels()[t]);
            }
            for (int t = 1; t <= len; t++) {
                assertEquals(0.0, s.inputs()[t * 10] + s.inputs()[t * 10 + 1], "distractors are never subjects");
            }
        }
        assertTrue(plural > 150 && plural < 250);
    }

    @Test
    void predictingOneOnTheAddingProblemCostsOneSixth() {
        Random rnd = new Random(6);
        double sum = 0.0;
        double sumSq = 0.0;
        for (int i = 0; i < LARGE; i++) {
            double e = Task.ADDING.sample(20, rnd).target() - 1.0;
            sum += e * e;
            sumSq += e * e * e * e;
        }
        double mean = sum / LARGE;
        double se = Math.sqrt((sumSq / LARGE - mean * mean) / LARGE);
        assertEquals(Task.ADDING.baseline(20), mean, 4 * se);
        assertEquals(1.0 / 6.0, Task.ADDING.baseline(20), 0.0);
    }

    @Test
    void theMemorylessCopyStrategyCostsTenLnEightOverTPlusTwenty() {
        int len = 30;
        int steps = Task.COPY.sequenceLength(len);
        Random rnd = new Random(7);
        Sequence[] batch = new Sequence[1000];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = Task.COPY.sample(len, rnd);
        }
        TaskObjective objective = new TaskObjective(Task.COPY, batch, steps);
        double[] dz = new double[10];
        double total = 0.0;
        long right = 0;
        long scored = 0;
        for (int b = 0; b < batch.length; b++) {
            for (int t = 1; t <= steps; t++) {
                // blank for T + 10 steps, then uniform over a_1..a_8 (a_0 and a_9 impossible)
                double[] z = new double[10];
                if (t <= len + 10) {
                    java.util.Arrays.fill(z, -1000.0);
                    z[0] = 0.0;
                } else {
                    java.util.Arrays.fill(z, 0.0);
                    z[0] = -1000.0;
                    z[9] = -1000.0;
                    // break the argmax tie at a symbol that is right one time in eight
                    z[1 + (b + t) % 8] = 1e-12;
                }
                total += objective.loss(b, t, z, dz);
                int ok = objective.correct(b, t, z);
                if (ok >= 0) {
                    scored++;
                    right += ok;
                }
            }
        }
        assertEquals(Task.COPY.baseline(len), total / batch.length, 1e-9);
        assertEquals(10 * Math.log(8) / (len + 20), Task.COPY.baseline(len), 1e-15);
        assertEquals(10L * batch.length, scored, "accuracy counts the recalled symbols only");
        assertEquals(1.0 / 8, (double) right / scored, 0.02);
    }

    @Test
    void guessingTheAgreementClassCostsLnTwoAndIsRightHalfTheTime() {
        int len = 15;
        Random rnd = new Random(8);
        Sequence[] batch = new Sequence[LARGE / 5];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = Task.AGREEMENT.sample(len, rnd);
        }
        TaskObjective objective = new TaskObjective(Task.AGREEMENT, batch, len + 1);
        double[] dz = new double[2];
        double total = 0.0;
        long right = 0;
        for (int b = 0; b < batch.length; b++) {
            assertTrue(objective.hasOutput(b, len + 1) && !objective.hasOutput(b, len));
            // always say "singular", a trivial predictor with the guess's loss ln 2 at z = (0, 0)
            total += objective.loss(b, len + 1, new double[] {0.0, 0.0}, dz);
            right += objective.correct(b, len + 1, new double[] {1e-12, 0.0});
        }
        assertEquals(Task.AGREEMENT.baseline(len), total / batch.length, 1e-9);
        assertEquals(Task.AGREEMENT.baselineAccuracy(), (double) right / batch.length,
                4 * Math.sqrt(0.25 / batch.length));
    }
}
