package org.vanish.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The compressed accumulation of ∂s_T/∂s_t (only rows above double precision's resolution travel on) against
 * a plain dense accumulation with EJML, over runs long enough for several compressions.
 */
class RankCompressionTest {
    /** log10 norms agree to this (absolute). */
    private static final double LOG_TOL = 1e-9;
    /** Product singular values within 10^-10 of the largest agree to this in log10. */
    private static final double SV_TOL = 1e-6;

    @ParameterizedTest
    @EnumSource(CellType.class)
    void compressedProductsKeepEveryNormAndTheResolvableSingularValues(CellType type) {
        int steps = 400;
        RunSpec spec = Fixtures.spec(type, Activation.TANH, 12, 3, steps, 31 + type.ordinal(), 1.0,
                Map.of("b_f", 1.0));
        RunResult r = new Analyzer().analyze(spec, Quantities.FULL);
        Cell cell = Fixtures.cell(spec);
        Trajectory tr = cell.forward(cell.drive(spec.inputs(), steps), steps, spec.initialState());
        int d = cell.stateSize();
        DMatrixRMaj p = CommonOps_DDRM.identity(d);
        DMatrixRMaj j = new DMatrixRMaj(d, d);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        double logScale = 0;
        for (int t = steps; t >= 1; t--) {
            cell.jacobian(tr, t, j.data);
            CommonOps_DDRM.mult(p, j, tmp);
            double max = CommonOps_DDRM.elementMaxAbs(tmp);
            CommonOps_DDRM.scale(1.0 / max, tmp, p);
            logScale += Math.log10(max);
            assertEquals(logScale + Math.log10(NormOps_DDRM.normP2(p)), r.products().norm[t - 1], LOG_TOL,
                    type + " t = " + (t - 1));
        }
        double[] sv = SingularOps_DDRM.singularValues(p);
        Arrays.sort(sv);
        double[] reported = r.products().productSingularValues;
        assertTrue(reported.length >= 1 && reported.length <= d);
        for (int i = 0; i < d && sv[d - 1 - i] > 1e-10 * sv[d - 1]; i++) {
            assertEquals(logScale + Math.log10(sv[d - 1 - i]), reported[i], SV_TOL, type + " σ_" + i);
        }
    }
}
