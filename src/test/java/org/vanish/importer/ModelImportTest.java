package org.vanish.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vanish.importer.PyTorchReference.fixture;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Analyzer;
import org.vanish.engine.GradientFlow;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.preset.InputSpec;
import org.vanish.preset.Preset;

class ModelImportTest {
    private static final String MARK = "/tmp/vanish-import-fixture-was-executed";

    /**
     * An imported model, given PyTorch's explicit inputs and readout, has autograd's per-step gradient norms in every
     * layer and direction: this pins the reader (dtypes, strides, offsets), the conversion to the engine's names, the
     * preset it writes and the engine.
     */
    @ParameterizedTest
    @CsvSource({"lstm1.pt,", "rnn1_relu.pt,relu", "rnn1_tanh.safetensors,", "lstm1_half.pt,",
            "lstm1_bf16.safetensors,", "strided.pt,", "gru1.pt,", "lstm2bi.pt,", "gru2bi.safetensors,",
            "rnn3_relu.pt,relu", "gru2_nobias.pt,", "encoder_named.pt,"})
    void importedModelsHavePyTorchsGradients(String file, String nonlinearity) throws Exception {
        ModelImport.Result r = ModelImport.run(fixture(file), new ModelImport.Options(null, nonlinearity, null, null,
                null));
        JsonNode ref = PyTorchReference.model(file);
        RunResult result = analyse(r.preset(), ref);
        JsonNode layers = ref.get("layerSeries");
        assertEquals(layers.size(), result.layers().size(), file);
        for (int i = 0; i < layers.size(); i++) {
            JsonNode series = layers.get(i);
            GradientFlow.Series s = result.layers().get(i).series();
            String what = file + " layer " + series.get("layer") + " " + series.get("direction").asText();
            assertClose(PyTorchReference.vector(series.get("log10GradNorm")), s.gradNorm, what);
            if (series.has("log10GradNormC")) {
                assertClose(PyTorchReference.vector(series.get("log10GradNormH")), s.gradNormH, what + " h");
                assertClose(PyTorchReference.vector(series.get("log10GradNormC")), s.gradNormC, what + " c");
            }
        }
        assertClose(PyTorchReference.vector(ref.get("log10InputGradNorm")), result.series().inputGradNorm,
                file + " input");
    }

    /** The same imported model read as tanh instead of relu is a different function: the comparison can fail. */
    @Test
    void theWrongNonlinearityDoesNotMatchPyTorch() throws Exception {
        ModelImport.Result r = ModelImport.run(fixture("rnn1_relu.pt"), ModelImport.Options.defaults());
        JsonNode ref = PyTorchReference.model("rnn1_relu.pt");
        double[] expected = PyTorchReference.vector(ref.get("layerSeries").get(0).get("log10GradNorm"));
        double[] got = analyse(r.preset(), ref).series().gradNorm;
        assertTrue(Math.abs(expected[0] - got[0]) > 1e-3, "tanh and relu gave the same gradient");
    }

