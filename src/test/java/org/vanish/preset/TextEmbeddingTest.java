package org.vanish.preset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextEmbeddingTest {
    private static final String PRESET = "{\"inputSize\": 2, \"hiddenSize\": 3, \"cell\": \"lstm\", \"inputs\": {"
            + "\"kind\": \"text\", \"text\": \"%s\", \"embedding\": {\"vocabulary\": {\"<unk>\": 0, \"keys\": 1,"
            + " \"are\": 2}, \"vectors\": [[0, 0], [1, 2], [3, 4]]}}}";

    @Test
    void wordsAreTheModelsVectorsAndUnknownWordsItsUnk() throws Exception {
        Preset p = PresetCodec.parse(String.format(PRESET, "Keys sure are"));
        assertArrayEquals(new double[] {1, 2, 0, 0, 3, 4}, p.inputArray());
        Preset back = PresetCodec.parse(PresetCodec.write(p));
        assertArrayEquals(p.inputArray(), back.inputArray());
        assertEquals(3, back.steps());
    }

    @Test
    void withoutUnkAnUnknownWordIsNamed() {
        String json = String.format(PRESET, "keys sure are").replace("\"<unk>\": 0, ", "");
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.parse(json));
        assertEquals("inputs.text: \"sure\" is not in the model's vocabulary, which has no <unk>", e.getMessage());
    }

    @Test
    void vectorsMustHaveTheInputSize() {
        String json = String.format(PRESET, "keys").replace("[3, 4]]", "[3, 4, 5]]");
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.parse(json));
        assertEquals(true, e.getMessage().startsWith("inputs.embedding.vectors[2]"), e.getMessage());
    }
}
