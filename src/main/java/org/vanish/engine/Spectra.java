package org.vanish.engine;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Eigenvalues and singular values of square matrices, with a small cache keyed by the matrix content.
 * Scaling a matrix scales its spectrum, so {@link #of(DMatrixRMaj, double)} decomposes the unscaled draw
 * once and a dragged scale slider only multiplies: eig(sW) = s·eig(W), σ(sW) = |s|·σ(W).
 * Thread-safe.
 */
public final class Spectra {
    private static final int CAPACITY = 16;

    /** Eigenvalues as rows [re, im] sorted by modulus, then real part, then imaginary part, descending. */
    public static final class Spectrum {
        public final double[][] eigenvalues;
        /** Singular values, descending. */
        public final double[] singularValues;

        Spectrum(double[][] eigenvalues, double[] singularValues) {
            this.eigenvalues = eigenvalues;
            this.singularValues = singularValues;
        }

        /** Spectral radius ρ = max |λ|. */
        public double spectralRadius() {
            return eigenvalues.length == 0 ? 0.0 : Math.hypot(eigenvalues[0][0], eigenvalues[0][1]);
        }

        /** σ_max. */
        public double largestSingularValue() {
            return singularValues.length == 0 ? 0.0 : singularValues[0];
        }
    }

    private final Map<Key, Spectrum> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Spectrum> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The spectrum of scale · base, decomposing base only the first time this cache sees it. */
    public Spectrum of(DMatrixRMaj base, double scale) {
        return scaled(unscaled(base), scale);
    }

    /** The spectrum of base, from the cache or decomposed now. */
    public Spectrum unscaled(DMatrixRMaj base) {
        Key key = new Key(base);
        Spectrum s;
        synchronized (cache) {
            s = cache.get(key);
        }
        if (s == null) {
            s = decompose(base);
            synchronized (cache) {
                cache.put(key, s);
            }
        }
        return s;
    }

    /**
     * Decomposes m directly (no cache). A matrix whose largest entry is far from 1 (subnormal entries from a gain
     * of 1e-320, say, on which EJML's QR iterations do not converge) is decomposed as 2^-k·m, which is exact, and
     * its eigenvalues and singular values are multiplied back by 2^k: eig(2^k A) = 2^k eig(A). Values that are
     * then below the double range keep the precision a subnormal double has.
     */
    public static Spectrum decompose(DMatrixRMaj m) {
        int n = m.numRows;
        StepWatch.step();
        int k = binaryExponent(CommonOps_DDRM.elementMaxAbs(m));
        DMatrixRMaj a = m.copy();
        if (k != 0) {
            for (int i = 0; i < a.data.length; i++) {
                a.data[i] = Math.scalb(a.data[i], -k);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
        if (!eig.decompose(a.copy())) {
            throw new RunFailure("the eigenvalues of a " + n + "×" + n + " recurrent matrix cannot be computed"
                    + " (EJML's QR iterations did not converge)");
        }
        double[][] ev = new double[n][];
        for (int i = 0; i < n; i++) {
            Complex_F64 c = eig.getEigenvalue(i);
            ev[i] = new double[] {Math.scalb(c.real, k), Math.scalb(c.imaginary, k)};
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, n, false, false, true);
        StepWatch.step();
        if (!svd.decompose(a)) {
            throw new RunFailure("the singular values of a " + n + "×" + n + " recurrent matrix cannot be computed"
                    + " (EJML's SVD did not converge)");
        }
        double[] sv = Arrays.copyOf(svd.getSingularValues(), svd.numberOfSingularValues());
        for (int i = 0; i < sv.length; i++) {
            sv[i] = Math.scalb(sv[i], k);
        }
        return sorted(ev, sv);
    }

    /**
     * 0 for a largest entry within 2^±256 of 1 (so ordinary matrices are decomposed exactly as given), else the
     * binary exponent k with 2^k ≤ max &lt; 2^(k+1), subnormals included.
     */
    static int binaryExponent(double max) {
        if (max == 0.0 || !Double.isFinite(max) || (max >= 0x1p-256 && max < 0x1p256)) {
            return 0;
        }
        int k = Math.getExponent(max);
        return k >= Double.MIN_EXPONENT ? k : Math.getExponent(max * 0x1p600) - 600;
    }

    /** The spectrum of scale · (a matrix whose spectrum is s): eig(sW) = s·eig(W), σ(sW) = |s|·σ(W). */
    public static Spectrum scaled(Spectrum s, double scale) {
        if (scale == 1.0) {
            return s;
        }
        double[][] ev = new double[s.eigenvalues.length][];
        for (int i = 0; i < ev.length; i++) {
            ev[i] = new double[] {scale * s.eigenvalues[i][0], scale * s.eigenvalues[i][1]};
        }
        double[] sv = new double[s.singularValues.length];
        for (int i = 0; i < sv.length; i++) {
            sv[i] = Math.abs(scale) * s.singularValues[i];
        }
        // a positive factor keeps both orders; a negative one reverses the real parts
        return scale >= 0 ? new Spectrum(ev, sv) : sorted(ev, sv);
    }

    private static Spectrum sorted(double[][] ev, double[] sv) {
        Arrays.sort(ev, Comparator.<double[]>comparingDouble(e -> Math.hypot(e[0], e[1]))
                .thenComparingDouble(e -> e[0]).thenComparingDouble(e -> e[1]).reversed());
        double[] s = sv.clone();
        Arrays.sort(s);
        for (int i = 0; i < s.length / 2; i++) {
            double tmp = s[i];
            s[i] = s[s.length - 1 - i];
            s[s.length - 1 - i] = tmp;
        }
        return new Spectrum(ev, s);
    }

    /**
     * A matrix compared by content. It keeps a reference rather than a copy: the matrices cached here are the
     * unscaled draws of prepared runs, which nothing modifies.
     */
    private static final class Key {
        private final DMatrixRMaj m;
        private final int hash;

        Key(DMatrixRMaj m) {
            this.m = m;
            this.hash = 31 * m.numRows + Arrays.hashCode(m.data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).m.numRows == m.numRows && Arrays.equals(((Key) o).m.data, m.data);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
