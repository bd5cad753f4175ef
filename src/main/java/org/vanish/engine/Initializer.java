package org.vanish.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Draws the unscaled parameters of a run. Recurrent matrices follow the init scheme and gain;
 * input matrices are N(0, 1/m) (U(-1/√n, 1/√n) under the PyTorch scheme); biases are constants per
 * vector, or chrono-initialised (Tallec &amp; Ollivier 2018) for the gates that hold memory.
 * Explicit matrices replace drawn ones. The W scale is applied later, so a scale change never redraws.
 */
public final class Initializer {
    private Initializer() {
    }

    /**
     * Draws every parameter of spec's cell (layer 0 forward of a stacked run), unscaled, in
     * {@link CellType#parameterNames(GruVariant)} order.
     */
    public static Map<String, DMatrixRMaj> draw(RunSpec spec) {
        CellType type = spec.cell();
        int n = spec.hiddenSize();
        int m = spec.inputSize();
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        for (int g = 0; g < type.gateCount(); g++) {
            String w = type.recurrentNames().get(g);
            String u = type.inputNames().get(g);
            String b = type.biasNames().get(g);
            out.put(w, given(spec, w).orElseGet(() -> recurrent(spec, w)));
            out.put(u, given(spec, u).orElseGet(() -> input(spec, u)));
            out.put(b, given(spec, b).orElseGet(() -> bias(spec, b, n)));
        }
        if (type == CellType.GRU && spec.gruVariant() == GruVariant.PYTORCH) {
            String b = GruVariant.RECURRENT_CANDIDATE_BIAS;
            out.put(b, given(spec, b).orElseGet(() -> bias(spec, b, n)));
        }
        return out;
    }

    /**
     * Draws the unscaled parameters of one layer and direction of a stacked run. Layer 0 forward is {@link #draw}
     * of the run itself, so a one-layer run is drawn as it always was. Every other layer and direction is drawn in
     * the same way from a seed of its own, derived from the run's seed and its place ("stacked forward layer 2",
     * "stacked backward layer 1": the places the lecture's stacked demonstration draws its layers from), reading
     * m inputs in layer 0 and n (2n when bidirectional) above; explicit parameters of its place replace drawn ones.
     * @param layer 0..layers-1
     */
    public static Map<String, DMatrixRMaj> drawLayer(RunSpec spec, int layer, boolean backward) {
        if (layer == 0 && !backward) {
            return draw(spec);
        }
        return draw(layerSpec(spec, layer, backward));
    }

    /** The one-layer spec that layer `layer` in one direction of spec is drawn from (see {@link #drawLayer}). */
    static RunSpec layerSpec(RunSpec spec, int layer, boolean backward) {
        String place = (backward ? "backward" : "forward") + " layer " + (layer + 1);
        long seed = Seeds.forPurpose(spec.seed(), "stacked " + place).nextLong();
        int m = layer == 0 ? spec.inputSize() : spec.hiddenSize() * spec.directions();
        int index = layer * spec.directions() + (backward ? 1 : 0);
        Map<String, DMatrixRMaj> explicit = spec.stackParameters().isEmpty() ? Map.of()
                : spec.stackParameters().get(index);
        return new RunSpec(spec.label() + " " + place, spec.cell(), spec.activation(), spec.hiddenSize(), m,
                spec.steps(), seed, spec.init(), spec.gain(), spec.scale(), spec.biases(), spec.chrono(),
                spec.chronoMaxSteps(), explicit, spec.inputs(), spec.initialState(), spec.readout(), 1, false,
                spec.gruVariant(), java.util.List.of());
    }

    private static java.util.Optional<DMatrixRMaj> given(RunSpec spec, String name) {
        return java.util.Optional.ofNullable(spec.explicitParameters().get(name)).map(DMatrixRMaj::copy);
    }

