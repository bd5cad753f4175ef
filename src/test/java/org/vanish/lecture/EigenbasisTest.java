package org.vanish.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Activation;
import org.vanish.engine.CellType;
import org.vanish.engine.Inputs;
import org.vanish.engine.RunResult;

/** The linear case's eigen-components against the engine's gradient and a matrix with known eigenvalues. */
class EigenbasisTest {
    /** Relative agreement of vectors and norms computed two ways. */
    private static final double REL_TOL = 1e-9;

    @Test
    void componentsOfALinearRnnSumToTheEngineGradientAtEveryLag() {
        int n = 10;
        int steps = 40;
        DMatrixRMaj w = LectureFixtures.gaussianMatrix(n, 1.05 / Math.sqrt(n), 3);
        double[] v = Inputs.readout(n, 4);
        RunResult r = LectureFixtures.explicit(CellType.RNN, Activation.LINEAR, n, steps,
                LectureFixtures.rnnParams(w), v);
        Eigenbasis basis = Eigenbasis.of(w, v);
        assertTrue(basis.components().stream().anyMatch(Eigenbasis.Component::pair), "the test needs a complex pair");
        assertTrue(basis.spectralRadius() > 1 && basis.components().get(basis.components().size() - 1).modulus() < 1,
                "the test needs eigenvalues inside and outside the unit circle");
        DMatrixRMaj g = new DMatrixRMaj(n, 1, true, v);
        DMatrixRMaj next = new DMatrixRMaj(n, 1);
        for (int ell = 0; ell <= steps; ell++) {
            double[] sum = new double[n];
            for (int i = 0; i < basis.components().size(); i++) {
                double[] c = basis.vector(i, ell);
                assertEquals(Math.log10(norm(c)), basis.log10Size(i, ell), 1e-12, "component " + i + " at " + ell);
                for (int k = 0; k < n; k++) {
                    sum[k] += c[k];
                }
            }
            double gNorm = NormOps_DDRM.normF(g);
            for (int k = 0; k < n; k++) {
                assertEquals(g.get(k), sum[k], REL_TOL * gNorm, "(W^T)^" + ell + " v, entry " + k);
            }
            assertEquals(r.series().gradNorm[steps - ell], Math.log10(norm(sum)), REL_TOL / Math.log(10),
                    "log10 ||dJ/dh_{T-" + ell + "}|| from the components against the engine");
            CommonOps_DDRM.multTransA(w, g, next);
            g.setTo(next);
        }
    }

    @Test
    void aMatrixWithKnownEigenvaluesGivesTheClosedForm() {
        // W^T = P D P^{-1}: real eigenvalues 1.2, -0.5, 0.3 and the pair 0.9 e^{±0.4i}
        double r = 0.9;
        double th = 0.4;
        DMatrixRMaj d = new DMatrixRMaj(new double[][] {
            {1.2, 0, 0, 0, 0},
            {0, r * Math.cos(th), r * Math.sin(th), 0, 0},
            {0, -r * Math.sin(th), r * Math.cos(th), 0, 0},
            {0, 0, 0, -0.5, 0},
            {0, 0, 0, 0, 0.3}});
        DMatrixRMaj p = LectureFixtures.gaussianMatrix(5, 1.0, 17);
        DMatrixRMaj pInv = p.copy();
        CommonOps_DDRM.invert(pInv);
        DMatrixRMaj wT = new DMatrixRMaj(5, 5);
        CommonOps_DDRM.mult(p, multiply(d, pInv), wT);
        DMatrixRMaj w = CommonOps_DDRM.transpose(wT, null);
        double[] v = {0.3, -1.0, 0.5, 0.8, 0.1};
        Eigenbasis basis = Eigenbasis.of(w, v);

        assertEquals(1.2, basis.spectralRadius(), 1e-12);
        List<Eigenbasis.Component> comps = basis.components();
        assertEquals(4, comps.size(), "three real eigenvalues and one pair");
        double[] moduli = {1.2, 0.9, 0.5, 0.3};
        for (int i = 0; i < 4; i++) {
            assertEquals(moduli[i], comps.get(i).modulus(), 1e-12);
            assertEquals(i == 1, comps.get(i).pair());
        }
        assertEquals(th, Math.abs(comps.get(1).angle()), 1e-12);
        assertEquals(Math.PI, comps.get(2).angle(), 1e-12, "-0.5 is a negative real eigenvalue");

        // component = P · (D restricted to its block)^ℓ · P^{-1} v, by repeated multiplication
        double[] c = multiply(pInv, new DMatrixRMaj(5, 1, true, v)).data;
        int[][] blocks = {{0}, {1, 2}, {3}, {4}};
        for (int ell : new int[] {0, 1, 7, 30}) {
            DMatrixRMaj dPow = CommonOps_DDRM.identity(5);
            for (int k = 0; k < ell; k++) {
                dPow = multiply(dPow, d);
            }
            for (int i = 0; i < 4; i++) {
                DMatrixRMaj coef = new DMatrixRMaj(5, 1);
                for (int row : blocks[i]) {
                    double s = 0;
                    for (int col : blocks[i]) {
                        s += dPow.get(row, col) * c[col];
                    }
                    coef.set(row, 0, s);
                }
                double[] expected = multiply(p, coef).data;
                double[] actual = basis.vector(i, ell);
                double scale = norm(expected);
                for (int k = 0; k < 5; k++) {
                    assertEquals(expected[k], actual[k], REL_TOL * scale, "component " + i + " at ℓ = " + ell);
                }
            }
        }
        // far out, a real component is |c_i| |λ_i|^ℓ ||p_i||: exact in log10 where λ^ℓ underflows
        double col0 = NormOps_DDRM.normF(CommonOps_DDRM.extractColumn(p, 0, null));
        double col4 = NormOps_DDRM.normF(CommonOps_DDRM.extractColumn(p, 4, null));
        assertEquals(Math.log10(Math.abs(c[0]) * col0) + 5000 * Math.log10(1.2), basis.log10Size(0, 5000), 1e-8);
        assertEquals(Math.log10(Math.abs(c[4]) * col4) + 5000 * Math.log10(0.3), basis.log10Size(3, 5000), 1e-8);
    }

    @Test
    void aJordanBlockHasNoEigenbasisAndIsRefused() {
        DMatrixRMaj jordan = new DMatrixRMaj(new double[][] {{0.9, 1, 0}, {0, 0.9, 1}, {0, 0, 0.9}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Eigenbasis.of(jordan, new double[] {1, 1, 1}));
        assertTrue(e.getMessage().contains("W_h"), e.getMessage());
    }

    private static DMatrixRMaj multiply(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double e : x) {
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
