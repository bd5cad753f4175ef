package org.vanish.lecture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.ejml.data.DMatrixRMaj;
import org.vanish.engine.DenseKernels;

/**
 * The linear case of seed 001 (Pascanu, Mikolov &amp; Bengio 2013, section 2): with φ the identity every step
 * Jacobian is the same matrix A (W_h for the Elman cell, I + W_h for the additive one), so the gradient ℓ steps
 * back is g_ℓ = (Aᵀ)^ℓ g_0, g_0 = ∂J/∂h_T. Written in the eigenbasis of Aᵀ, g_0 = Σ c_i q_i and
 * <pre>
 *   g_ℓ = Σ_i c_i λ_i^ℓ q_i,
 * </pre>
 * so each component grows or dies as |λ_i|^ℓ. A is real, so its complex eigenvalues come in conjugate pairs
 * λ, λ̄ whose two terms sum to a real vector in the plane of Re q, Im q: each pair is kept as one real 2-D
 * component. With Aᵀ V = V D and D block diagonal (λ on the diagonal for a real eigenvalue, r[[cos θ, sin θ],
 * [−sin θ, cos θ]] for the pair r e^{±iθ}), a = V⁻¹ g_0 and
 * <pre>
 *   real:  a_i λ^ℓ V_i                pair:  r^ℓ [(a_i cos ℓθ + a_{i+1} sin ℓθ) V_i + (a_{i+1} cos ℓθ − a_i sin ℓθ) V_{i+1}]
 * </pre>
 * Sizes are evaluated in log10 (ℓ log10 |λ| plus the log of an O(1) vector's norm), so any ℓ is exact.
 * <p>
 * Commons Math's real eigendecomposition is used because it returns exactly this real block form, with the
 * eigenvectors of complex eigenvalues; EJML's returns eigenvectors for real eigenvalues only.
 */
public final class Eigenbasis {
    /** Largest accepted relative residual ‖Aᵀ V − V D‖ / (‖Aᵀ‖ ‖V‖) and reconstruction error of g_0. */
    static final double RESIDUAL_LIMIT = 1e-8;
    /** Largest accepted Σ ‖c_i q_i‖ / ‖g_0‖: beyond it the components cancel too much to be drawn meaningfully. */
    static final double CANCELLATION_LIMIT = 1e8;

    /**
     * One component: a real eigenvalue, or a conjugate pair re ± i·imag whose block of D is
     * [[re, imag], [−imag, re]].
     * @param real      Re λ
     * @param imag      Im λ of the pair's first column (either sign), 0 for a real eigenvalue
     * @param first     its first column in V
     * @param pair      whether it spans two columns (a conjugate pair)
     */
    public record Component(double real, double imag, int first, boolean pair) {
        /** |λ|. */
        public double modulus() {
            return Math.hypot(real, imag);
        }

        /** θ = arg λ of the pair's block (π for a negative real eigenvalue). */
        public double angle() {
            return Math.atan2(imag, real);
        }
    }

    private final int n;
    /** V, n rows of n. */
    private final double[][] v;
    private final double[] a;
    private final List<Component> components;

    private Eigenbasis(double[][] v, double[] a, List<Component> components) {
        this.n = v.length;
        this.v = v;
        this.a = a;
        this.components = components;
    }

