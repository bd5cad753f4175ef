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
 * A bias with a mean μ_b over the units (the engine's constant b) shifts every pre-activation: then
 * a ~ N(μ_b, q), q ← σ_w² E[φ(μ_b + √q z)²] + σ_b² + σ_x² and χ = σ_w² E[φ'(μ_b + √q* z)²] (W_h has mean 0, so
 * W_h h carries no mean even when h does).
 * Gaussian expectations by Gauss–Hermite quadrature (Commons Math).
 */
public final class MeanField {
    /** Quadrature points: E[g(√q z)] is exact to double precision for the smooth φ here at q ≤ 100. */
    static final int POINTS = 64;
    private static final double TOLERANCE = 1e-14;
    private static final int MAX_ITERATIONS = 10_000;
    /** Beyond this q grows without bound (an unbounded φ with χ ≥ 1); the quadrature's sums would overflow. */
    private static final double DIVERGED = 1e100;

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
        return of(phi, sigmaW, 0.0, sigmaB2, inputVariance);
    }

    /**
     * q* and χ for activation phi with biases of mean biasMean and variance sigmaB2 over the units (see the class
     * comment). Where q grows without bound (relu or linear with χ ≥ 1) q* is +∞ and χ its limit.
     */
    public static Result of(Activation phi, double sigmaW, double biasMean, double sigmaB2, double inputVariance) {
        double w2 = sigmaW * sigmaW;
        double q = 1.0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double sq = Math.sqrt(q);
            double next = w2 * gaussian(z -> square(phi.value(biasMean + sq * z))) + sigmaB2 + inputVariance;
            if (next > DIVERGED) {
                // no node is z = 0, so φ'(μ_b ± ∞) below is the q → ∞ limit of χ (and no ∞ − ∞ enters the quadrature)
                q = Double.POSITIVE_INFINITY;
                break;
            }
            if (Math.abs(next - q) <= TOLERANCE * Math.max(1.0, next)) {
                q = next;
                break;
            }
            q = next;
        }
        double sq = Math.sqrt(q);
        double chi = w2 * gaussian(z -> square(phi.derivative(biasMean + sq * z)));
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
