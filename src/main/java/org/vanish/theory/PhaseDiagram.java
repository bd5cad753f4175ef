package org.vanish.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.vanish.engine.Activation;

/**
 * The order–chaos phase diagram of a wide random network (Poole et al. 2016, Fig. 2; Schoenholz et al. 2017,
 * Fig. 1): the per-step gradient factor χ of {@link MeanField} over a grid of weight gains σ_w and bias
 * standard deviations σ_b (zero-mean biases, no input; an input adds its variance σ_x² to σ_b², so a run with
 * input sits at σ_b = √(σ_b² + σ_x²)), and the boundary χ = 1 between the ordered phase (χ &lt; 1, gradients
 * vanish) and the chaotic one (χ &gt; 1, they explode). For tanh the boundary leaves σ_b = 0 at σ_w = 1 and bends
 * to larger σ_w as σ_b grows: near the origin σ_w² = 1 + 2q₀ + q₀² + O(q₀³) with q₀ = (3σ_b²/4)^{1/3} (a series
 * expansion of the fixed point and of χ = 1 in q*; see the test).
 */
public final class PhaseDiagram {
    private static final double ROOT_ACCURACY = 1e-12;
    private static final int MAX_EVALUATIONS = 200;

    private PhaseDiagram() {
    }

    /**
     * χ on a grid.
     * @param sigmaW the σ_w of the columns, ascending
     * @param sigmaB the σ_b of the rows, ascending
     * @param chi    chi[row][column]: χ at (sigmaW[column], sigmaB[row])
     */
    public record Grid(Activation phi, double[] sigmaW, double[] sigmaB, double[][] chi) {
    }

    /**
     * χ over columns × rows equally spaced points spanning [wMin, wMax] × [bMin, bMax], ends included.
     * @param cancelled polled once per row; when it answers true, null is returned
     */
    public static Grid grid(Activation phi, double wMin, double wMax, int columns, double bMin, double bMax, int rows,
                            BooleanSupplier cancelled) {
        double[] w = spaced(wMin, wMax, columns);
        double[] b = spaced(bMin, bMax, rows);
        double[][] chi = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            for (int c = 0; c < columns; c++) {
                chi[r][c] = chi(phi, w[c], b[r]);
            }
        }
        return new Grid(phi, w, b, chi);
    }

    /** χ at (σ_w, σ_b), zero-mean biases, no input. */
    public static double chi(Activation phi, double sigmaW, double sigmaB) {
        return MeanField.of(phi, sigmaW, sigmaB * sigmaB, 0.0).chi();
    }

    /**
     * The boundary χ = 1: for each row of the grid, every σ_w between two columns where ln χ changes sign, found
     * to {@value #ROOT_ACCURACY} by Brent's method. Points (σ_w, σ_b), row by row.
     */
    public static List<double[]> boundary(Grid g) {
        List<double[]> out = new ArrayList<>();
        BrentSolver solver = new BrentSolver(ROOT_ACCURACY);
        for (int r = 0; r < g.sigmaB().length; r++) {
            double b = g.sigmaB()[r];
            double[] chi = g.chi()[r];
            for (int c = 0; c + 1 < chi.length; c++) {
                double lo = Math.log(chi[c]);
                double hi = Math.log(chi[c + 1]);
                if (lo == 0) {
                    out.add(new double[] {g.sigmaW()[c], b});
                } else if (lo * hi < 0) {
                    double w = solver.solve(MAX_EVALUATIONS, x -> Math.log(chi(g.phi(), x, b)), g.sigmaW()[c],
                            g.sigmaW()[c + 1]);
                    out.add(new double[] {w, b});
                }
            }
        }
        return out;
    }

    /** The σ_w in [lo, hi] where χ(σ_w, σ_b) = 1; NaN if χ − 1 has the same sign at both ends. */
    public static double criticalSigmaW(Activation phi, double sigmaB, double lo, double hi) {
        double a = Math.log(chi(phi, lo, sigmaB));
        double b = Math.log(chi(phi, hi, sigmaB));
        if (a * b > 0) {
            return Double.NaN;
        }
        return new BrentSolver(ROOT_ACCURACY).solve(MAX_EVALUATIONS, x -> Math.log(chi(phi, x, sigmaB)), lo, hi);
    }

    private static double[] spaced(double lo, double hi, int count) {
        if (count < 2 || !(lo < hi)) {
            throw new IllegalArgumentException("a grid needs at least 2 points and lo < hi: " + lo + ", " + hi);
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = lo + (hi - lo) * i / (count - 1);
        }
        return v;
    }
}
