package org.vanish.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.vanish.engine.CellType;
import org.vanish.engine.GruVariant;

/**
 * The trainable parameters of a cell and its linear readout z = V h + c, stacked over the gates in
 * {@link CellType} order as rows, the layout the batched kernels read: w holds W_* as G·n rows of n (row g·n + i is
 * row i of gate g's matrix), u holds U_* as G·n rows of m, b the G·n biases. The same shape holds gradients and
 * optimiser moments. PyTorch's GRU adds b_hn.
 */
final class Params {
    final CellType type;
    final int n;
    final int m;
    final int k;
    final double[][] w;
    final double[][] u;
    final double[] b;
    /** PyTorch's GRU: b_hn, the recurrent candidate bias inside the reset (n entries); empty for the other cells. */
    final double[] bhn;
    final double[][] v;
    final double[] c;

    Params(CellType type, int n, int m, int k) {
        this(type, n, m, k, false);
    }

    /** @param pytorchGru whether the cell is PyTorch's GRU, which has b_hn besides the stacked biases */
    Params(CellType type, int n, int m, int k, boolean pytorchGru) {
        this.type = type;
        this.n = n;
        this.m = m;
        this.k = k;
        int gn = type.gateCount() * n;
        w = new double[gn][n];
        u = new double[gn][m];
        b = new double[gn];
        bhn = new double[pytorchGru ? n : 0];
        v = new double[k][n];
        c = new double[k];
    }

    /** Zeros of the same shape. */
    Params zerosLike() {
        return new Params(type, n, m, k, bhn.length > 0);
    }

    /** Whether these are the parameters of PyTorch's GRU. */
    boolean pytorchGru() {
        return bhn.length > 0;
    }

    /** The cell's parameters from engine matrices named as in {@link CellType#parameterNames()}, readout rows v. */
    static Params of(CellType type, Map<String, DMatrixRMaj> cell, double[][] readout, double[] readoutBias) {
        DMatrixRMaj u0 = cell.get(type.inputNames().get(0));
        DMatrixRMaj bhn = type == CellType.GRU ? cell.get(GruVariant.RECURRENT_CANDIDATE_BIAS) : null;
        Params p = new Params(type, u0.numRows, u0.numCols, readout.length, bhn != null);
        if (bhn != null) {
            System.arraycopy(bhn.data, 0, p.bhn, 0, p.n);
        }
        int n = p.n;
        int m = p.m;
        for (int g = 0; g < type.gateCount(); g++) {
            double[] w = cell.get(type.recurrentNames().get(g)).data;
            double[] u = cell.get(type.inputNames().get(g)).data;
            double[] b = cell.get(type.biasNames().get(g)).data;
            for (int i = 0; i < n; i++) {
                System.arraycopy(w, i * n, p.w[g * n + i], 0, n);
                System.arraycopy(u, i * m, p.u[g * n + i], 0, m);
                p.b[g * n + i] = b[i];
            }
        }
        for (int r = 0; r < p.k; r++) {
            System.arraycopy(readout[r], 0, p.v[r], 0, n);
        }
        System.arraycopy(readoutBias, 0, p.c, 0, p.k);
        return p;
    }

    /** Copies of the cell's matrices by engine name (biases as n×1), in {@link CellType#parameterNames()} order. */
    Map<String, DMatrixRMaj> cellMatrices() {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        for (int g = 0; g < type.gateCount(); g++) {
            DMatrixRMaj w = new DMatrixRMaj(n, n);
            DMatrixRMaj u = new DMatrixRMaj(n, m);
            DMatrixRMaj b = new DMatrixRMaj(n, 1);
            for (int i = 0; i < n; i++) {
                System.arraycopy(this.w[g * n + i], 0, w.data, i * n, n);
                System.arraycopy(this.u[g * n + i], 0, u.data, i * m, m);
                b.data[i] = this.b[g * n + i];
            }
            out.put(type.recurrentNames().get(g), w);
            out.put(type.inputNames().get(g), u);
            out.put(type.biasNames().get(g), b);
        }
        if (pytorchGru()) {
            DMatrixRMaj b = new DMatrixRMaj(n, 1);
            System.arraycopy(bhn, 0, b.data, 0, n);
            out.put(GruVariant.RECURRENT_CANDIDATE_BIAS, b);
        }
        return out;
    }

    /** Every array in a fixed order (rows of w, rows of u, b, b_hn if any, rows of v, c): the order of norms and updates. */
    List<double[]> arrays() {
        List<double[]> all = new ArrayList<>();
        all.addAll(List.of(w));
        all.addAll(List.of(u));
        all.add(b);
        if (pytorchGru()) {
            all.add(bhn);
        }
        all.addAll(List.of(v));
        all.add(c);
        return all;
    }

    /**
     * The name of entry index of array a in {@link #arrays()} order, as a preset names it: "W_u[2][0]", "b_f[3]",
     * or the readout's "V[0][5]" and "c[0]".
     */
    String name(int a, int index) {
        int gn = type.gateCount() * n;
        if (a < gn) {
            return type.recurrentNames().get(a / n) + "[" + (a % n) + "][" + index + "]";
        }
        if (a < 2 * gn) {
            return type.inputNames().get((a - gn) / n) + "[" + ((a - gn) % n) + "][" + index + "]";
        }
        if (a == 2 * gn) {
            return type.biasNames().get(index / n) + "[" + (index % n) + "]";
        }
        if (a < 2 * gn + 1 + k) {
            return "the readout V[" + (a - 2 * gn - 1) + "][" + index + "]";
        }
        return "the readout bias c[" + index + "]";
    }

    /** A deep copy. */
    Params copy() {
        Params p = zerosLike();
        List<double[]> src = arrays();
        List<double[]> dst = p.arrays();
        for (int i = 0; i < src.size(); i++) {
            System.arraycopy(src.get(i), 0, dst.get(i), 0, src.get(i).length);
        }
        return p;
    }

    /** The global 2-norm over every entry, summed in {@link #arrays()} order. */
    double norm() {
        double s = 0.0;
        for (double[] a : arrays()) {
            for (double x : a) {
                s += x * x;
            }
        }
        return Math.sqrt(s);
    }
}