    private static DMatrixRMaj recurrent(RunSpec spec, String name) {
        int n = spec.hiddenSize();
        double g = spec.gain();
        Random rnd = Seeds.forPurpose(spec.seed(), name);
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        switch (spec.init()) {
            case GAUSSIAN:
                double sd = g / Math.sqrt(n);
                for (int i = 0; i < n * n; i++) {
                    w.data[i] = sd * rnd.nextGaussian();
                }
                return w;
            case ORTHOGONAL:
                return orthogonal(n, g, rnd);
            case IDENTITY:
                for (int i = 0; i < n; i++) {
                    w.data[i * n + i] = g;
                }
                return w;
            default:
                double k = 1.0 / Math.sqrt(n);
                for (int i = 0; i < n * n; i++) {
                    w.data[i] = g * (2.0 * rnd.nextDouble() - 1.0) * k;
                }
                return w;
        }
    }

    /** g·Q·diag(sign(diag R)) for the QR of a gaussian matrix: Haar-distributed. */
    static DMatrixRMaj orthogonal(int n, double g, Random rnd) {
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n * n; i++) {
            a.data[i] = rnd.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        if (!qr.decompose(a)) {
            throw new IllegalStateException("QR of the gaussian draw failed");
        }
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj r = qr.getR(null, false);
        for (int j = 0; j < n; j++) {
            double s = r.get(j, j) < 0 ? -g : g;
            for (int i = 0; i < n; i++) {
                q.set(i, j, s * q.get(i, j));
            }
        }
        return q;
    }

    /**
     * Draws the input matrix called name (U_f, W_x, ...) of spec's cell, unscaled and ignoring explicit
     * parameters: hiddenSize × inputSize, from (seed, name). A stacked network draws its skip connections with it.
     */
    public static DMatrixRMaj input(RunSpec spec, String name) {
        int n = spec.hiddenSize();
        int m = spec.inputSize();
        Random rnd = Seeds.forPurpose(spec.seed(), name);
        DMatrixRMaj u = new DMatrixRMaj(n, m);
        if (spec.init() == InitScheme.PYTORCH) {
            double k = 1.0 / Math.sqrt(n);
            for (int i = 0; i < n * m; i++) {
                u.data[i] = (2.0 * rnd.nextDouble() - 1.0) * k;
            }
        } else {
            double sd = 1.0 / Math.sqrt(m);
            for (int i = 0; i < n * m; i++) {
                u.data[i] = sd * rnd.nextGaussian();
            }
        }
        return u;
    }

    private static DMatrixRMaj bias(RunSpec spec, String name, int n) {
        DMatrixRMaj b = new DMatrixRMaj(n, 1);
        if (spec.chrono() && isChronoGate(spec.cell(), name)) {
            // Tallec & Ollivier: b_f ~ log U[1, T_max-1], b_i = -b_f; for our GRU the retention is 1-u, so b_u = -log U[...]
            Random rnd = Seeds.forPurpose(spec.seed(), "chrono");
            double hi = Math.max(1.0, spec.chronoMaxSteps() - 1.0);
            double sign = name.equals("b_f") ? 1.0 : -1.0;
            for (int i = 0; i < n; i++) {
                b.data[i] = sign * StrictMath.log(1.0 + (hi - 1.0) * rnd.nextDouble());
            }
            return b;
        }
        b.fill(spec.biases().getOrDefault(name, 0.0));
        return b;
    }

    /** The biases chrono initialisation sets: b_f and b_i of the LSTM, b_u of the GRU. */
    public static boolean isChronoGate(CellType type, String bias) {
        return (type == CellType.LSTM && (bias.equals("b_f") || bias.equals("b_i")))
                || (type == CellType.GRU && bias.equals("b_u"));
    }

    /** The recurrent matrices of params multiplied by scale; the others shared. */
    public static Map<String, DMatrixRMaj> scaled(CellType type, Map<String, DMatrixRMaj> params, double scale) {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>(params);
        if (scale != 1.0) {
            for (String w : type.recurrentNames()) {
                DMatrixRMaj p = params.get(w);
                DMatrixRMaj s = new DMatrixRMaj(p.numRows, p.numCols);
                // one pass, not a copy and then a product: the same values
                int len = p.getNumElements();
                for (int i = 0; i < len; i++) {
                    s.data[i] = p.data[i] * scale;
                }
                out.put(w, s);
            }
        }
        return out;
    }
}
