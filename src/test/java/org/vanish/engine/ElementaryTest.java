package org.vanish.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pure-Java exp, tanh and sigmoid against StrictMath (fdlibm), in ulps. */
class ElementaryTest {
    private static final double MAX_ULPS = 2.0;
    /** tanh and the logistic function round twice more than exp. */
    private static final double MAX_ULPS_COMPOSED = 4.0;

    private static double ulps(double expected, double actual) {
        return Math.abs(expected - actual) / Math.ulp(expected);
    }

    @Test
    void expIsWithinTwoUlpsEverywhere() {
        Random rnd = new Random(1);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double x = (rnd.nextDouble() - 0.5) * 1400;
            worst = Math.max(worst, ulps(StrictMath.exp(x), Elementary.exp(x)));
        }
        assertTrue(worst <= MAX_ULPS, "worst exp error " + worst + " ulp");
        assertEquals(1.0, Elementary.exp(0.0));
        assertEquals(0.0, Elementary.exp(-800));
        assertEquals(Double.POSITIVE_INFINITY, Elementary.exp(800));
    }

    @Test
    void tanhIsWithinTwoUlpsIncludingNearZero() {
        Random rnd = new Random(2);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double x = i % 2 == 0 ? (rnd.nextDouble() - 0.5) * 60 : (rnd.nextDouble() - 0.5) * 1.2;
            worst = Math.max(worst, ulps(StrictMath.tanh(x), Elementary.tanh(x)));
        }
        assertTrue(worst <= MAX_ULPS_COMPOSED, "worst tanh error " + worst + " ulp");
        assertEquals(1e-12, Elementary.tanh(1e-12));
        assertEquals(-1.0, Elementary.tanh(-40));
    }

    @Test
    void derivativesAgreeWithTheOutputFormulasAndStayAccurateInSaturation() {
        Random rnd = new Random(4);
        for (int i = 0; i < 100_000; i++) {
            double a = (rnd.nextDouble() - 0.5) * 6;
            double y = StrictMath.tanh(a);
            assertEquals(1 - y * y, Elementary.tanhDerivative(a), 1e-15);
            double s = 1 / (1 + StrictMath.exp(-a));
            assertEquals(s * (1 - s), Elementary.sigmoidDerivative(a), 1e-15);
        }
        double[] out = new double[3];
        for (int i = 0; i < 100_000; i++) {
            double a = i % 2 == 0 ? (rnd.nextDouble() - 0.5) * 60 : (rnd.nextDouble() - 0.5) * 1.4;
            Elementary.tanhInto(a, out, 0, 1);
            assertTrue(ulps(StrictMath.tanh(a), out[0]) <= MAX_ULPS_COMPOSED, "tanh " + a);
            assertEquals(Elementary.tanhDerivative(a), out[1], 2e-15 * Elementary.tanhDerivative(a) + 1e-300);
            Elementary.sigmoidInto(a, out, 0, 1, 2);
            assertEquals(Elementary.sigmoid(a), out[0]);
            assertEquals(Elementary.sigmoidDerivative(a), out[1]);
            assertEquals(Elementary.sigmoid(-a), out[2]);
        }
        // where 1 - tanh² and σ(1-σ) round to 0, the derivatives are 4e^{-2|a|} and e^{-|a|} to double precision
        assertEquals(4 * StrictMath.exp(-60), Elementary.tanhDerivative(30), 1e-14 * 4 * StrictMath.exp(-60));
        assertEquals(StrictMath.exp(-50), Elementary.sigmoidDerivative(-50), 1e-14 * StrictMath.exp(-50));
    }

    /**
     * The batches give the one-at-a-time values bit for bit (their arithmetic is the same, only its order across
     * arguments differs), on both sides of every branch: the table/1 − e split at 0.6, tanh's ±1 above 22 and
     * identity below 1e-9, exp's underflow, ±0, ∞ and NaN, and arguments near the saturation mark.
     */
    @Test
    void batchesEqualOneAtATimeBitForBit() {
        Random rnd = new Random(17);
        double[] special = {0.0, -0.0, 0.6, -0.6, Math.nextDown(0.6), 22.0, Math.nextUp(22.0), -22.5, 1e-9, -1e-9,
            1e-10, 372.6, 372.7, -745.1, 745.3, -800, 800, 50.0, Math.nextUp(50.0), -Math.nextUp(50.0),
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int len = 192;
        ElementaryBatch batch = new ElementaryBatch(len);
        double[] a = new double[len + 5];
        double[] v = new double[len + 3];
        double[] d = new double[len + 7];
        double[] one = new double[2];
        for (int it = 0; it < 3000; it++) {
            double width = Math.pow(10, rnd.nextDouble() * 6 - 4);
            boolean anySat = false;
            for (int j = 0; j < len; j++) {
                double x = rnd.nextInt(16) == 0 ? special[rnd.nextInt(special.length)] : rnd.nextGaussian() * width;
                a[5 + j] = x;
                anySat |= Math.abs(x) > 50.0;
            }
            assertEquals(anySat, batch.sigmoid(a, 5, len, v, 3, d, 7, 50.0));
            for (int j = 0; j < len; j++) {
                Elementary.sigmoidInto(a[5 + j], one, 0, 1, -1);
                assertEquals(Double.doubleToLongBits(one[0]), Double.doubleToLongBits(v[3 + j]), "σ " + a[5 + j]);
                assertEquals(Double.doubleToLongBits(one[1]), Double.doubleToLongBits(d[7 + j]), "σ' " + a[5 + j]);
            }
            assertEquals(anySat, batch.tanh(a, 5, len, v, 3, d, 7, 50.0));
            for (int j = 0; j < len; j++) {
                Elementary.tanhInto(a[5 + j], one, 0, 1);
                assertEquals(Double.doubleToLongBits(one[0]), Double.doubleToLongBits(v[3 + j]), "tanh " + a[5 + j]);
                assertEquals(Double.doubleToLongBits(one[1]), Double.doubleToLongBits(d[7 + j]), "tanh' " + a[5 + j]);
            }
        }
    }

    @Test
    void sigmoidIsWithinTwoUlpsOfItsDefinition() {
        Random rnd = new Random(3);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double a = (rnd.nextDouble() - 0.5) * 80;
            double ref = a >= 0 ? 1 / (1 + StrictMath.exp(-a)) : StrictMath.exp(a) / (1 + StrictMath.exp(a));
            worst = Math.max(worst, ulps(ref, Elementary.sigmoid(a)));
        }
        assertTrue(worst <= MAX_ULPS_COMPOSED, "worst sigmoid error " + worst + " ulp");
    }
}
