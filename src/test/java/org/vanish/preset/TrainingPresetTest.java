package org.vanish.preset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vanish.engine.CellType;
import org.vanish.engine.GruVariant;
import org.vanish.train.Optimizer;
import org.vanish.train.Task;
import org.vanish.train.TrainConfig;
import org.vanish.train.Trainer;

/** The preset's training block and the presets of trained networks. */
class TrainingPresetTest {
    @Test
    void theTrainingBlockRoundTripsAndGivesTheTrainConfig() throws Exception {
        Preset p = PresetCodec.parse("{\"seed\": 9, \"cell\": \"lstm\", \"hiddenSize\": 12, \"biases\": {\"b_f\": 1.5},"
                + " \"view\": \"training\", \"training\": {\"task\": \"copy\", \"length\": 15, \"datasetSize\": 500,"
                + " \"batchSize\": 16, \"optimizer\": \"sgd\", \"learningRate\": 0.05, \"momentum\": 0.8,"
                + " \"clip\": false, \"clipThreshold\": 2.5, \"steps\": 123}}");
        assertEquals(10, p.inputSize(), "the task's inputs");
        assertEquals(35, p.steps(), "the task's sequence length");
        TrainConfig c = p.trainConfig();
        assertEquals(new TrainConfig(Task.COPY, 15, 500, CellType.LSTM, c.activation(), 12, c.init(), 1.0,
                Map.of("b_f", 1.5), 9L, 16, Optimizer.SGD, 0.05, 0.8, false, 2.5), c);
        Preset again = PresetCodec.parse(PresetCodec.write(p));
        assertEquals(p.training(), again.training());
        assertEquals(c, again.trainConfig());
        assertEquals(123, again.training().steps());
    }

    @Test
    void badTrainingFieldsAreNamed() {
        assertEquals("training.task: \"sort\" is not allowed; allowed: adding, copy, agreement",
                assertThrows(PresetException.class, () -> PresetCodec.parse("{\"training\": {\"task\": \"sort\"}}"))
                        .getMessage());
        assertEquals("training.learningRate: 20 is out of range; allowed 0.000000001 to 10".replace("0.000000001", "1.0E-9"),
                assertThrows(PresetException.class,
                        () -> PresetCodec.parse("{\"training\": {\"learningRate\": 20}}")).getMessage());
        assertTrue(assertThrows(PresetException.class,
                () -> PresetCodec.parse("{\"training\": {\"epochs\": 3}}")).getMessage().startsWith(
                        "training.epochs: unknown field"));
        assertTrue(assertThrows(PresetException.class,
                () -> PresetCodec.parse("{\"hiddenSize\": 900, \"training\": {}}")).getMessage().startsWith(
                        "training: hiddenSize: 900 is out of range; allowed 1 to 512"));
    }

    @Test
    void pytorchsGruTrainsAndItsTrainedPresetReopensAsThatGru() throws Exception {
        TrainConfig c = TrainConfig.defaults(Task.ADDING, CellType.GRU).withGruVariant(GruVariant.PYTORCH)
                .withLength(6).withHiddenSize(5).withDatasetSize(16).withOptimizer(Optimizer.ADAM, 0.01, 0.9, 8);
        Trainer t = new Trainer(c);
        for (int i = 0; i < 3; i++) {
            t.step();
        }
        Preset p = PresetCodec.parse(PresetCodec.write(TrainedPresets.of(t, "x")));
        for (RunConfig r : p.runs()) {
            assertEquals(GruVariant.PYTORCH, r.gruVariant());
        }
        Map<String, DMatrixRMaj> trained = t.parameters();
        assertTrue(trained.containsKey("b_hn"));
        assertArrayEquals(trained.get("b_hn").data, flat(p.runs().get(1).parameters().get("b_hn")), 0.0);
        assertFalse(java.util.Arrays.equals(trained.get("b_hn").data, t.initialParameters().get("b_hn").data),
                "b_hn is trained");
        if (p.training() != null) {
            assertEquals(GruVariant.PYTORCH, p.trainConfig().gruVariant());
        }
    }

    @Test
    void aTrainedPresetCarriesBothNetworksExactlyAndTheReadoutRule() throws Exception {
        for (Task task : Task.values()) {
            TrainConfig c = TrainConfig.defaults(task, CellType.GRU).withLength(6).withHiddenSize(5)
                    .withDatasetSize(16).withOptimizer(Optimizer.ADAM, 0.01, 0.9, 8);
            Trainer t = new Trainer(c);
            for (int i = 0; i < 3; i++) {
                t.step();
            }
            Preset p = PresetCodec.parse(PresetCodec.write(TrainedPresets.of(t, "x")));
            assertEquals(c.sequenceLength(), p.steps());
            assertEquals(task.inputSize(), p.inputSize());
            Map<String, DMatrixRMaj> trained = t.parameters();
            Map<String, DMatrixRMaj> initial = t.initialParameters();
            for (String name : CellType.GRU.parameterNames()) {
                assertArrayEquals(initial.get(name).data, flat(p.runs().get(0).parameters().get(name)), 0.0, name);
                assertArrayEquals(trained.get(name).data, flat(p.runs().get(1).parameters().get(name)), 0.0, name);
            }
            DMatrixRMaj v = t.readout();
            double[] expected = new double[5];
            for (int i = 0; i < 5; i++) {
                if (task == Task.ADDING) {
                    expected[i] = v.get(0, i);
                } else if (task == Task.AGREEMENT) {
                    expected[i] = v.get(1, i) - v.get(0, i);
                } else {
                    int y = t.sampleSequence().labels()[c.sequenceLength() - 1];
                    double mean = 0;
                    for (int k = 0; k < 10; k++) {
                        mean += v.get(k, i) / 10;
                    }
                    expected[i] = v.get(y, i) - mean;
                }
            }
            assertArrayEquals(expected, p.runs().get(1).readout(), 1e-15, task.id());
            assertArrayEquals(t.sampleSequence().inputs(), p.inputArray(), 0.0, "the inputs are one held-out sequence");
        }
    }

    private static double[] flat(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
