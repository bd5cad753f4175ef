package org.vanish.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.preset.RunConfig;

/** The shipped presets hold exactly what importing the shipped models gives (models/make_presets.py). */
class ShippedModelsTest {

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void theTrainedPresetIsTheImportOfTheShippedModel(String cell) throws Exception {
        Path model = Path.of("models", "agreement-" + cell + ".pt");
        assertTrue(Files.size(model) + Files.size(Path.of("models", "agreement-vocab.json")) < 100_000);
        ModelImport.Result imported = ModelImport.run(model, new ModelImport.Options(null, null,
                Path.of("models", "agreement-vocab.json"), 1, null));
        Preset shipped = PresetCodec.read(Path.of("presets", "keys-trained-" + cell + ".json"));
        RunConfig want = imported.preset().runs().get(0);
        RunConfig got = shipped.runs().get(0);
        assertEquals(2, got.layers());
        assertEquals(want.gruVariant(), got.gruVariant());
        assertArrayEquals(want.readout(), got.readout());
        List<Map<String, double[][]>> a = want.stackParameters();
        List<Map<String, double[][]>> b = got.stackParameters();
        assertEquals(2, a.size());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).keySet(), b.get(i).keySet());
            for (String k : a.get(i).keySet()) {
                assertArrayEquals(a.get(i).get(k), b.get(i).get(k), cell + " " + i + " " + k);
            }
        }
        assertArrayEquals(imported.preset().inputArray(), shipped.inputArray());
        assertEquals("words", shipped.view());
    }
}
