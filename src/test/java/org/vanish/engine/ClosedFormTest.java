package org.vanish.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

/** Known answers: linear RNNs, orthogonal weights, the LSTM's forget-gate path, and log space at T = 10^5. */
class ClosedFormTest {
    /** log10 values computed two ways agree to this (absolute). */
    private static final double LOG_TOL = 1e-10;

    private static Map<String, DMatrixRMaj> rnnParams(DMatrixRMaj w, int m) {
        int n = w.numRows;
        Map<String, DMatrixRMaj> p = new LinkedHashMap<>();
        p.put("W_h", w);
        p.put("W_x", new DMatrixRMaj(n, m));
        p.put("b", new DMatrixRMaj(n, 1));
        return p;
    }

    private static DMatrixRMaj gaussian(int n, double sd, long seed) {
        Random rnd = new Random(seed);
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        for (int i = 0; i < n * n; i++) {
            w.data[i] = sd * rnd.nextGaussian();
        }
        return w;
    }

    @Test
    void linearRnnProductNormIsTheNormOfTheMatrixPower() {
        int n = 12;
        int steps = 30;
        DMatrixRMaj w = gaussian(n, 1.1 / Math.sqrt(n), 9);
        RunSpec spec = Fixtures.explicit(CellType.RNN, Activation.LINEAR, n, 2, steps, rnnParams(w, 2),
                Inputs.readout(n, 1));
        RunResult r = new Analyzer().analyze(spec, Quantities.FULL);
        DMatrixRMaj power = CommonOps_DDRM.identity(n);
        DMatrixRMaj tmp = new DMatrixRMaj(n, n);
        for (int ell = 0; ell <= steps; ell++) {
            double expected = Math.log10(NormOps_DDRM.normP2(power));
            assertEquals(expected, r.products().norm[steps - ell], LOG_TOL, "log10 ||W^" + ell + "||");
            CommonOps_DDRM.mult(power, w, tmp);
            power.setTo(tmp);
        }
    }

    @Test
    void orthogonalLinearRnnPreservesNormsExactly() {
        int n = 16;
        int steps = 500;
        DMatrixRMaj q = Initializer.orthogonal(n, 1.0, new Random(4));
        RunSpec spec = Fixtures.explicit(CellType.RNN, Activation.LINEAR, n, 3, steps, rnnParams(q, 3),
                Inputs.readout(n, 2));
        RunResult r = new Analyzer().analyze(spec, Quantities.FULL);
        for (int t = 0; t <= steps; t++) {
            assertEquals(0.0, r.series().gradNorm[t], 1e-12, "log10 ||dL/dh_" + t + "||");
            assertEquals(0.0, r.products().norm[t], 1e-12, "log10 ||dh_T/dh_" + t + "||");
        }
        for (double s : r.products().productSingularValues) {
            assertEquals(0.0, s, 1e-12);
        }
    }

    @Test
    void lstmWithZeroWeightsDecaysAlongTheCellPathAsSigmaOfTheForgetBias() {
        int n = 6;
        int steps = 40;
        double bf = 1.3;
        Map<String, DMatrixRMaj> p = new LinkedHashMap<>();
        for (String name : CellType.LSTM.parameterNames()) {
            DMatrixRMaj z = name.startsWith("b") ? new DMatrixRMaj(n, 1) : new DMatrixRMaj(n, name.startsWith("W") ? n : 4);
            if (name.equals("b_f")) {
                z.fill(bf);
            }
            if (name.equals("b_c") || name.equals("b_i")) {
                z.fill(0.5);
            }
            p.put(name, z);
        }
        RunSpec spec = Fixtures.explicit(CellType.LSTM, Activation.TANH, n, 4, steps, p, Inputs.readout(n, 3));
        RunResult r = new Analyzer().analyze(spec, Quantities.FULL);
        double slope = Math.log10(Activation.sigmoid(bf));
        for (int t = 0; t < steps; t++) {
            // dL/dc_t = σ(b_f)^(T-1-t) dL/dc_{T-1} once the h path is cut (W = 0)
            assertEquals(r.series().gradNormC[steps - 1] + (steps - 1 - t) * slope, r.series().gradNormC[t], LOG_TOL);
            // and dh_T/dh_t = 0 for t < T: all of the gradient is on the cell path
            if (t < steps - 1) {
                assertEquals(Double.NEGATIVE_INFINITY, r.series().gradNormH[t]);
            }
        }
        // every J_t = [[0, diag(ε_t f)], [0, diag(f)]], so ∂s_T/∂s_t = [[0, ε_T f^ℓ], [0, f^ℓ]] per unit:
        // its norm is f^ℓ √(1 + ε_T²) with ε_T = o·tanh'(c_T), c_t = f c_{t-1} + i tanh(b_c)
        double f = Activation.sigmoid(bf);
        double c = 0;
        for (int t = 1; t <= steps; t++) {
            c = f * c + Activation.sigmoid(0.5) * Math.tanh(0.5);
        }
        double eps = 0.5 * (1 - Math.tanh(c) * Math.tanh(c));
        for (int t = 0; t < steps; t++) {
            assertEquals((steps - t) * slope + 0.5 * Math.log10(1 + eps * eps), r.products().norm[t], LOG_TOL);
        }
    }

