package org.vanish.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every step Jacobian, input Jacobian and gradient against central finite differences. */
class FiniteDifferenceTest {
    private static final double H = 1e-6;
    /** Relative tolerance of a central difference with step 1e-6 on O(1) quantities. */
    private static final double REL_TOL = 1e-6;
    private static final double ABS_TOL = 1e-8;

    static Stream<Object[]> cells() {
        List<Object[]> out = new ArrayList<>();
        for (CellType c : List.of(CellType.RNN, CellType.ADDITIVE)) {
            for (Activation a : Activation.values()) {
                out.add(new Object[] {c, a, GruVariant.CHO});
            }
        }
        out.add(new Object[] {CellType.LSTM, Activation.TANH, GruVariant.CHO});
        out.add(new Object[] {CellType.GRU, Activation.TANH, GruVariant.CHO});
        out.add(new Object[] {CellType.GRU, Activation.TANH, GruVariant.PYTORCH});
        return out.stream();
    }

    private static RunSpec spec(CellType c, Activation a, GruVariant v) {
        // scale 0.9 and biases so that gates are away from saturation and relu kinks are unlikely to be hit
        RunSpec spec = Fixtures.spec(c, a, 5, 3, 7, 42 + c.ordinal() * 10 + a.ordinal(), 0.9,
                Map.of("b_f", 0.7, "b_i", -0.3, "b_o", 0.2, "b_u", -0.4, "b_r", 0.5, "b", 0.1, "b_hn", 0.3));
        return spec.withArchitecture(1, false, v, spec.readout());
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cells")
    void stepJacobianMatchesCentralDifferences(CellType c, Activation a, GruVariant v) {
        RunSpec spec = spec(c, a, v);
        Cell cell = Fixtures.cell(spec);
        double[] drive = cell.drive(spec.inputs(), spec.steps());
        Trajectory tr = cell.forward(drive, spec.steps(), spec.initialState());
        int d = cell.stateSize();
        double[] jac = new double[d * d];
        for (int t = 1; t <= spec.steps(); t++) {
            cell.jacobian(tr, t, jac);
            double[] oneDrive = new double[cell.driveSize()];
            System.arraycopy(drive, (t - 1) * cell.driveSize(), oneDrive, 0, oneDrive.length);
            for (int j = 0; j < d; j++) {
                double[] plus = tr.state(t - 1);
                double[] minus = tr.state(t - 1);
                plus[j] += H;
                minus[j] -= H;
                double[] sp = cell.forward(oneDrive, 1, plus).state(1);
                double[] sm = cell.forward(oneDrive, 1, minus).state(1);
                for (int i = 0; i < d; i++) {
                    double fd = (sp[i] - sm[i]) / (2 * H);
                    assertClose(fd, jac[i * d + j], "J_" + t + "[" + i + "," + j + "]");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cells")
    void vectorJacobianProductIsTransposeOfJacobian(CellType c, Activation a, GruVariant v) {
        RunSpec spec = spec(c, a, v);
        Cell cell = Fixtures.cell(spec);
        Trajectory tr = cell.forward(cell.drive(spec.inputs(), spec.steps()), spec.steps(), spec.initialState());
        int d = cell.stateSize();
        double[] jac = new double[d * d];
        double[] g = new double[d];
        double[] gPrev = new double[d];
        double[] delta = new double[cell.driveSize()];
        java.util.Random rnd = new java.util.Random(3);
        for (int t = 1; t <= spec.steps(); t++) {
            for (int i = 0; i < d; i++) {
                g[i] = rnd.nextGaussian();
            }
            cell.jacobian(tr, t, jac);
            cell.vjp(tr, t, g, gPrev, delta);
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += jac[i * d + j] * g[i];
                }
                assertEquals(s, gPrev[j], 1e-12 * (1 + Math.abs(s)), "(J_t^T g)_" + j);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cells")
    void structuredProductEqualsDenseProduct(CellType c, Activation a, GruVariant v) {
        RunSpec spec = spec(c, a, v);
        Cell cell = Fixtures.cell(spec);
        Trajectory tr = cell.forward(cell.drive(spec.inputs(), spec.steps()), spec.steps(), spec.initialState());
        int d = cell.stateSize();
        java.util.Random rnd = new java.util.Random(5);
        double[][] p = new double[d][d];
        for (double[] row : p) {
            for (int i = 0; i < d; i++) {
                row[i] = rnd.nextGaussian();
            }
        }
        double[][] jac = new double[d][d];
        double[][] dense = new double[d][d];
        double[][] fast = new double[d][d];
        double[][] work = new double[d][d];
        cell.jacobianRows(tr, 3, jac);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int q = 0; q < d; q++) {
                    dense[i][j] += p[i][q] * jac[q][j];
                }
            }
        }
        cell.rightMultiplyJacobian(tr, 3, p, d, fast, work);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(dense[i][j], fast[i][j], 1e-12 * (1 + Math.abs(dense[i][j])));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cells")
    void gradientNormsMatchFiniteDifferencesOfTheLoss(CellType c, Activation a, GruVariant v) {
        RunSpec spec = spec(c, a, v);
        Cell cell = Fixtures.cell(spec);
        Trajectory tr = cell.forward(cell.drive(spec.inputs(), spec.steps()), spec.steps(), spec.initialState());
        GradientFlow.Series series = GradientFlow.backpropagate(cell, tr, spec.readout(), false);
        int d = cell.stateSize();
        int n = spec.hiddenSize();
        for (int t = 0; t < spec.steps(); t++) {
            double[] grad = new double[d];
            for (int j = 0; j < d; j++) {
                double[] plus = tr.state(t);
                double[] minus = tr.state(t);
                plus[j] += H;
                minus[j] -= H;
                grad[j] = (Fixtures.loss(cell, spec, spec.inputs(), t, plus)
                        - Fixtures.loss(cell, spec, spec.inputs(), t, minus)) / (2 * H);
            }
            assertClose(norm(grad, 0, d), Math.pow(10, series.gradNorm[t]), "||dL/ds_" + t + "||");
            if (c.hasCellState()) {
                assertClose(norm(grad, 0, n), Math.pow(10, series.gradNormH[t]), "||dL/dh_" + t + "||");
                assertClose(norm(grad, n, n), Math.pow(10, series.gradNormC[t]), "||dL/dc_" + t + "||");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cells")
    void inputGradientNormsMatchFiniteDifferences(CellType c, Activation a, GruVariant v) {
        RunSpec spec = spec(c, a, v);
        Cell cell = Fixtures.cell(spec);
        Trajectory tr = cell.forward(cell.drive(spec.inputs(), spec.steps()), spec.steps(), spec.initialState());
        GradientFlow.Series series = GradientFlow.backpropagate(cell, tr, spec.readout(), false);
        int m = spec.inputSize();
        for (int t = 1; t <= spec.steps(); t++) {
            double[] grad = new double[m];
            for (int k = 0; k < m; k++) {
                double[] xp = spec.inputs().clone();
                double[] xm = spec.inputs().clone();
                xp[(t - 1) * m + k] += H;
                xm[(t - 1) * m + k] -= H;
                grad[k] = (Fixtures.loss(cell, spec, xp, 0, spec.initialState())
                        - Fixtures.loss(cell, spec, xm, 0, spec.initialState())) / (2 * H);
            }
            assertClose(norm(grad, 0, m), Math.pow(10, series.inputGradNorm[t - 1]), "||dL/dx_" + t + "||");
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cells")
    void inputJacobianMatchesFiniteDifferences(CellType c, Activation a, GruVariant v) {
        RunSpec spec = spec(c, a, v);
        Cell cell = Fixtures.cell(spec);
        double[] drive = cell.drive(spec.inputs(), spec.steps());
        Trajectory tr = cell.forward(drive, spec.steps(), spec.initialState());
        int d = cell.stateSize();
        int m = spec.inputSize();
        double[] jx = new double[d * m];
        int t = 4;
        cell.inputJacobian(tr, t, jx);
        for (int k = 0; k < m; k++) {
            double[] xp = new double[m];
            double[] xm = new double[m];
            System.arraycopy(spec.inputs(), (t - 1) * m, xp, 0, m);
            System.arraycopy(spec.inputs(), (t - 1) * m, xm, 0, m);
            xp[k] += H;
            xm[k] -= H;
            double[] sp = cell.forward(cell.drive(xp, 1), 1, tr.state(t - 1)).state(1);
            double[] sm = cell.forward(cell.drive(xm, 1), 1, tr.state(t - 1)).state(1);
            for (int i = 0; i < d; i++) {
                assertClose((sp[i] - sm[i]) / (2 * H), jx[i * m + k], "dx[" + i + "," + k + "]");
            }
        }
    }

    private static double norm(double[] v, int off, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += v[off + i] * v[off + i];
        }
        return Math.sqrt(s);
    }

    private static void assertClose(double expected, double actual, String what) {
        double err = Math.abs(expected - actual);
        assertTrue(err <= ABS_TOL + REL_TOL * Math.abs(expected),
                what + ": finite difference " + expected + " vs engine " + actual);
    }
}
