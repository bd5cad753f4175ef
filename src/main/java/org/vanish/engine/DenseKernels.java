package org.vanish.engine;

/**
 * Small dense kernels. Matrices in hot loops are held as arrays of rows ({@code double[][]}), and every
 * inner loop is a unit-stride update indexed from 0 in each array: on Java 17 the JIT vectorises
 * {@code y[j] = fma(s1, x1[j], fma(s0, x0[j], y[j]))} only when no two arrays are read at different offsets (it cannot
 * rule out aliasing then), and on this machine that is the difference between 2 and 5–10 GFLOP/s.
 * EJML's general {@code mult} runs at about 2 GFLOP/s here for n = 64; EJML stays the library for
 * decompositions. Nothing here allocates.
 */
public final class DenseKernels {
    private DenseKernels() {
    }

    /**
     * y[0..len) += Σ_i x[xOff+i] · a[i][0..len) for i &lt; rows, i.e. y += Aᵀx for A with rows a[i].
     * With fma in hardware ({@link #FUSED}) {@link #addRowCombinationFused}, else {@link #addRowCombinationPlain}.
     * @param a rows of at least len entries. Not modified.
     * @param y modified; must not be one of the rows of a.
     */
    public static void addRowCombination(double[][] a, int rows, double[] x, int xOff, double[] y, int len) {
        addRowCombination(a, 0, rows, x, xOff, y, len);
    }

    /**
     * y[0..len) += Σ_i x[xOff+i] · a[aOff+i][0..len) for i &lt; rows: the rows aOff.. of a, for blocked products
     * that keep a block of rows in cache while several y use it; the kernel as in
     * {@link #addRowCombination(double[][], int, double[], int, double[], int)}.
     */
    public static void addRowCombination(double[][] a, int aOff, int rows, double[] x, int xOff, double[] y, int len) {
        if (FUSED) {
            addRowCombinationFused(a, aOff, rows, x, xOff, y, len);
        } else {
            addRowCombinationPlain(a, aOff, rows, x, xOff, y, len);
        }
    }

    /**
     * Whether this JVM turns {@link Math#fma} into the CPU's instruction (HotSpot's UseFMA). Where it does not (x86
     * before about 2013, or a JVM that does not say) fma is computed in software, some hundred times slower than a
     * multiply and an add: the kernels then use plain multiply-adds, whose results differ from the fused ones only by
     * rounding. Read once, on the thread that first analyses (about 15 ms).
     */
    static final boolean FUSED = hardwareFma();

