package org.vanish.importer;

import static org.vanish.importer.ModelImportTest.assertClose;
import static org.vanish.importer.PyTorchReference.fixture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vanish.engine.Activation;
import org.vanish.engine.Analyzer;
import org.vanish.engine.CellType;
import org.vanish.engine.GruVariant;
import org.vanish.engine.InitScheme;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.engine.RunSpec;

/**
 * Stacked, bidirectional, bias-free and GRU modules, converted by {@link EngineParameters} and analysed by the
 * engine's stacks, against PyTorch autograd per layer and direction (make_fixtures.py).
 */
class StackedImportTest {

    @ParameterizedTest
    @CsvSource({"gru1.pt,tanh", "lstm2bi.pt,tanh", "gru2bi.safetensors,tanh", "rnn3_relu.pt,relu",
            "gru2_nobias.pt,tanh"})
    void everyLayerAndDirectionHasPyTorchsGradients(String file, String nonlinearity) throws Exception {
        RecurrentModule mod = ModelImport.inspect(fixture(file)).modules().get(0);
        JsonNode ref = PyTorchReference.model(file);
        RunResult r = new Analyzer().analyze(spec(mod, Activation.fromId(nonlinearity), ref), Quantities.GRADIENTS);
        JsonNode series = ref.get("layerSeries");
        org.junit.jupiter.api.Assertions.assertEquals(series.size(), r.layers().size());
        for (int i = 0; i < series.size(); i++) {
            String what = file + " layer " + r.layers().get(i).layer() + " " + r.layers().get(i).direction();
            assertClose(PyTorchReference.vector(series.get(i).get("log10GradNorm")), r.layers().get(i).series().gradNorm,
                    what);
            if (series.get(i).has("log10GradNormC")) {
                assertClose(PyTorchReference.vector(series.get(i).get("log10GradNormC")),
                        r.layers().get(i).series().gradNormC, what + " c");
            }
        }
        assertClose(PyTorchReference.vector(ref.get("log10InputGradNorm")), r.series().inputGradNorm, file + " input");
    }

    /** The engine's run for a converted module, with autograd's inputs and readout and zero initial states. */
    static RunSpec spec(RecurrentModule mod, Activation act, JsonNode ref) {
        List<Map<String, DMatrixRMaj>> stack = new ArrayList<>();
        for (Map<String, Object> p : EngineParameters.convert(mod)) {
            Map<String, DMatrixRMaj> m = new LinkedHashMap<>();
            p.forEach((k, v) -> m.put(k, v instanceof double[][] ? new DMatrixRMaj((double[][]) v)
                    : new DMatrixRMaj(((double[]) v).length, 1, true, (double[]) v)));
            stack.add(m);
        }
        double[][] x = PyTorchReference.matrix(ref.get("inputs"));
        int steps = x.length;
        int m = mod.inputSize();
        double[] flat = new double[steps * m];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(x[t], 0, flat, t * m, m);
        }
        CellType cell = mod.kind() == RecurrentModule.Kind.LSTM ? CellType.LSTM
                : mod.kind() == RecurrentModule.Kind.GRU ? CellType.GRU : CellType.RNN;
        return new RunSpec(mod.describe(), cell, act, mod.hiddenSize(), m, steps, 1, InitScheme.GAUSSIAN, 1, 1,
                Map.of(), false, steps, stack.get(0), flat, new double[cell.stateSize(mod.hiddenSize())],
                PyTorchReference.vector(ref.get("readout")), mod.layers(), mod.bidirectional(), GruVariant.PYTORCH,
                stack);
    }
}