    /**
     * Decomposes g_0 in the eigenbasis of Aᵀ.
     * @param a  the step matrix A (n×n). Not modified.
     * @param g0 ∂J/∂h_T, length n. Not modified.
     * @throws IllegalArgumentException if A is not diagonalisable to working accuracy (a defective matrix such as
     *                                  a Jordan block has no eigenbasis)
     */
    public static Eigenbasis of(DMatrixRMaj a, double[] g0) {
        int n = a.numRows;
        RealMatrix at = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                at.setEntry(i, j, a.get(j, i));
            }
        }
        EigenDecomposition eig;
        try {
            eig = new EigenDecomposition(at);
        } catch (MathIllegalStateException e) {
            throw new IllegalArgumentException("the eigendecomposition of W_h did not converge");
        }
        RealMatrix vm = eig.getV();
        RealMatrix dm = eig.getD();
        double residual = at.multiply(vm).subtract(vm.multiply(dm)).getFrobeniusNorm();
        if (!(residual <= RESIDUAL_LIMIT * Math.max(Double.MIN_NORMAL, at.getFrobeniusNorm() * vm.getFrobeniusNorm()))) {
            throw new IllegalArgumentException(notDiagonalisable());
        }
        DecompositionSolver solver = new LUDecomposition(vm, 0.0).getSolver();
        if (!solver.isNonSingular()) {
            throw new IllegalArgumentException(notDiagonalisable());
        }
        double[] coeff = solver.solve(new ArrayRealVector(g0)).toArray();
        double err = vm.operate(new ArrayRealVector(coeff)).subtract(new ArrayRealVector(g0)).getNorm();
        double g0Norm = new ArrayRealVector(g0).getNorm();
        if (!(err <= RESIDUAL_LIMIT * Math.max(g0Norm, Double.MIN_NORMAL))) {
            throw new IllegalArgumentException(notDiagonalisable());
        }
        // the components' sizes at ℓ = 0 must not dwarf g_0: near a defective matrix they cancel by many decades
        double parts = 0.0;
        for (int j = 0; j < n; j++) {
            parts += Math.abs(coeff[j]) * vm.getColumnVector(j).getNorm();
        }
        if (!(parts <= CANCELLATION_LIMIT * Math.max(g0Norm, Double.MIN_NORMAL))) {
            throw new IllegalArgumentException(notDiagonalisable());
        }
        List<Component> comps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double off = i + 1 < n ? dm.getEntry(i, i + 1) : 0.0;
            if (off != 0.0) {
                comps.add(new Component(dm.getEntry(i, i), off, i, true));
                i++;
            } else {
                comps.add(new Component(dm.getEntry(i, i), 0.0, i, false));
            }
        }
        comps.sort(Comparator.comparingDouble(Component::modulus).reversed());
        return new Eigenbasis(vm.getData(), coeff, List.copyOf(comps));
    }

    private static String notDiagonalisable() {
        return "W_h has no basis of eigenvectors to working accuracy (a defective matrix such as a Jordan block):"
                + " the linear-case decomposition does not apply; change the seed or the init";
    }

    /** The components, by modulus, largest first; a conjugate pair counts once. */
    public List<Component> components() {
        return components;
    }

    /** ρ(A) = max |λ|. */
    public double spectralRadius() {
        return components.isEmpty() ? 0.0 : components.get(0).modulus();
    }

    /** The number of eigenvalues counted with each pair twice: n. */
    public int dimension() {
        return n;
    }

    /** log10 ‖c_i λ_i^ℓ q_i‖ (for a pair, of its real 2-D component) for component i of {@link #components()}. */
    public double log10Size(int i, long ell) {
        Component c = components.get(i);
        double[] coef = rotated(c, ell);
        double[] x = combine(c, coef);
        double norm = DenseKernels.norm(x, 0, x.length);
        if (norm == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        double r = c.modulus();
        if (ell == 0) {
            return Math.log10(norm);
        }
        return r == 0.0 ? Double.NEGATIVE_INFINITY : Math.log10(norm) + ell * Math.log10(r);
    }

    /**
     * The component's vector c_i λ_i^ℓ q_i (for a pair, the sum of its two terms), length n; it overflows to
     * infinity or underflows to 0 where |λ|^ℓ leaves the double range (use {@link #log10Size} there).
     */
    public double[] vector(int i, int ell) {
        Component c = components.get(i);
        double[] x = combine(c, rotated(c, ell));
        double scale = Math.pow(c.modulus(), ell);
        for (int k = 0; k < n; k++) {
            x[k] *= scale;
        }
        return x;
    }

    /** The coefficients of the component after ℓ steps, without the factor |λ|^ℓ. */
    private double[] rotated(Component c, long ell) {
        int i = c.first();
        if (!c.pair()) {
            double sign = c.real() < 0 && (ell & 1) == 1 ? -1 : 1;
            return new double[] {sign * a[i]};
        }
        double phase = c.angle() * ell;
        double cos = Math.cos(phase);
        double sin = Math.sin(phase);
        return new double[] {a[i] * cos + a[i + 1] * sin, a[i + 1] * cos - a[i] * sin};
    }

    private double[] combine(Component c, double[] coef) {
        double[] x = new double[n];
        for (int j = 0; j < coef.length; j++) {
            int col = c.first() + j;
            for (int k = 0; k < n; k++) {
                x[k] += coef[j] * v[k][col];
            }
        }
        return x;
    }
}
