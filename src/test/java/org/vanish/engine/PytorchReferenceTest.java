package org.vanish.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stacked and bidirectional nn.RNN / nn.LSTM / nn.GRU against PyTorch autograd in float64: the fixture
 * reference/pytorch_stacked.json is written by reference/pytorch_stacked.py (raw state_dicts, inputs, readout and
 * autograd's per-step gradient norms); the state_dicts are converted here into the engine's names as the
 * project fixes them (PyTorch's gate order i, f, g, o; two biases per gate; the GRU's z = 1 − u).
 */
class PytorchReferenceTest {
    /** Agreement in log10, as the product asks of automatic differentiation. */
    private static final double LOG_TOL = 1e-9;

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = PytorchReferenceTest.class.getResourceAsStream("/reference/pytorch_stacked.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<JsonNode> out = new ArrayList<>();
            root.get("cases").forEach(out::add);
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void everyLayerAndDirectionAgreesWithAutograd(JsonNode c) {
        RunSpec spec = spec(c);
        RunResult r = new Analyzer().analyze(spec, Quantities.GRADIENTS);
        String name = c.get("name").asText();
        JsonNode layers = c.get("layerSeries");
        assertEquals(layers.size(), r.layers().size(), name);
        for (int k = 0; k < layers.size(); k++) {
            JsonNode want = layers.get(k);
            LayerRun got = r.layers().get(k);
            assertEquals(want.get("layer").asInt(), got.layer());
            assertEquals(want.get("direction").asText(), got.direction());
            String at = name + " layer " + got.layer() + " " + got.direction();
            compare(want.get("log10GradNorm"), got.series().gradNorm, at + " ‖∂L/∂s‖");
            if (spec.cell() == CellType.LSTM) {
                compare(want.get("log10GradNormH"), got.series().gradNormH, at + " ‖∂L/∂h‖");
                compare(want.get("log10GradNormC"), got.series().gradNormC, at + " ‖∂L/∂c‖");
            }
        }
        compare(c.get("log10InputGradNorm"), r.series().inputGradNorm, name + " ‖∂L/∂x‖");
    }

    private static void compare(JsonNode want, double[] got, String what) {
        assertEquals(want.size(), got.length, what);
        for (int i = 0; i < got.length; i++) {
            if (want.get(i).isNull()) {
                assertEquals(Double.NEGATIVE_INFINITY, got[i], what + " [" + i + "]");
            } else {
                assertEquals(want.get(i).asDouble(), got[i], LOG_TOL, what + " [" + i + "]");
            }
        }
    }

    static RunSpec spec(JsonNode c) {
        String mode = c.get("mode").asText();
        int layers = c.get("layers").asInt();
        boolean bi = c.get("bidirectional").asBoolean();
        int n = c.get("hiddenSize").asInt();
        int m = c.get("inputSize").asInt();
        int steps = c.get("steps").asInt();
        CellType cell = mode.equals("LSTM") ? CellType.LSTM : mode.equals("GRU") ? CellType.GRU : CellType.RNN;
        Activation act = mode.equals("RNN_RELU") ? Activation.RELU : Activation.TANH;
        List<Map<String, DMatrixRMaj>> stack = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < (bi ? 2 : 1); d++) {
                stack.add(convert(c.get("stateDict"), "_l" + l + (d == 1 ? "_reverse" : ""), cell, n));
            }
        }
        double[] x = new double[steps * m];
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < m; j++) {
                x[t * m + j] = c.get("inputs").get(t).get(j).asDouble();
            }
        }
        double[] v = new double[c.get("readout").size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.get("readout").get(i).asDouble();
        }
        return new RunSpec(c.get("name").asText(), cell, act, n, m, steps, 1L, InitScheme.PYTORCH, 1.0, 1.0, Map.of(),
                false, steps, stack.get(0), x, new double[cell.stateSize(n)], v, layers, bi,
                GruVariant.PYTORCH, stack);
    }

    /** One layer and direction of a PyTorch state_dict in the engine's names. */
    static Map<String, DMatrixRMaj> convert(JsonNode sd, String suffix, CellType cell, int n) {
        DMatrixRMaj wih = matrix(sd.get("weight_ih" + suffix));
        DMatrixRMaj whh = matrix(sd.get("weight_hh" + suffix));
        DMatrixRMaj bih = vector(sd.get("bias_ih" + suffix));
        DMatrixRMaj bhh = vector(sd.get("bias_hh" + suffix));
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        switch (cell) {
            case LSTM:
                // PyTorch's rows: i, f, g (the candidate), o
                String[] gates = {"i", "f", "c", "o"};
                for (int g = 0; g < 4; g++) {
                    out.put("W_" + gates[g], rows(whh, g, n, 1));
                    out.put("U_" + gates[g], rows(wih, g, n, 1));
                    out.put("b_" + gates[g], sum(rows(bih, g, n, 1), rows(bhh, g, n, 1), 1));
                }
                return out;
            case GRU:
                // PyTorch's rows: r, z, n; u = 1 − z
                out.put("W_r", rows(whh, 0, n, 1));
                out.put("U_r", rows(wih, 0, n, 1));
                out.put("b_r", sum(rows(bih, 0, n, 1), rows(bhh, 0, n, 1), 1));
                out.put("W_u", rows(whh, 1, n, -1));
                out.put("U_u", rows(wih, 1, n, -1));
                out.put("b_u", sum(rows(bih, 1, n, 1), rows(bhh, 1, n, 1), -1));
                out.put("W_h", rows(whh, 2, n, 1));
                out.put("U_h", rows(wih, 2, n, 1));
                out.put("b_h", rows(bih, 2, n, 1));
                out.put("b_hn", rows(bhh, 2, n, 1));
                return out;
            default:
                out.put("W_h", whh);
                out.put("W_x", wih);
                out.put("b", sum(bih, bhh, 1));
                return out;
        }
    }

    private static DMatrixRMaj rows(DMatrixRMaj a, int block, int n, double sign) {
        DMatrixRMaj out = new DMatrixRMaj(n, a.numCols);
        for (int i = 0; i < n * a.numCols; i++) {
            out.data[i] = sign * a.data[block * n * a.numCols + i];
        }
        return out;
    }

    private static DMatrixRMaj sum(DMatrixRMaj a, DMatrixRMaj b, double sign) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < a.data.length; i++) {
            out.data[i] = sign * (a.data[i] + b.data[i]);
        }
        return out;
    }

    private static DMatrixRMaj matrix(JsonNode rows) {
        DMatrixRMaj out = new DMatrixRMaj(rows.size(), rows.get(0).size());
        for (int i = 0; i < out.numRows; i++) {
            for (int j = 0; j < out.numCols; j++) {
                out.set(i, j, rows.get(i).get(j).asDouble());
            }
        }
        return out;
    }

    private static DMatrixRMaj vector(JsonNode v) {
        DMatrixRMaj out = new DMatrixRMaj(v.size(), 1);
        for (int i = 0; i < v.size(); i++) {
            out.data[i] = v.get(i).asDouble();
        }
        assertTrue(v.size() > 0);
        return out;
    }
}
