package org.vanish.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Activation;

class PhaseDiagramTest {
    @Test
    void tanhWithoutBiasTurnsChaoticAtGainOne() {
        // Poole et al. 2016: at σ_b = 0, q* = 0 for σ_w ≤ 1 and χ = σ_w² tanh'(0)² = σ_w²
        assertEquals(1.0, PhaseDiagram.criticalSigmaW(Activation.TANH, 0.0, 0.5, 2.0), 1e-3);
        assertTrue(PhaseDiagram.chi(Activation.TANH, 0.99, 0.0) < 1 && PhaseDiagram.chi(Activation.TANH, 1.2, 0.0) > 1);
    }

    @Test
    void nearTheOriginTheTanhBoundaryFollowsItsSeriesExpansion() {
        // expanding E[tanh²(√q z)] = q − 2q² + 17q³/3 − 62q⁴/3 and E[tanh'²(√q z)] = 1 − 2q + 7q² − 94q³/3 in q:
        // χ = 1 gives σ_w² = 1 + 2q − 3q² + O(q³), then the fixed point σ_b² = (4/3)q³(1 − 6q) + O(q⁵), so with
        // q0 = (3σ_b²/4)^(1/3), q = q0 + 2q0² and σ_w² = 1 + 2q0 + q0² + O(q0³)
        for (double sigmaB2 : new double[] {1e-9, 1e-7}) {
            double q = Math.cbrt(0.75 * sigmaB2);
            double expected = 1 + 2 * q + q * q;
            double w = PhaseDiagram.criticalSigmaW(Activation.TANH, Math.sqrt(sigmaB2), 0.9, 1.5);
            assertEquals(expected, w * w, 20 * q * q * q, "σ_b² = " + sigmaB2);
        }
    }

    @Test
    void theTanhBoundaryBendsToLargerGainsAsTheBiasGrows() {
        // Schoenholz et al. 2017, Fig. 1: the critical σ_w rises monotonically with σ_b
        double previous = 1.0;
        for (double b : new double[] {0.1, 0.3, 0.6, 1.0}) {
            double w = PhaseDiagram.criticalSigmaW(Activation.TANH, b, 0.5, 4.0);
            assertTrue(w > previous, "σ_b = " + b + ": " + w);
            previous = w;
        }
    }

    @Test
    void reluAndLinearBoundariesAreVerticalLines() {
        // zero-mean bias: χ = σ_w²/2 for relu (He et al. 2015's √2), σ_w² for linear, whatever σ_b
        PhaseDiagram.Grid relu = PhaseDiagram.grid(Activation.RELU, 0.5, 2.5, 9, 0.0, 1.0, 3, () -> false);
        List<double[]> edge = PhaseDiagram.boundary(relu);
        assertEquals(3, edge.size());
        for (double[] p : edge) {
            assertEquals(Math.sqrt(2), p[0], 1e-9);
        }
        assertEquals(1.0, PhaseDiagram.criticalSigmaW(Activation.LINEAR, 0.7, 0.5, 2.0), 1e-9);
    }

    @Test
    void theGridHoldsChiAtItsPointsAndTheBoundarySeparatesThePhases() {
        PhaseDiagram.Grid g = PhaseDiagram.grid(Activation.TANH, 0.5, 3.0, 11, 0.0, 1.0, 5, () -> false);
        assertEquals(MeanField.of(Activation.TANH, 1.75, 0.25 * 0.25, 0).chi(), g.chi()[1][5], 1e-15);
        for (double[] p : PhaseDiagram.boundary(g)) {
            assertEquals(1.0, PhaseDiagram.chi(Activation.TANH, p[0], p[1]), 1e-9);
            assertTrue(PhaseDiagram.chi(Activation.TANH, p[0] - 0.05, p[1]) < 1);
            assertTrue(PhaseDiagram.chi(Activation.TANH, p[0] + 0.05, p[1]) > 1);
        }
    }
}
