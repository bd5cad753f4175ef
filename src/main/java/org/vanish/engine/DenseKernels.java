package org.vanish.engine;

/**
 * Small dense kernels on row-major {@code double[]} arrays, written so that the inner loops are
 * unit-stride updates (axpy) that the JIT vectorises. They allocate nothing.
 * EJML stays the library for decompositions; these are the hot loops of the step recursion,
 * where EJML's general {@code mult} is 2–3× slower at n = 64.
 */
final class DenseKernels {
    private DenseKernels() {
    }

    /**
     * y[yOff..yOff+cols) += x[xOff..xOff+rows) · A, i.e. y += Aᵀ x for A rows×cols.
     * @param a row-major rows×cols. Not modified.
     */
    static void addTransposeTimes(double[] a, int rows, int cols, double[] x, int xOff, double[] y, int yOff) {
        int i = 0;
        // four rows per pass: each y[j] is loaded and stored once for four multiply-adds
        for (; i + 3 < rows; i += 4) {
            double x0 = x[xOff + i];
            double x1 = x[xOff + i + 1];
            double x2 = x[xOff + i + 2];
            double x3 = x[xOff + i + 3];
            int r0 = i * cols;
            int r1 = r0 + cols;
            int r2 = r1 + cols;
            int r3 = r2 + cols;
            for (int j = 0; j < cols; j++) {
                y[yOff + j] += x0 * a[r0 + j] + x1 * a[r1 + j] + x2 * a[r2 + j] + x3 * a[r3 + j];
            }
        }
        for (; i < rows; i++) {
            double xi = x[xOff + i];
            int row = i * cols;
            for (int j = 0; j < cols; j++) {
                y[yOff + j] += xi * a[row + j];
            }
        }
    }

    /**
     * c = a · b for a (r×k), b (k×c), all row-major; c is overwritten.
     * Rows of a are processed in pairs so that each loaded row of b feeds two outputs.
     * @param c r×cols. Modified; must not alias a or b.
     */
    static void mult(double[] a, double[] b, double[] c, int r, int k, int cols) {
        java.util.Arrays.fill(c, 0, r * cols, 0.0);
        int i = 0;
        for (; i + 1 < r; i += 2) {
            int c0 = i * cols;
            int c1 = c0 + cols;
            int a0 = i * k;
            int a1 = a0 + k;
            for (int p = 0; p < k; p++) {
                double x0 = a[a0 + p];
                double x1 = a[a1 + p];
                int bRow = p * cols;
                for (int j = 0; j < cols; j++) {
                    double bv = b[bRow + j];
                    c[c0 + j] += x0 * bv;
                    c[c1 + j] += x1 * bv;
                }
            }
        }
        for (; i < r; i++) {
            int c0 = i * cols;
            int a0 = i * k;
            for (int p = 0; p < k; p++) {
                double x0 = a[a0 + p];
                int bRow = p * cols;
                for (int j = 0; j < cols; j++) {
                    c[c0 + j] += x0 * b[bRow + j];
                }
            }
        }
    }

    /** Transposes a (rows×cols) into t (cols×rows). */
    static void transpose(double[] a, int rows, int cols, double[] t) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
    }

    /** Euclidean norm of x[off..off+len), scaled to avoid overflow and underflow. */
    static double norm(double[] x, int off, int len) {
        double max = 0.0;
        for (int i = 0; i < len; i++) {
            max = Math.max(max, Math.abs(x[off + i]));
        }
        if (max == 0.0 || !Double.isFinite(max)) {
            return max;
        }
        double inv = 1.0 / max;
        double s = 0.0;
        for (int i = 0; i < len; i++) {
            double v = x[off + i] * inv;
            s += v * v;
        }
        return max * Math.sqrt(s);
    }

    /** Largest |x_i|. */
    static double maxAbs(double[] x, int len) {
        double max = 0.0;
        for (int i = 0; i < len; i++) {
            max = Math.max(max, Math.abs(x[i]));
        }
        return max;
    }

    /** x[off..off+len) *= s. */
    static void scale(double[] x, int off, int len, double s) {
        for (int i = 0; i < len; i++) {
            x[off + i] *= s;
        }
    }
}