    static RunResult analyse(Preset imported, JsonNode ref) {
        double[][] x = PyTorchReference.matrix(ref.get("inputs"));
        Preset p = imported.withInputs(new InputSpec(InputSpec.EXPLICIT, 1.0, null, x), x.length);
        p = p.withRuns(List.of(p.runs().get(0).withReadout(PyTorchReference.vector(ref.get("readout")))));
        return new Analyzer().analyze(p.toRunSpecs().get(0), Quantities.GRADIENTS);
    }

    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int t = 0; t < expected.length; t++) {
            if (Double.isInfinite(expected[t])) {
                assertEquals(expected[t], actual[t], what + " at " + t);
            } else {
                assertEquals(expected[t], actual[t], PyTorchReference.LOG10_TOLERANCE, what + " at " + t);
            }
        }
    }

    @Test
    void findsEveryModuleWithItsTypeSizeLayersAndDirections() throws Exception {
        assertEquals("rnn (nn.LSTM, input 3, hidden 4, 2 layers, bidirectional)",
                ModelImport.inspect(fixture("lstm2bi.pt")).modules().get(0).describe());
        assertEquals("rnn (nn.GRU, input 3, hidden 4, 2 layers, bidirectional)",
                ModelImport.inspect(fixture("gru2bi.safetensors")).modules().get(0).describe());
        assertEquals("rnn (nn.RNN, input 3, hidden 4, 3 layers)",
                ModelImport.inspect(fixture("rnn3_relu.pt")).modules().get(0).describe());
        RecurrentModule noBias = ModelImport.inspect(fixture("gru2_nobias.pt")).modules().get(0);
        assertFalse(noBias.hasBias());
        assertEquals("(top level) (nn.RNN, input 3, hidden 5, 1 layer)",
                ModelImport.inspect(fixture("rnn1_relu.pt")).modules().get(0).describe());
        List<RecurrentModule> two = ModelImport.inspect(fixture("two_modules.pt")).modules();
        assertEquals(List.of("encoder", "decoder"), two.stream().map(RecurrentModule::prefix).toList());
        assertEquals(RecurrentModule.Kind.GRU, two.get(1).kind());
        assertEquals(4, two.get(1).inputSize());
    }

    @Test
    void convertsAStackInPyTorchsOrderWithTheEngineNames() throws Exception {
        RecurrentModule lstm = ModelImport.inspect(fixture("lstm2bi.pt")).modules().get(0);
        List<Map<String, Object>> p = EngineParameters.convert(lstm);
        assertEquals(4, p.size());   // layer 0 fwd, layer 0 bwd, layer 1 fwd, layer 1 bwd
        assertEquals(3, ((double[][]) p.get(0).get("U_f"))[0].length);
        assertEquals(8, ((double[][]) p.get(2).get("U_f"))[0].length);   // layer 1 reads [fwd; bwd]
        // f is PyTorch's second row block; the bias is the sum of its two vectors
        Tensor whh = lstm.get("weight_hh", 1, true);
        assertArrayEquals(whh.rows(4, 4)[2], ((double[][]) p.get(3).get("W_f"))[2]);
        double expected = lstm.get("bias_ih", 1, true).data()[4 * 2 + 1] + lstm.get("bias_hh", 1, true).data()[4 * 2 + 1];
        assertEquals(expected, ((double[]) p.get(3).get("b_c"))[1]);

        RecurrentModule gru = ModelImport.inspect(fixture("gru2bi.safetensors")).modules().get(0);
        Map<String, Object> g = EngineParameters.convert(gru).get(0);
        assertEquals(List.of("W_u", "U_u", "b_u", "W_r", "U_r", "b_r", "W_h", "U_h", "b_h", "b_hn"),
                List.copyOf(g.keySet()));
        // u = 1 − z: the update gate's weights change sign
        assertEquals(-gru.get("weight_hh", 0, false).rows(4, 1)[0][3], ((double[][]) g.get("W_u"))[0][3]);
        assertEquals(-(gru.get("bias_ih", 0, false).data()[5] + gru.get("bias_hh", 0, false).data()[5]),
                ((double[]) g.get("b_u"))[1]);
        assertEquals(gru.get("bias_hh", 0, false).data()[8 + 2], ((double[]) g.get("b_hn"))[2]);
    }

    @Test
    void hostilePicklesAreRefusedAndNeverRun() throws Exception {
        Files.deleteIfExists(Path.of(MARK));
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImport.run(fixture("os_system.pt"), ModelImport.Options.defaults()));
        assertTrue(e.getMessage().contains("os.system") && e.getMessage().contains("nothing was executed"),
                e.getMessage());
        e = assertThrows(ImportException.class,
                () -> ModelImport.run(fixture("stack_global.pt"), ModelImport.Options.defaults()));
        assertTrue(e.getMessage().contains("posix.system"), e.getMessage());
        assertFalse(Files.exists(Path.of(MARK)), "a fixture's command ran");
        e = assertThrows(ImportException.class,
                () -> ModelImport.run(fixture("whole_model.pt"), ModelImport.Options.defaults()));
        assertTrue(e.getMessage().contains("torch.save(model.state_dict()"), e.getMessage());
        assertTrue(e.getMessage().contains("whole model"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "truncated.pt|damaged or truncated",
        "not_a_zip.pt|not a PyTorch checkpoint",
        "no_module.pt|no nn.RNN, nn.LSTM or nn.GRU",
        "two_modules.pt|--module PREFIX: encoder (nn.LSTM, input 3, hidden 4, 1 layer); decoder (nn.GRU",
        "contradictory.pt|bias_hh_l0 has shape [12], but the module's other weights need [16]"})
    void brokenFilesGetOneLineSayingWhy(String file, String expected) {
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImport.run(fixture(file), ModelImport.Options.defaults()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void moduleChoosesAmongSeveral() throws Exception {
        ModelImport.Result r = ModelImport.run(fixture("two_modules.pt"),
                new ModelImport.Options("encoder", null, null, null, null));
        assertEquals("encoder", r.module().prefix());
        assertEquals(4, r.preset().runs().get(0).hiddenSize());
        ImportException e = assertThrows(ImportException.class, () -> ModelImport.run(fixture("two_modules.pt"),
                new ModelImport.Options("enc", null, null, null, null)));
        assertTrue(e.getMessage().startsWith("--module: two_modules.pt has no recurrent module \"enc\""), e.getMessage());
    }
}
