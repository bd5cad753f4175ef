package org.vanish.ui;

import java.util.Locale;
import java.util.Map;
import org.vanish.engine.RunResult;
import org.vanish.engine.Spectra;
import org.vanish.figure.SpectrumFigure;

/**
 * The numbers the dashboard shows for one run, in words and numbers: how far back the gradient reaches, the
 * spectrum of its main recurrent matrix and whether it vanishes, explodes or stays.
 *
 * @param matrix the recurrent matrix the spectrum is of: W_h for the rnn, additive and gru cells, and for
 *               the lstm the gate matrix of largest spectral radius; null while the spectra are still computing
 * @param spectralRadius ρ of matrix; NaN while the spectra are still computing
 * @param largestSingularValue σ_max of matrix; NaN while the spectra are still computing
 * @param logGradientAtZero log10 ‖∂L/∂s_0‖₂; -∞ for an exact zero
 * @param logGradientAtEnd log10 ‖∂L/∂s_T‖₂
 * @param reach the smallest ℓ ≥ 1 with log10 ‖∂L/∂s_{T−ℓ}‖ &lt; log10 ‖∂L/∂s_T‖ − 3; -1 when the gradient
 *              never falls by 10³ within T steps ("beyond T")
 * @param steps T
 */
public record RunSummary(String label, String matrix, double spectralRadius, double largestSingularValue,
                         double logGradientAtZero, double logGradientAtEnd, int reach, int steps) {
    /** Decades the gradient must fall by to count as gone, and change by over T to count as vanishing/exploding. */
    public static final double DECADES = 3;

    /** The verdict on a run's gradient over its T steps. */
    public enum Verdict {
        /** ‖∂L/∂s_0‖ is more than 10³ below ‖∂L/∂s_T‖. */
        VANISHING,
        /** ‖∂L/∂s_0‖ is more than 10³ above ‖∂L/∂s_T‖. */
        EXPLODING,
        /** Within a factor 10³ either way. */
        STABLE;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The summary of an analysed run; without spectra (still computing) the spectral numbers are NaN. */
    public static RunSummary of(RunResult r) {
        Map<String, Spectra.Spectrum> spectra = r.spectra();
        String matrix = null;
        double rho = Double.NaN;
        double sigma = Double.NaN;
        if (spectra != null && !spectra.isEmpty()) {
            matrix = SpectrumFigure.mainMatrix(r);
            rho = spectra.get(matrix).spectralRadius();
            sigma = spectra.get(matrix).largestSingularValue();
        }
        double[] g = r.series().gradNorm;
        int steps = g.length - 1;
        return new RunSummary(r.spec().label(), matrix, rho, sigma, g[0], g[steps], reach(g), steps);
    }

    /**
     * The smallest ℓ ≥ 1 with g[T−ℓ] &lt; g[T] − 3, or -1 when there is none.
     * @param logGrad log10 ‖∂L/∂s_t‖₂ for t = 0..T (-∞ for an exact zero). Not modified.
     */
    public static int reach(double[] logGrad) {
        int t = logGrad.length - 1;
        double threshold = logGrad[t] - DECADES;
        for (int l = 1; l <= t; l++) {
            if (logGrad[t - l] < threshold) {
                return l;
            }
        }
        return -1;
    }

    /** Vanishing, exploding or stable, from the change of log10 ‖∂L/∂s_t‖ between t = T and t = 0. */
    public Verdict verdict() {
        double change = logGradientAtZero - logGradientAtEnd;
        if (change < -DECADES) {
            return Verdict.VANISHING;
        }
        return change > DECADES ? Verdict.EXPLODING : Verdict.STABLE;
    }

    /**
     * "vanishing, falls 10³ by ℓ = 12", "stable, never falls 10³ within T" or, for a growing gradient,
     * "exploding, grows 10^4.3 over T".
     */
    public String reachText() {
        if (verdict() == Verdict.EXPLODING) {
            return String.format(Locale.ROOT, "exploding, grows 10^%.1f over T", logGradientAtZero - logGradientAtEnd);
        }
        return verdict().word() + (reach < 0 ? ", never falls 10³ within T" : ", falls 10³ by ℓ = " + reach);
    }

    /** "ρ(W_h) = 1.02", or "ρ = …" while the spectra are computing. */
    public String spectralRadiusText() {
        return matrix == null ? "ρ = …" : "ρ(" + matrix + ") = " + String.format(Locale.ROOT, "%.2f", spectralRadius);
    }

    /** "σ_max(W_h) = 2.01", or "σ_max = …" while the spectra are computing. */
    public String largestSingularValueText() {
        return matrix == null ? "σ_max = …"
                : "σ_max(" + matrix + ") = " + String.format(Locale.ROOT, "%.2f", largestSingularValue);
    }

    /** "log10 ‖∂L/∂s₀‖ = -13.4", or "= -∞ (exact zero)". */
    public String gradientText() {
        String v = Double.isInfinite(logGradientAtZero) ? "-∞ (exact zero)"
                : String.format(Locale.ROOT, "%.1f", logGradientAtZero);
        return "log10 ‖∂L/∂s₀‖ = " + v;
    }

    /** The whole summary on one line. */
    public String text() {
        return label + "   " + reachText() + "   " + spectralRadiusText() + "   " + largestSingularValueText()
                + "   " + gradientText();
    }
}