    @Test
    void logSpaceGivesExactNumbersForAHundredThousandSteps() {
        int n = 4;
        int steps = 100_000;
        for (double g : new double[] {0.5, 1.5}) {
            DMatrixRMaj w = CommonOps_DDRM.identity(n);
            CommonOps_DDRM.scale(g, w);
            RunSpec spec = Fixtures.explicit(CellType.RNN, Activation.LINEAR, n, 1, steps, rnnParams(w, 1),
                    Inputs.readout(n, 5));
            RunResult r = new Analyzer().analyze(spec, Quantities.FULL);
            double expected = steps * Math.log10(g);
            assertEquals(expected, r.series().gradNorm[0], 1e-9 * Math.abs(expected), "g = " + g);
            assertEquals(expected, r.products().norm[0], 1e-9 * Math.abs(expected), "g = " + g);
            for (double x : r.series().gradNorm) {
                assertTrue(Double.isFinite(x));
            }
        }
    }

    @Test
    void saturatedTanhKeepsItsTinyDerivativeInsteadOfRoundingToZero() {
        // one unit, W_h = 1, b = 25, zero input: a_1 = 25, then a_t = 1 + 25 (tanh(25) = 1 - 4e-22)
        int steps = 10;
        Map<String, DMatrixRMaj> p = rnnParams(new DMatrixRMaj(new double[][] {{1.0}}), 1);
        p.put("b", new DMatrixRMaj(new double[][] {{25.0}}));
        RunSpec spec = Fixtures.explicit(CellType.RNN, Activation.TANH, 1, 1, steps, p, new double[] {1.0});
        RunResult r = new Analyzer().analyze(spec, Quantities.FULL);
        // tanh'(x) = 4e^{-2x}/(1+e^{-2x})²: 1 - tanh² computed from tanh(x) would be exactly 0 here
        double expected = Math.log10(4 * Math.exp(-50)) + (steps - 1) * Math.log10(4 * Math.exp(-52));
        assertEquals(expected, r.series().gradNorm[0], 1e-9 * Math.abs(expected));
        assertEquals(expected, r.products().norm[0], 1e-9 * Math.abs(expected));
    }

    @Test
    void saturatedGruUpdateGateRetainsSigmaOfMinusTheBias() {
        // all W and U zero, b_u = 40: the state keeps 1 - u = σ(-40) = 4.2e-18 of itself per step
        int n = 3;
        int steps = 12;
        Map<String, DMatrixRMaj> p = new LinkedHashMap<>();
        for (String name : CellType.GRU.parameterNames()) {
            DMatrixRMaj z = name.startsWith("b") ? new DMatrixRMaj(n, 1) : new DMatrixRMaj(n, name.startsWith("W") ? n : 2);
            if (name.equals("b_u")) {
                z.fill(40.0);
            }
            p.put(name, z);
        }
        RunSpec spec = Fixtures.explicit(CellType.GRU, Activation.TANH, n, 2, steps, p, Inputs.readout(n, 4));
        RunResult r = new Analyzer().analyze(spec, Quantities.FULL);
        double slope = Math.log10(Activation.sigmoid(-40.0));
        for (int t = 0; t < steps; t++) {
            assertEquals((steps - t) * slope, r.series().gradNorm[t], 1e-12 * steps * Math.abs(slope));
        }
    }

    @Test
    void gateValuesAreTheSigmoidOfTheirBiasWhenWeightsAreZero() {
        int n = 2;
        Map<String, DMatrixRMaj> p = new LinkedHashMap<>();
        for (String name : CellType.LSTM.parameterNames()) {
            DMatrixRMaj z = name.startsWith("b") ? new DMatrixRMaj(n, 1) : new DMatrixRMaj(n, name.startsWith("W") ? n : 1);
            z.fill(name.equals("b_f") ? 2.0 : name.equals("b_o") ? -1.0 : 0.0);
            p.put(name, z);
        }
        RunSpec spec = Fixtures.explicit(CellType.LSTM, Activation.TANH, n, 1, 3, p, Inputs.readout(n, 1));
        Trajectory tr = new Analyzer().analyze(spec, Quantities.LIVE).trajectory();
        assertEquals(Activation.sigmoid(2.0), tr.gate(2, 0, 1), 1e-15);
        assertEquals(0.5, tr.gate(2, 1, 0), 1e-15);
        assertEquals(Activation.sigmoid(-1.0), tr.gate(3, 2, 1), 1e-15);
    }

