package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Activation;
import org.vanish.engine.Analyzer;
import org.vanish.engine.CellType;
import org.vanish.engine.GruVariant;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.preset.RunConfig;

/** The dashboard's cell choice puts the seeds' GRU and PyTorch's side by side on the same inputs. */
class GruVariantEditTest {
    @Test
    void bothGrusCanBeComparedAndEitherRemoved() throws Exception {
        Preset p = PresetCodec.parse("{\"seed\": 3, \"steps\": 30, \"inputSize\": 4, \"hiddenSize\": 8,"
                + " \"runs\": [{\"cell\": \"gru\", \"biases\": {\"b_u\": -1}}]}");
        Preset both = PresetEdits.cells(p, EnumSet.of(CellType.GRU), true, Activation.TANH, Map.of("b_u", -1.0));
        List<RunConfig> runs = both.runs();
        assertEquals(2, runs.size());
        assertEquals(GruVariant.CHO, runs.get(0).gruVariant());
        assertEquals(GruVariant.PYTORCH, runs.get(1).gruVariant());
        assertEquals("gru pytorch", runs.get(1).label());
        assertEquals(-1.0, runs.get(1).biases().get("b_u"));
        // the same seed draws the same W_u, W_r, W_h, U and b; only where the reset acts differs, and so the gradient
        Analyzer a = new Analyzer();
        RunResult cho = a.analyze(both.toRunSpecs().get(0), Quantities.GRADIENTS);
        RunResult torch = a.analyze(both.toRunSpecs().get(1), Quantities.GRADIENTS);
        org.junit.jupiter.api.Assertions.assertArrayEquals(cho.parameters().get("W_h").data, torch.parameters().get("W_h").data);
        assertNotEquals(cho.series().gradNorm[0], torch.series().gradNorm[0]);
        Preset onlyTorch = PresetEdits.cells(both, EnumSet.noneOf(CellType.class), true, Activation.TANH, Map.of());
        assertEquals(List.of(GruVariant.PYTORCH), onlyTorch.runs().stream().map(RunConfig::gruVariant).toList());
        Preset back = PresetEdits.cells(both, EnumSet.of(CellType.LSTM), false, Activation.TANH, Map.of());
        assertEquals(List.of(CellType.LSTM), back.runs().stream().map(RunConfig::cell).toList());
        assertThrows(IllegalArgumentException.class,
                () -> PresetEdits.cells(both, EnumSet.noneOf(CellType.class), false, Activation.TANH, Map.of()));
        // and the choice survives a save
        assertEquals(PresetCodec.write(both), PresetCodec.write(PresetCodec.parse(PresetCodec.write(both))));
    }
}
