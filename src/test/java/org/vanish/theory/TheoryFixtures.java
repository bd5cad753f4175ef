package org.vanish.theory;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/** Matrices the theory tests build their exact cases from. */
final class TheoryFixtures {
    private TheoryFixtures() {
    }

    /** A random n × n orthogonal matrix: the Q of a Gaussian matrix's QR decomposition. */
    static DMatrixRMaj orthogonal(int n, Random rnd) {
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = rnd.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        qr.decompose(a);
        return qr.getQ(null, false);
    }
}
