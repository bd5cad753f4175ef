package org.vanish.engine;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * A cell's input side: the stacked input matrices U (G·n rows of m) and biases b of every gate, with the
 * arrangements its kernels read (Uᵀ as rows for the drive and x-gradients, U as rows for Uᵀδ of a wide input).
 * None of it involves the recurrent matrices, so one instance serves a run's cells at every W scale
 * ({@link Analyzer.Prepared} makes it once). Immutable once made; the rows of U are made on first use.
 */
final class InputSide {
    final int n;
    final int m;
    final int gn;
    /** (G·n)×m stacked input matrices, row-major. */
    final double[] uStack;
    /** Its transpose, m rows of G·n. */
    final double[][] uTRows;
    /** G·n stacked biases. */
    final double[] bStack;
    /** U as G·n rows of m, made on first use (a benign race: every thread makes the same rows). */
    private volatile double[][] uRows;

    InputSide(CellType type, Map<String, DMatrixRMaj> params) {
        DMatrixRMaj u0 = params.get(type.inputNames().get(0));
        this.n = u0.numRows;
        this.m = u0.numCols;
        this.gn = type.gateCount() * n;
        this.uStack = new double[gn * m];
        this.bStack = new double[gn];
        for (int g = 0; g < type.gateCount(); g++) {
            System.arraycopy(params.get(type.inputNames().get(g)).data, 0, uStack, g * n * m, n * m);
            System.arraycopy(params.get(type.biasNames().get(g)).data, 0, bStack, g * n, n);
        }
        this.uTRows = DenseKernels.transposedRows(uStack, gn, m);
    }

    /** U as G·n rows of m: Uᵀδ is a combination of these rows. Not modified by callers. */
    double[][] rows() {
        double[][] r = uRows;
        if (r == null) {
            r = DenseKernels.rows(uStack, gn, m);
            uRows = r;
        }
        return r;
    }
}
