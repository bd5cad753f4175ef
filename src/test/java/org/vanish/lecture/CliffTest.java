package org.vanish.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CliffTest {
    private static final double FD_STEP = 1e-6;
    private static final double FD_TOLERANCE = 1e-5;
    /** Below this gradient norm errors are compared absolutely: differences of L ~ 0.1 over 2e-6 carry ~1e-10. */
    private static final double FD_FLOOR = 1e-5;
    /**
     * Next to the wall a rounding of the state is amplified as much as a change of b, so two forward passes written
     * differently disagree by about |∇L|·1e-16; over a step of 1e-3 of the distance that is ~1e-5 relative.
     */
    private static final double FD_WALL_TOLERANCE = 1e-4;

    /** The independent reference: the forward pass in plain doubles, differenced. */
    private static double reference(double w, double b) {
        double x = 0.5;
        for (int t = 0; t < 50; t++) {
            x = w / (1 + Math.exp(-x)) + b;
        }
        double e = 1 / (1 + Math.exp(-x)) - 0.7;
        return e * e;
    }

    private static void assertMatchesDifferences(double w, double b, double h, double tolerance) {
        Cliff.Gradient g = Cliff.gradient(w, b);
        // divided by the steps as represented, not by 2h
        double dw = (reference(w + h, b) - reference(w - h, b)) / ((w + h) - (w - h));
        double db = (reference(w, b + h) - reference(w, b - h)) / ((b + h) - (b - h));
        double scale = Math.max(FD_FLOOR, Math.hypot(dw, db));
        assertEquals(dw, g.dw(), tolerance * scale, "dL/dw at (" + w + ", " + b + ")");
        assertEquals(db, g.db(), tolerance * scale, "dL/db at (" + w + ", " + b + ")");
        // the two forward passes round differently, and the wall amplifies that as it amplifies a change of b
        assertEquals(reference(w, b), g.loss(), 1e-14 * (1 + g.norm()));
    }

    @Test
    void gradientMatchesCentralDifferencesAcrossThePlane() {
        Random rnd = new Random(11);
        for (int i = 0; i < 200; i++) {
            assertMatchesDifferences(-4 + 16 * rnd.nextDouble(), -10 + 14 * rnd.nextDouble(), FD_STEP, FD_TOLERANCE);
        }
    }

    /** A point at distance d above the wall b = 0.5 − wσ(0.5). */
    private static double nearWall(double w, double d) {
        return 0.5 - w / (1 + Math.exp(-0.5)) + d;
    }

    @Test
    void gradientMatchesCentralDifferencesNextToTheWall() {
        int points = 0;
        int steep = 0;
        double steepest = 0;
        for (double w = 4.3; w <= 9; w += 0.35) {
            for (double d : new double[] {-1e-3, -1e-5, -1e-7, 1e-7, 1e-5, 1e-3}) {
                // a difference step well inside the distance to the wall, where L changes on the scale of d
                assertMatchesDifferences(w, nearWall(w, d), 1e-3 * Math.abs(d), FD_WALL_TOLERANCE);
                points++;
                double norm = Cliff.gradient(w, nearWall(w, d)).norm();
                steep += norm > 10 ? 1 : 0;
                steepest = Math.max(steepest, norm);
            }
        }
        // the points include the wall itself (the farther from the tip, the thinner it is: at w = 9 it is
        // ~1e-10 wide, too thin for a difference quotient in double)
        assertTrue(steep >= points / 5 && steepest > 1e4, steep + " of " + points + " steep, largest " + steepest);
    }

    @Test
    void aSaturatedGradientIsCarriedInLogSpace() {
        // w = 2000, b = 0: x_t = 2000 for t ≥ 2, σ'(x_50) = e^-2000 underflows in double; ∂x_50/∂w = σ(x_49) = 1,
        // ∂x_50/∂b = 1 and every earlier term carries another factor σ' ≈ e^-2000, so ‖∇L‖ = 2·0.3·e^-2000·√2
        Cliff.Gradient g = Cliff.gradient(2000, 0);
        double expected = Math.log10(0.6 * Math.sqrt(2)) - 2000 / Math.log(10);
        assertEquals(expected, g.log10Norm(), 1e-9);
        assertEquals(Math.sqrt(0.5), g.dirW(), 1e-12);
        assertEquals(Math.sqrt(0.5), g.dirB(), 1e-12);
    }

    /** b of the saddle-node curves at w > 4, from s = σ(x*) with wσ'(x*) = 1: lower branch first. */
    private static double[] saddleNodeB(double w) {
        double r = Math.sqrt(0.25 - 1 / w);
        double[] out = new double[2];
        double[] s = {0.5 + r, 0.5 - r};
        for (int i = 0; i < 2; i++) {
            out[i] = Math.log(s[i] / (1 - s[i])) - w * s[i];
        }
        return out;
    }

    @Test
    void theWallIsTheBasinBoundaryInsideTheBistableRegion() {
        double s0 = 1 / (1 + Math.exp(-0.5));
        double tip = 1 / (s0 * (1 - s0));
        int rows = 700;
        Cliff.Surface s = Cliff.surface(2, 10, -8, 2, 64, rows, () -> false);
        double cell = 10.0 / rows;
        for (int c = 0; c < s.columns(); c++) {
            double w = s.w(c);
            int jumpRow = 0;
            double jump = 0;
            for (int r = 0; r + 1 < rows; r++) {
                double d = Math.abs(s.loss(c, r + 1) - s.loss(c, r));
                if (d > jump) {
                    jump = d;
                    jumpRow = r;
                }
            }
            if (w < 3.5) {
                // one fixed point (w < 4, with room for the finite-T blur at the cusp): no wall
                assertTrue(jump < 0.05, "w = " + w + ": jump " + jump);
                continue;
            }
            if (w < tip + 0.3) {
                continue;
            }
            assertTrue(jump > 0.25, "w = " + w + ": jump " + jump);
            double wall = 0.5 * (s.b(jumpRow) + s.b(jumpRow + 1));
            // x_0 is the unstable fixed point: x_0 = wσ(x_0) + b
            assertEquals(0.5 - w * s0, wall, cell, "w = " + w);
            double[] sn = saddleNodeB(w);
            assertTrue(sn[0] < wall && wall < sn[1], "w = " + w + ": wall " + wall + " outside the bistable region");
            // so the wall is not the saddle-node curve itself, except at its tip
            if (w > 6) {
                assertTrue(wall - sn[0] > 10 * cell && sn[1] - wall > 10 * cell, "w = " + w);
            }
            // the exact gradient is steepest on the same row, to within a cell
            int steepest = 0;
            double most = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < rows; r++) {
                double norm = Cliff.gradient(w, s.b(r)).log10Norm();
                if (norm > most) {
                    most = norm;
                    steepest = r;
                }
            }
            assertEquals(0.5 - w * s0, s.b(steepest), 1.5 * cell, "steepest gradient at w = " + w);
        }
        // the tip: where the saddle-node curve reaches x_0
        assertEquals(tip, Cliff.wallTipW(), 1e-12);
        assertEquals(saddleNodeB(tip)[0], Cliff.wallB(tip), 1e-9);
    }

    @Test
    void aClippedStepHasTheThresholdsLengthAndTheGradientsDirection() {
        double w = 5.0;
        double b = nearWall(w, 1e-6);
        double lr = 0.7;
        double threshold = 0.5;
        Cliff.Gradient g = Cliff.gradient(w, b);
        assertTrue(g.norm() > threshold, "the point must be steep: " + g.norm());
        Cliff.Path p = Cliff.descend(w, b, lr, 1, threshold);
        assertTrue(p.clipped()[0]);
        double sw = p.w()[1] - w;
        double sb = p.b()[1] - b;
        assertEquals(lr * threshold, Math.hypot(sw, sb), 1e-12);
        // anti-parallel to the gradient: zero cross product, negative dot product of norm lr·threshold·‖g‖
        assertEquals(0, sw * g.db() - sb * g.dw(), 1e-12 * g.norm());
        assertEquals(-lr * threshold * g.norm(), sw * g.dw() + sb * g.db(), 1e-9 * g.norm());
        // below the threshold the step is the plain one
        Cliff.Path plain = Cliff.descend(w, b, lr, 1, 2 * g.norm());
        assertFalse(plain.clipped()[0]);
        assertEquals(w - lr * g.dw(), plain.w()[1], 1e-12 * Math.abs(w));
        assertEquals(b - lr * g.db(), plain.b()[1], 1e-12 * Math.abs(b));
    }

    @Test
    void nearTheCliffThePlainDescentJumpsAndTheClippedOneDoesNot() {
        double lr = 1;
        double threshold = 1;
        Cliff.Path plain = Cliff.descend(6, -4.5, lr, 200, Double.POSITIVE_INFINITY);
        Cliff.Path clipped = Cliff.descend(6, -4.5, lr, 200, threshold);
        double plainMax = max(plain.log10Step());
        double clippedMax = max(clipped.log10Step());
        assertTrue(clippedMax <= Math.log10(lr * threshold) + 1e-12);
        assertTrue(plainMax > clippedMax + 2, "plain " + plainMax + ", clipped " + clippedMax);
        // the jump is the step with the largest gradient, and it is the longest step
        int k = plain.jump();
        assertEquals(plainMax, plain.log10Step()[k], 1e-12);
        // the plain descent ends on a plateau, the clipped one in the valley
        assertTrue(plain.gradient()[plain.steps()].loss() > 0.08);
        assertTrue(clipped.gradient()[clipped.steps()].loss() < 0.01);
    }

    @Test
    void aStepBeyondTheDoubleRangeEndsTheDescent() {
        double w = 5.0;
        double b = nearWall(w, 1e-6);
        assertTrue(Cliff.gradient(w, b).norm() > 1);
        Cliff.Path p = Cliff.descend(w, b, Double.MAX_VALUE, 10, Double.POSITIVE_INFINITY);
        assertTrue(p.escaped());
        assertEquals(0, p.steps());
        assertEquals(0, p.jump());
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