    @Test
    void deadReluGivesExactZerosNotNumbers() {
        Map<String, Double> biases = Map.of("b", -100.0);
        RunSpec spec = Fixtures.spec(CellType.RNN, Activation.RELU, 5, 3, 10, 8, 1.0, biases);
        RunResult r = new Analyzer().analyze(spec, Quantities.FULL);
        assertTrue(Double.isFinite(r.series().gradNorm[10]));
        for (int t = 0; t < 10; t++) {
            assertEquals(Double.NEGATIVE_INFINITY, r.series().gradNorm[t]);
            assertEquals(Double.NEGATIVE_INFINITY, r.products().norm[t]);
        }
    }

    @Test
    void circularLawForGaussianInitAtN400() {
        double gain = 1.3;
        RunSpec spec = Fixtures.spec(CellType.RNN, Activation.TANH, 400, 2, 1, 21);
        spec = new RunSpec(spec.label(), spec.cell(), spec.activation(), 400, 2, 1, 21, InitScheme.GAUSSIAN, gain,
                1.0, Map.of(), false, 1, Map.of(), spec.inputs(), spec.initialState(), spec.readout());
        RunResult r = new Analyzer().analyze(spec, Quantities.LIVE);
        double[][] ev = r.spectra().get("W_h").eigenvalues;
        int inside = 0;
        for (double[] e : ev) {
            if (Math.hypot(e[0], e[1]) <= 0.5 * gain) {
                inside++;
            }
        }
        // uniform on the disk of radius g: a quarter of the eigenvalues lie within g/2
        assertEquals(0.25, inside / 400.0, 0.05);
        assertEquals(gain, r.spectra().get("W_h").spectralRadius(), 0.1 * gain);
        // and the largest singular value approaches 2g (quarter-circle law)
        assertEquals(2 * gain, r.spectra().get("W_h").largestSingularValue(), 0.15 * gain);
    }

    @Test
    void scalingTheWeightsScalesTheCachedSpectrum() {
        DMatrixRMaj w = gaussian(20, 0.3, 6);
        Spectra spectra = new Spectra();
        Spectra.Spectrum cached = spectra.of(w, 1.7);
        DMatrixRMaj scaled = w.copy();
        CommonOps_DDRM.scale(1.7, scaled);
        Spectra.Spectrum direct = Spectra.decompose(scaled);
        for (int i = 0; i < 20; i++) {
            assertEquals(direct.singularValues[i], cached.singularValues[i], 1e-12);
            assertEquals(Math.hypot(direct.eigenvalues[i][0], direct.eigenvalues[i][1]),
                    Math.hypot(cached.eigenvalues[i][0], cached.eigenvalues[i][1]), 1e-12);
        }
    }

    @Test
    void productSingularValuesMatchAnExplicitProduct() {
        RunSpec spec = Fixtures.spec(CellType.GRU, Activation.TANH, 6, 3, 9, 13);
        Analyzer an = new Analyzer();
        RunResult r = an.analyze(spec, Quantities.FULL);
        Cell cell = Fixtures.cell(spec);
        Trajectory tr = cell.forward(cell.drive(spec.inputs(), 9), 9, spec.initialState());
        DMatrixRMaj p = CommonOps_DDRM.identity(6);
        DMatrixRMaj j = new DMatrixRMaj(6, 6);
        DMatrixRMaj tmp = new DMatrixRMaj(6, 6);
        for (int t = 9; t >= 1; t--) {
            cell.jacobian(tr, t, j.data);
            CommonOps_DDRM.mult(p, j, tmp);
            p.setTo(tmp);
            assertEquals(Math.log10(NormOps_DDRM.normP2(p)), r.products().norm[t - 1], LOG_TOL);
        }
        double[] sv = org.ejml.dense.row.SingularOps_DDRM.singularValues(p);
        java.util.Arrays.sort(sv);
        for (int i = 0; i < 6; i++) {
            assertEquals(Math.log10(sv[5 - i]), r.products().productSingularValues[i], 1e-9);
        }
    }

    @Test
    void orthogonalInitIsOrthogonalTimesGain() {
        DMatrixRMaj q = Initializer.orthogonal(30, 0.8, new Random(12));
        DMatrixRMaj qtq = new DMatrixRMaj(30, 30);
        CommonOps_DDRM.multTransA(q, q, qtq);
        for (int i = 0; i < 30; i++) {
            for (int k = 0; k < 30; k++) {
                assertEquals(i == k ? 0.64 : 0.0, qtq.get(i, k), 1e-12);
            }
        }
    }

    @Test
    void sameSpecGivesBitIdenticalNumbers() {
        RunSpec spec = Fixtures.spec(CellType.LSTM, Activation.TANH, 8, 3, 20, 99);
        RunResult a = new Analyzer().analyze(spec, Quantities.FULL);
        RunResult b = new Analyzer().analyze(spec, Quantities.FULL);
        assertTrue(java.util.Arrays.equals(a.series().gradNorm, b.series().gradNorm));
        assertTrue(java.util.Arrays.equals(a.products().norm, b.products().norm));
        assertTrue(java.util.Arrays.equals(a.products().productSingularValues, b.products().productSingularValues));
    }
}