    private static boolean hardwareFma() {
        try {
            return Boolean.parseBoolean(java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("UseFMA")
                    .getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * {@link #addRowCombination} with one fused multiply-add per row: each y[j] takes the rows in order,
     * y[j] ← fma(x_i, a[i][j], y[j]) for i = 0, 1, …, rows−1. Six rows per pass, so each y[j] is loaded and stored once
     * for six multiply-adds, the rest singly; the grouping does not change the bits (every row is one rounding), so
     * two calls on consecutive row ranges of any lengths give the bits of one call. {@link Math#fma} is correctly
     * rounded (IEEE 754): the same bits on every machine that runs this kernel.
     */
    static void addRowCombinationFused(double[][] a, int aOff, int rows, double[] x, int xOff, double[] y, int len) {
        int i = 0;
        // six rows keep the JIT's vectorised loop; eight rows (or two y at once) make it fall back to scalar code
        for (; i + 5 < rows; i += 6) {
            double s0 = x[xOff + i];
            double s1 = x[xOff + i + 1];
            double s2 = x[xOff + i + 2];
            double s3 = x[xOff + i + 3];
            double s4 = x[xOff + i + 4];
            double s5 = x[xOff + i + 5];
            double[] r0 = a[aOff + i];
            double[] r1 = a[aOff + i + 1];
            double[] r2 = a[aOff + i + 2];
            double[] r3 = a[aOff + i + 3];
            double[] r4 = a[aOff + i + 4];
            double[] r5 = a[aOff + i + 5];
            for (int j = 0; j < len; j++) {
                y[j] = Math.fma(s5, r5[j], Math.fma(s4, r4[j], Math.fma(s3, r3[j],
                        Math.fma(s2, r2[j], Math.fma(s1, r1[j], Math.fma(s0, r0[j], y[j]))))));
            }
        }
        for (; i < rows; i++) {
            double s = x[xOff + i];
            double[] r = a[aOff + i];
            for (int j = 0; j < len; j++) {
                y[j] = Math.fma(s, r[j], y[j]);
            }
        }
    }

    /**
     * {@link #addRowCombination} without fma, for CPUs without it: four rows per pass, y[j] += s0·r0[j] + … + s3·r3[j]
     * (each y[j] loaded and stored once for four multiply-adds), the rows after the last four singly. Two calls on
     * consecutive row ranges give the bits of one call when the first range is a multiple of four rows.
     */
    static void addRowCombinationPlain(double[][] a, int aOff, int rows, double[] x, int xOff, double[] y, int len) {
        int i = 0;
        for (; i + 3 < rows; i += 4) {
            double s0 = x[xOff + i];
            double s1 = x[xOff + i + 1];
            double s2 = x[xOff + i + 2];
            double s3 = x[xOff + i + 3];
            double[] r0 = a[aOff + i];
            double[] r1 = a[aOff + i + 1];
            double[] r2 = a[aOff + i + 2];
            double[] r3 = a[aOff + i + 3];
            for (int j = 0; j < len; j++) {
                y[j] += s0 * r0[j] + s1 * r1[j] + s2 * r2[j] + s3 * r3[j];
            }
        }
        for (; i < rows; i++) {
            double s = x[xOff + i];
            double[] r = a[aOff + i];
            for (int j = 0; j < len; j++) {
                y[j] += s * r[j];
            }
        }
    }

    /** Doubles of a's rows that {@link #addRowCombinations} keeps in the L1 cache at once, with the y it updates. */
    private static final int ROW_BLOCK_DOUBLES = 2048;

    /**
     * y[b][0..len) += Σ_i x[xOff + b·xStride + i] · a[i][0..len) for every b &lt; count: {@link #addRowCombination}
     * for many x at once. The rows of a are taken in blocks (a multiple of twelve rows, about 16 KB) and each block
     * serves every y before the next is read, so a matrix larger than the L1 cache is read once per call rather
     * than once per y. Every y[b][j] gets the same bits as from addRowCombination: with fma the same sequence of fused
     * multiply-adds (the rows in order, one rounding each); without, the same fours of rows in the same order (the
     * blocks are multiples of four).
     * @param a rows of at least len entries. Not modified.
     * @param y count rows of at least len entries. Modified; none may be a row of a.
     */
    public static void addRowCombinations(double[][] a, int rows, double[] x, int xOff, int xStride, double[][] y,
                                          int count, int len) {
        addRowCombinations(a, 0, rows, x, xOff, xStride, y, count, len);
    }

    /**
     * y[b][0..len) += Σ_i x[xOff + b·xStride + i] · a[aOff + i][0..len) for i &lt; rows, every b &lt; count: the rows
     * aOff.. of a, as {@link #addRowCombinations(double[][], int, double[], int, int, double[][], int, int)}. xStride
     * may be negative. Two calls on consecutive row ranges give each y[b][j] the same bits as one call on both: of any
     * lengths with fma (each row is one fused multiply-add, in order), the first a multiple of four rows without.
     */
    public static void addRowCombinations(double[][] a, int aOff, int rows, double[] x, int xOff, int xStride,
                                          double[][] y, int count, int len) {
        int block = Math.max(12, ROW_BLOCK_DOUBLES / Math.max(1, len) / 12 * 12);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int rr = Math.min(block, rows - r0);
            for (int b = 0; b < count; b++) {
                addRowCombination(a, aOff + r0, rr, x, xOff + b * xStride + r0, y[b], len);
            }
        }
    }

    /**
     * c = a · b for a (r×k), b (k×cols), as rows; each row of c is a combination of rows of b.
     * @param c r rows of cols. Overwritten; no row may be a row of a or b.
     */
    static void mult(double[][] a, double[][] b, double[][] c, int r, int k, int cols) {
        for (int i = 0; i < r; i++) {
            double[] ci = c[i];
            java.util.Arrays.fill(ci, 0, cols, 0.0);
            addRowCombination(b, k, a[i], 0, ci, cols);
        }
    }

    /** A rows×cols matrix of zeros as rows. */
    static double[][] rows(int rows, int cols) {
        return new double[rows][cols];
    }

    /** The rows of a row-major array. */
    static double[][] rows(double[] flat, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }

    /** The transpose of a row-major rows×cols array, as cols rows of rows entries. */
    static double[][] transposedRows(double[] flat, int rows, int cols) {
        double[][] out = new double[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j][i] = flat[i * cols + j];
            }
        }
        return out;
    }

    /** Transposes a (rows×cols rows) into t (cols×rows rows). */
    static void transpose(double[][] a, int rows, int cols, double[][] t) {
        for (int i = 0; i < rows; i++) {
            double[] ai = a[i];
            for (int j = 0; j < cols; j++) {
                t[j][i] = ai[j];
            }
        }
    }

    /**
     * Euclidean norm of x[off..off+len): one pass of squares when that is safe, else a scaled second pass,
     * so it neither overflows nor underflows.
     */
    public static double norm(double[] x, int off, int len) {
        double s = 0.0;
        for (int i = 0; i < len; i++) {
            double v = x[off + i];
            s += v * v;
        }
        if (s > 1e-290 && s < 1e290) {
            return Math.sqrt(s);
        }
        return scaledNorm(x, off, len);
    }

    private static double scaledNorm(double[] x, int off, int len) {
        double max = 0.0;
        for (int i = 0; i < len; i++) {
            max = Math.max(max, Math.abs(x[off + i]));
        }
        if (max == 0.0 || !Double.isFinite(max)) {
            return max;
        }
        double s = 0.0;
        if (max >= 0x1p-1000) {
            double inv = 1.0 / max;
            for (int i = 0; i < len; i++) {
                double v = x[off + i] * inv;
                s += v * v;
            }
        } else {
            // 1/max overflows for a subnormal max
            for (int i = 0; i < len; i++) {
                double v = x[off + i] / max;
                s += v * v;
            }
        }
        return max * Math.sqrt(s);
    }

    /** Largest |m_ij| over rows i &lt; rows and columns off ≤ j &lt; off + cols. */
    static double maxAbs(double[][] m, int rows, int off, int cols) {
        double max = 0.0;
        for (int i = 0; i < rows; i++) {
            double[] r = m[i];
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, Math.abs(r[off + j]));
            }
        }
        return max;
    }

