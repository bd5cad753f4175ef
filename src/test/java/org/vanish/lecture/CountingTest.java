package org.vanish.lecture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CountingTest {
    private static final double CLOSED_FORM_TOLERANCE = 1e-12;
    /** The criterion's quantities computed two ways differ by rounding; a setting this close to a threshold is refused. */
    private static final double MARGIN = 1e-9;

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void theLstmCellStateFollowsItsClosedForm() {
        double beta = 5;
        int n = 300;
        Counting.Counter lstm = Counting.run(n, 1, beta, 0, 0.1, () -> false).lstm();
        double f = sigmoid(beta);
        double g = sigmoid(beta) * Math.tanh(beta);
        assertEquals(f, lstm.keep(), 1e-15);
        assertEquals(g, lstm.write(), 1e-15);
        double[] c = lstm.shown();
        for (int k = 0; k <= n; k++) {
            double expected = g * (1 - Math.pow(f, k)) / (1 - f);
            assertEquals(expected, c[k], CLOSED_FORM_TOLERANCE * Math.max(1, expected), "c after a^" + k);
        }
        double top = c[n];
        for (int m = 0; m <= n; m++) {
            double expected = Math.pow(f, m) * top - g * (1 - Math.pow(f, m)) / (1 - f);
            assertEquals(expected, c[n + m], CLOSED_FORM_TOLERANCE * Math.max(1, Math.abs(top)), "c after a^n b^" + m);
        }
        assertEquals(-g * Math.pow(1 - Math.pow(f, n), 2) / (1 - f), c[2 * n], 1e-10);
    }

    @Test
    void withTheForgetGateRoundedToOneTheLstmCountsInExactIntegers() {
        int n = 1000;
        Counting.Counter lstm = Counting.run(n, n, 40, 0, 0.1, () -> false).lstm();
        assertEquals(1.0, lstm.keep());
        double[] c = lstm.shown();
        for (int t = 0; t <= 2 * n; t++) {
            assertEquals(t <= n ? t : 2 * n - t, c[t], 0.0, "t = " + t);
        }
        assertEquals(n, lstm.countsTo());
        assertNull(lstm.firstFailure());
    }

    @Test
    void theGruStateNeverLeavesTheCandidatesRange() {
        for (double beta : new double[] {1, 3, 10, 40}) {
            for (double bu : new double[] {-6, -2, 0, 2, 6}) {
                double[] h = Counting.run(1000, 1, beta, bu, 0.1, () -> false).gru().shown();
                // h_t = (1 − u)h_{t−1} + u·(±tanh β) is a convex combination, so |h_t| ≤ tanh β < 1 in exact
                // arithmetic. The engine rounds 1 − u = σ(−a_u) and u = σ(a_u) apart, and their sum may exceed 1 by
                // an ulp ε; the fixed point u·tanh β/(u − ε) then lies up to ε/u above tanh β.
                double bound = Math.tanh(beta) + 2 * Math.ulp(1.0) / sigmoid(bu);
                for (int t = 0; t < h.length; t++) {
                    assertTrue(Math.abs(h[t]) <= bound, "β = " + beta + ", b_u = " + bu + ", t = " + t + ": h = " + h[t]);
                    if (beta <= 10) {
                        assertTrue(Math.abs(h[t]) < 1);
                    }
                }
            }
        }
    }

    /**
     * The largest N ≤ nMax such that every n ≤ N passes the criterion, from the closed forms of both cells
     * (s after a^k = g(1 − q^k)/(1 − q), after a^n b^m = q^m s_n − g(1 − q^m)/(1 − q), with q the keep factor and g
     * the write), written out here apart from the class: the rises g q^{k−1}, the falls (1 − q)s + g, the end.
     */
    private static int expectedCount(double q, double g, double delta, int nMax) {
        for (int n = 1; n <= nMax; n++) {
            for (int k = 1; k <= n; k++) {
                double rise = g * Math.pow(q, k - 1);
                assertTrue(Math.abs(rise - delta) > MARGIN, "too close to call: rise " + rise);
                if (rise <= delta) {
                    return n - 1;
                }
            }
            double s = g * (1 - Math.pow(q, n)) / (1 - q);
            for (int m = 1; m <= n; m++) {
                double fall = (1 - q) * s + g;
                assertTrue(Math.abs(fall - delta) > MARGIN, "too close to call: fall " + fall);
                if (fall <= delta) {
                    return n - 1;
                }
                s = q * s - g;
            }
            double end = g * Math.pow(1 - Math.pow(q, n), 2) / (1 - q);
            assertTrue(Math.abs(end - delta / 2) > MARGIN, "too close to call: end " + end);
            if (end >= delta / 2) {
                return n - 1;
            }
        }
        return nMax;
    }

    @Test
    void theCountsMatchTheCriterionComputedIndependently() {
        double[][] settings = { // β, b_u, δ
            {5, -2, 0.1}, {10, -2, 0.1}, {15, 0, 0.1}, {12, -4, 0.01}, {8, -3, 0.03}, {10, -5, 0.003}, {20, 1, 0.3},
        };
        int nMax = 450;
        for (double[] s : settings) {
            Counting.Result r = Counting.run(10, nMax, s[0], s[1], s[2], () -> false);
            double f = sigmoid(s[0]);
            double u = sigmoid(s[1]);
            String at = "β = " + s[0] + ", b_u = " + s[1] + ", δ = " + s[2];
            assertEquals(expectedCount(f, f * Math.tanh(s[0]), s[2], nMax), r.lstm().countsTo(), "LSTM, " + at);
            assertEquals(expectedCount(1 - u, u * Math.tanh(s[0]), s[2], nMax), r.gru().countsTo(), "GRU, " + at);
        }
    }

    @Test
    void theFirstFailureIsAtTheCountPlusOneAndViolatesTheCriterion() {
        Counting.Result r = Counting.run(40, 1000, 10, -2, 0.1, () -> false);
        for (Counting.Counter c : new Counting.Counter[] {r.lstm(), r.gru()}) {
            Counting.Failure f = c.firstFailure();
            assertEquals(c.countsTo() + 1, f.n());
            switch (f.fault()) {
                case END -> assertTrue(Math.abs(f.value()) >= 0.05 && f.step() == 2 * f.n());
                case RISE -> assertTrue(f.value() <= 0.1 && f.step() <= f.n());
                default -> assertTrue(f.value() <= 0.1 && f.step() > f.n());
            }
        }
        // the LSTM at β = 10 leaks 1 − f = 4.5e-5 a step: aⁿbⁿ ends g(1 − fⁿ)²/(1 − f) ≈ g n²(1 − f) below 0,
        // which reaches δ/2 at n ≈ √(δ/2 / (g(1 − f))) = 33.2
        double f = sigmoid(10);
        double g = f * Math.tanh(10);
        assertEquals((int) Math.floor(Math.sqrt(0.05 / (g * (1 - f)))), r.lstm().countsTo());
        // the shown n = 40 > 33 fails the same way, at its end
        assertEquals(Counting.Fault.END, r.lstm().shownFailure().fault());
        assertEquals(80, r.lstm().shownFailure().step());
    }

    @Test
    void theGruCannotCountPastOneOverTheResolution() {
        for (double delta : new double[] {0.3, 0.1, 0.03}) {
            for (double bu = -8; bu <= 8; bu += 0.5) {
                int n = Counting.run(1, 50, 20, bu, delta, () -> false).gru().countsTo();
                // n rises by more than δ each from 0, inside (−1, 1)
                assertTrue(n * delta < 1, "δ = " + delta + ", b_u = " + bu + ": counts to " + n);
            }
        }
    }

    @Test
    void theLstmCountsFarBeyondTheGruAsWeissEtAlFound() {
        int best = 0;
        for (double bu = -8; bu <= 8; bu += 0.25) {
            best = Math.max(best, Counting.run(1, 50, 20, bu, 0.1, () -> false).gru().countsTo());
        }
        Counting.Result r = Counting.run(1000, 1000, 20, -2, 0.1, () -> false);
        assertEquals(1000, r.lstm().countsTo());
        assertTrue(r.lstm().countsTo() >= 100 * best, "LSTM " + r.lstm().countsTo() + ", best GRU " + best);
        // and on a^1000 b^1000 the GRU's state sits at its bound, as in Weiss et al.'s Figure 1c
        assertEquals(Math.tanh(20), r.gru().shown()[1000], 1e-12);
        assertEquals(-Math.tanh(20), r.gru().shown()[2000], 1e-12);
    }

    @Test
    void anotherShownNKeepsTheCountsAndRedrawsTheStates() {
        Counting.Result r = Counting.run(7, 120, 10, -1, 0.1, () -> false);
        Counting.Result moved = r.withShown(90);
        Counting.Result fresh = Counting.run(90, 120, 10, -1, 0.1, () -> false);
        for (Counting.Counter[] c : new Counting.Counter[][] {{moved.lstm(), fresh.lstm()}, {moved.gru(), fresh.gru()}}) {
            assertEquals(c[1].countsTo(), c[0].countsTo());
            assertEquals(c[1].firstFailure(), c[0].firstFailure());
            assertEquals(c[1].shownFailure(), c[0].shownFailure());
            assertArrayEquals(c[1].shown(), c[0].shown(), 0.0);
        }
    }
}
