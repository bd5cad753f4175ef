package org.vanish.theory;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.vanish.engine.Activation;

/**
 * Mean-field theory of a wide random Elman RNN (Poole et al. 2016; Chen, Pennington &amp; Schoenholz 2018):
 * with W_h entries N(0, σ_w²/n), a bias variance σ_b² and an input variance σ_x² reaching each
 * pre-activation, the pre-activation variance follows q ← σ_w² E[φ(√q z)²] + σ_b² + σ_x², z ~ N(0, 1), to a
 * fixed point q*, and each backward step multiplies the squared gradient norm by
 * χ = σ_w² E[φ'(√q* z)²]: χ &lt; 1 is the ordered phase (vanishing), χ &gt; 1 the chaotic one (exploding).
 * Gaussian expectations by Gauss–Hermite quadrature (Commons Math).
 */
public final class MeanField {
    /** Quadrature points: E[g(√q z)] is exact to double precision for the smooth φ here at q ≤ 100. */
    static final int POINTS = 64;
    private static final double TOLERANCE = 1e-14;
    private static final int MAX_ITERATIONS = 10_000;

    private static final GaussIntegrator HERMITE = new GaussIntegratorFactory().hermite(POINTS);

    private MeanField() {
    }

    /** The fixed point and the per-step gradient factor. */
    public record Result(double qStar, double chi) {
        /** The predicted change of log10 ‖∂L/∂h_t‖ per step back in time: ½ log10 χ. */
        public double log10SlopePerStep() {
            return 0.5 * Math.log10(chi);
        }
    }

    /**
     * q* and χ for activation phi.
     * @param sigmaW the weight gain σ_w (entries of W_h have variance σ_w²/n)
     * @param sigmaB2 the bias variance σ_b²
     * @param inputVariance the variance σ_x² that the input term adds to each pre-activation
     */
    public static Result of(Activation phi, double sigmaW, double sigmaB2, double inputVariance) {
        double w2 = sigmaW * sigmaW;
        double q = 1.0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double sq = Math.sqrt(q);
            double next = w2 * gaussian(z -> square(phi.value(sq * z))) + sigmaB2 + inputVariance;
            if (Math.abs(next - q) <= TOLERANCE * Math.max(1.0, next)) {
                q = next;
                break;
            }
            q = next;
        }
        double sq = Math.sqrt(q);
        double chi = w2 * gaussian(z -> square(phi.derivative(sq * z)));
        return new Result(q, chi);
    }

    /** E[g(z)] for z ~ N(0, 1): (1/√π) Σ w_i g(√2 x_i) over the Hermite nodes. */
    static double gaussian(DoubleUnaryOperator g) {
        return HERMITE.integrate(x -> g.applyAsDouble(Math.sqrt(2.0) * x)) / Math.sqrt(Math.PI);
    }

    private static double square(double v) {
        return v * v;
    }
}