    /** Largest |x_i| over x[off..off+len). */
    static double maxAbs(double[] x, int off, int len) {
        double max = 0.0;
        for (int i = 0; i < len; i++) {
            max = Math.max(max, Math.abs(x[off + i]));
        }
        return max;
    }

    /**
     * x[off..off+len) /= v for v &gt; 0, as a product with 1/v; below 2^−1000, where 1/v would overflow for a
     * subnormal v, through an exact power of two first.
     */
    static void divide(double[] x, int off, int len, double v) {
        if (v >= 0x1p-1000) {
            scale(x, off, len, 1.0 / v);
        } else {
            scale(x, off, len, 0x1p600);
            scale(x, off, len, 1.0 / (v * 0x1p600));
        }
    }

    /** m /= v over rows×cols for v &gt; 0, as {@link #divide(double[], int, int, double)}. */
    static void divide(double[][] m, int rows, int cols, double v) {
        if (v >= 0x1p-1000) {
            scale(m, rows, cols, 1.0 / v);
        } else {
            scale(m, rows, cols, 0x1p600);
            scale(m, rows, cols, 1.0 / (v * 0x1p600));
        }
    }

    /** Largest |m_ij| over the first rows×cols entries. */
    static double maxAbs(double[][] m, int rows, int cols) {
        double max = 0.0;
        for (int i = 0; i < rows; i++) {
            double[] r = m[i];
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, Math.abs(r[j]));
            }
        }
        return max;
    }

    /** x[off..off+len) *= s. */
    static void scale(double[] x, int off, int len, double s) {
        for (int i = 0; i < len; i++) {
            x[off + i] *= s;
        }
    }

    /** m *= s over rows×cols. */
    static void scale(double[][] m, int rows, int cols, double s) {
        for (int i = 0; i < rows; i++) {
            double[] r = m[i];
            for (int j = 0; j < cols; j++) {
                r[j] *= s;
            }
        }
    }
}
