package org.vanish.theory;

import java.util.Locale;
import org.vanish.engine.Activation;

/**
 * Pascanu, Mikolov &amp; Bengio 2013, section 3.1 (seed 001): for the Elman rnn h_t = φ(W_h h_{t-1} + ...) with
 * |φ'| ≤ γ, every step Jacobian diag(φ') W_h has norm at most γ σ_max(W_h). So σ_max &lt; 1/γ is <em>sufficient</em>
 * for the gradient to vanish (‖∂h_T/∂h_t‖ ≤ (γσ_max)^{T−t} → 0), and σ_max &gt; 1/γ is <em>necessary</em> for it to
 * explode (but not sufficient: the φ' actually met may be far below γ). γ = 1 for tanh, relu and linear, 1/4 for
 * sigmoid ({@link Activation#gamma}).
 *
 * @param sigmaMax the largest singular value of W_h
 * @param gamma    the bound on |φ'|
 */
public record PascanuConditions(double sigmaMax, double gamma) {

    /** Which of the two conditions holds. */
    public enum Verdict {
        /** σ_max &lt; 1/γ: the sufficient condition for vanishing holds. */
        VANISHING_GUARANTEED,
        /** σ_max &gt; 1/γ: the necessary condition for exploding holds; nothing is guaranteed. */
        EXPLODING_POSSIBLE,
        /** σ_max = 1/γ exactly: neither strict inequality holds. */
        BOUNDARY
    }

    /** The conditions for W_h with largest singular value sigmaMax feeding φ. */
    public static PascanuConditions of(Activation phi, double sigmaMax) {
        if (!(sigmaMax >= 0)) {
            throw new IllegalArgumentException("sigmaMax: " + sigmaMax + " must be a number ≥ 0");
        }
        return new PascanuConditions(sigmaMax, phi.gamma());
    }

    /** 1/γ, the threshold on σ_max. */
    public double threshold() {
        return 1.0 / gamma;
    }

    /** γσ_max, the bound on every step's ‖J_t‖. */
    public double stepBound() {
        return gamma * sigmaMax;
    }

    public Verdict verdict() {
        double t = threshold();
        return sigmaMax < t ? Verdict.VANISHING_GUARANTEED
                : sigmaMax > t ? Verdict.EXPLODING_POSSIBLE : Verdict.BOUNDARY;
    }

    /**
     * The verdict in words with the numbers, e.g. "sufficient for vanishing holds: σ_max = 0.83 &lt; 1/γ = 1".
     */
    public String describe() {
        String numbers = String.format(Locale.ROOT, "σ_max = %s %s 1/γ = %s", number(sigmaMax),
                verdict() == Verdict.VANISHING_GUARANTEED ? "<" : verdict() == Verdict.BOUNDARY ? "=" : ">",
                number(threshold()));
        switch (verdict()) {
            case VANISHING_GUARANTEED:
                return "sufficient for vanishing holds: " + numbers + String.format(Locale.ROOT,
                        ", every ‖J_t‖ ≤ %s: it must vanish", number(stepBound()));
            case EXPLODING_POSSIBLE:
                return "necessary for exploding holds: " + numbers
                        + " (necessary, not sufficient: it may still vanish)";
            default:
                return "at the boundary: " + numbers + " (neither condition holds strictly)";
        }
    }

    /** Three significant digits without trailing zeros: 0.83, 1, 4, 1.25. */
    static String number(double v) {
        String s = String.format(Locale.ROOT, "%.3g", v);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
