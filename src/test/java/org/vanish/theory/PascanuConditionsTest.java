package org.vanish.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Activation;
import org.vanish.engine.Analyzer;
import org.vanish.engine.CellType;
import org.vanish.engine.InitScheme;
import org.vanish.engine.Inputs;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.engine.RunSpec;

class PascanuConditionsTest {
    @Test
    void theThresholdIsOneOverGamma() {
        assertEquals(PascanuConditions.Verdict.VANISHING_GUARANTEED, PascanuConditions.of(Activation.SIGMOID, 3.9).verdict());
        assertEquals(PascanuConditions.Verdict.EXPLODING_POSSIBLE, PascanuConditions.of(Activation.SIGMOID, 4.1).verdict());
        assertEquals(PascanuConditions.Verdict.EXPLODING_POSSIBLE, PascanuConditions.of(Activation.TANH, 1.1).verdict());
        assertEquals(PascanuConditions.Verdict.BOUNDARY, PascanuConditions.of(Activation.RELU, 1.0).verdict());
        assertTrue(PascanuConditions.of(Activation.TANH, 0.83).describe()
                .startsWith("sufficient for vanishing holds: σ_max = 0.83 < 1/γ = 1"));
        assertTrue(PascanuConditions.of(Activation.SIGMOID, 5).describe()
                .startsWith("necessary for exploding holds: σ_max = 5 > 1/γ = 4"));
    }

    @Test
    void whenTheSufficientConditionHoldsTheGradientStaysUnderTheBound() {
        // W_h = U diag(σ) Vᵀ with σ_max = 3.6 < 1/γ = 4 for sigmoid: ‖∂L/∂h_t‖ ≤ (γσ_max)^(T−t) ‖∂L/∂h_T‖
        int n = 16;
        int steps = 60;
        Random rnd = new Random(11);
        double[] sv = new double[n];
        for (int i = 0; i < n; i++) {
            sv[i] = 3.6 * (1.0 - i / (double) n);
        }
        DMatrixRMaj w = product(TheoryFixtures.orthogonal(n, rnd), sv, TheoryFixtures.orthogonal(n, rnd));
        RunSpec spec = new RunSpec("sigmoid", CellType.RNN, Activation.SIGMOID, n, 4, steps, 2L, InitScheme.GAUSSIAN,
                1.0, 1.0, Map.of(), false, steps, Map.of("W_h", w), Inputs.noise(steps, 4, 1.0, 2), new double[n],
                Inputs.readout(n, 2));
        RunResult r = new Analyzer().analyze(spec, Quantities.LIVE);
        PascanuConditions c = PascanuConditions.of(Activation.SIGMOID, r.spectra().get("W_h").largestSingularValue());
        assertEquals(3.6, c.sigmaMax(), 1e-12);
        assertEquals(PascanuConditions.Verdict.VANISHING_GUARANTEED, c.verdict());
        double[] g = r.series().gradNorm;
        for (int t = 0; t <= steps; t++) {
            assertTrue(g[t] <= g[steps] + (steps - t) * Math.log10(c.stepBound()) + 1e-12, "t = " + t);
        }
    }

    private static DMatrixRMaj product(DMatrixRMaj u, double[] s, DMatrixRMaj v) {
        DMatrixRMaj us = u.copy();
        for (int i = 0; i < us.numRows; i++) {
            for (int j = 0; j < us.numCols; j++) {
                us.set(i, j, us.get(i, j) * s[j]);
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(u.numRows, v.numRows);
        CommonOps_DDRM.multTransB(us, v, out);
        return out;
    }
}
