package org.vanish.ui;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import org.vanish.engine.RunResult;
import org.vanish.engine.Spectra;

/**
 * The numbers the dashboard shows for one run: the spectrum of its main recurrent matrix and where its
 * gradient ends up at t = 0.
 *
 * @param matrix the recurrent matrix the spectrum is of: W_h for the rnn, additive and gru cells, and for
 *               the lstm the gate matrix of largest spectral radius
 * @param logGradientAtZero log10 ‖∂L/∂s_0‖₂; -∞ for an exact zero
 */
public record RunSummary(String label, String matrix, double spectralRadius, double largestSingularValue,
                         double logGradientAtZero) {
    private static final String MAIN_MATRIX = "W_h";

    /** The summary of an analysed run; its spectra must have been computed. */
    public static RunSummary of(RunResult r) {
        Map<String, Spectra.Spectrum> spectra = r.spectra();
        String matrix = spectra.containsKey(MAIN_MATRIX) ? MAIN_MATRIX
                : spectra.entrySet().stream()
                        .max(Comparator.comparingDouble(e -> e.getValue().spectralRadius()))
                        .map(Map.Entry::getKey).orElseThrow();
        Spectra.Spectrum s = spectra.get(matrix);
        return new RunSummary(r.spec().label(), matrix, s.spectralRadius(), s.largestSingularValue(),
                r.series().gradNorm[0]);
    }

    /** "ρ(W_h) = 1.02". */
    public String spectralRadiusText() {
        return "ρ(" + matrix + ") = " + String.format(Locale.ROOT, "%.2f", spectralRadius);
    }

    /** "σ_max(W_h) = 2.01". */
    public String largestSingularValueText() {
        return "σ_max(" + matrix + ") = " + String.format(Locale.ROOT, "%.2f", largestSingularValue);
    }

    /** "log10 ‖∂L/∂s₀‖ = -13.4", or "= -∞ (exact zero)". */
    public String gradientText() {
        String v = Double.isInfinite(logGradientAtZero) ? "-∞ (exact zero)"
                : String.format(Locale.ROOT, "%.1f", logGradientAtZero);
        return "log10 ‖∂L/∂s₀‖ = " + v;
    }

    /** The whole summary on one line. */
    public String text() {
        return label + "   " + spectralRadiusText() + "   " + largestSingularValueText() + "   " + gradientText();
    }
}
