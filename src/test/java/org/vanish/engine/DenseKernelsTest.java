package org.vanish.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The row kernels, fused (CPUs with fma) and plain (without): both close to the exact sum, and the blocked and split
 * forms give the bits of the one-call form, which the engine's reuse of drives and buffers relies on.
 */
class DenseKernelsTest {
    private interface Kernel {
        void add(double[][] a, int aOff, int rows, double[] x, int xOff, double[] y, int len);
    }

    private static final Kernel FUSED = DenseKernels::addRowCombinationFused;
    private static final Kernel PLAIN = DenseKernels::addRowCombinationPlain;

    @Test
    void bothKernelsAreCloseToTheExactSumForEveryRowCount() {
        Random r = new Random(5);
        for (Kernel k : new Kernel[] {FUSED, PLAIN}) {
            for (int rows : new int[] {1, 3, 4, 5, 6, 7, 10, 11, 64, 67}) {
                int len = 13;
                double[][] a = Fixtures.gaussianRows(r, rows, len);
                double[] x = Fixtures.gaussianRows(r, 1, rows)[0];
                double[] y0 = Fixtures.gaussianRows(r, 1, len)[0];
                double[] y = y0.clone();
                k.add(a, 0, rows, x, 0, y, len);
                for (int j = 0; j < len; j++) {
                    BigDecimal exact = new BigDecimal(y0[j]);
                    double scale = Math.abs(y0[j]);
                    for (int i = 0; i < rows; i++) {
                        exact = exact.add(new BigDecimal(x[i]).multiply(new BigDecimal(a[i][j])));
                        scale += Math.abs(x[i] * a[i][j]);
                    }
                    assertEquals(exact.round(MathContext.DECIMAL64).doubleValue(), y[j], 1e-15 * rows * scale,
                            "rows " + rows + ", entry " + j);
                }
            }
        }
    }

    @Test
    void fusedKernelRoundsOncePerRow() {
        // 1 + 2^-30 squared: the plain product rounds away the 2^-60, fma keeps it until the final sum
        double e = 1 + 0x1p-30;
        double[] y = {-1 - 0x1p-29};
        DenseKernels.addRowCombinationFused(new double[][] {{e}}, 0, 1, new double[] {e}, 0, y, 1);
        assertEquals(0x1p-60, y[0], 0.0);
        double[] plain = {-1 - 0x1p-29};
        DenseKernels.addRowCombinationPlain(new double[][] {{e}}, 0, 1, new double[] {e}, 0, plain, 1);
        assertEquals(0.0, plain[0], 0.0);
    }

    @Test
    void blockedAndSplitFormsGiveTheBitsOfOneCall() {
        Random r = new Random(9);
        int rows = 256;
        int len = 128;
        int count = 5;
        double[][] a = Fixtures.gaussianRows(r, rows, len);
        double[] x = Fixtures.gaussianRows(r, 1, count * rows)[0];
        double[][] blocked = new double[count][len];
        DenseKernels.addRowCombinations(a, rows, x, 0, rows, blocked, count, len);
        for (int b = 0; b < count; b++) {
            double[] one = new double[len];
            DenseKernels.addRowCombination(a, rows, x, b * rows, one, len);
            assertArrayEquals(one, blocked[b], "y " + b);
            // split at a multiple of four rows: the same bits with either kernel
            double[] split = new double[len];
            DenseKernels.addRowCombination(a, 0, 100, x, b * rows, split, len);
            DenseKernels.addRowCombination(a, 100, rows - 100, x, b * rows + 100, split, len);
            assertArrayEquals(one, split, "split y " + b);
        }
    }
}
