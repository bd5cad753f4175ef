package org.vanish.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vanish.importer.PyTorchReference.fixture;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;

class VocabularyAndReadoutTest {

    @ParameterizedTest
    @ValueSource(strings = {"vocab.json", "vocab_object.json"})
    void theSentenceRunsThroughTheModelsOwnEmbedding(String vocab) throws Exception {
        ModelImport.Result r = ModelImport.run(fixture("lstm1.pt"),
                new ModelImport.Options(null, null, fixture(vocab), null, null));
        Preset p = r.preset();
        assertEquals(ModelImport.DEFAULT_TEXT, p.inputs().text());
        assertEquals(12, p.steps());
        Tensor emb = ModelImport.readTensors(fixture("lstm1.pt")).get("emb.weight");
        double[] x = p.inputArray();
        // "keys" is row 3, "left" is not in the vocabulary and reads as <unk>, row 1
        assertArrayEquals(emb.rows(3, 1)[0], java.util.Arrays.copyOfRange(x, 3, 6));
        assertArrayEquals(emb.rows(1, 1)[0], java.util.Arrays.copyOfRange(x, 3 * 10, 3 * 11));
        assertTrue(r.notes().stream().anyMatch(n -> n.equals("not in the vocabulary, read as <unk>: left")),
                r.notes().toString());
        // saved and read back: the same inputs
        assertArrayEquals(x, PresetCodec.parse(PresetCodec.write(p)).inputArray());
    }

    /**
     * An embedding not named "emb" (PyTorch's word-language-model example calls it encoder, its head decoder) is found
     * by its shape and its lack of a bias; the head, which has one, stays the head.
     */
    @Test
    void anEmbeddingNamedEncoderIsFoundByItsShape() throws Exception {
        ModelImport.Result r = ModelImport.run(fixture("encoder_named.pt"),
                new ModelImport.Options(null, null, fixture("vocab.json"), null, null));
        Tensor emb = ModelImport.readTensors(fixture("encoder_named.pt")).get("encoder.weight");
        double[] x = r.preset().inputArray();
        // "keys" is row 3 of vocab.json
        assertArrayEquals(emb.rows(3, 1)[0], java.util.Arrays.copyOfRange(x, 3, 6));
        ModelImport.Contents c = new ModelImport.Contents(ModelImport.readTensors(fixture("encoder_named.pt")),
                java.util.List.of());
        assertEquals("encoder.weight", c.embeddingFor(3));
        assertNull(c.embeddingFor(5), "no V × 5 matrix");
        // two bias-free matrices of the width: not guessed between
        Map<String, Tensor> two = new java.util.LinkedHashMap<>(c.tensors());
        two.put("other.weight", emb);
        assertNull(new ModelImport.Contents(two, java.util.List.of()).embeddingFor(3));
    }

    /**
     * A model that reads float features (no embedding) through a GRU of n = m and a bias-free nn.Linear head: the head
     * has the shape of an embedding of width m and no bias, so the search by shape took it for the embedding, and the
     * head search, which skips the embedding, then found no head (the inputs became the head's rows). It stays the head.
     * With another head beside it (the word-language-model example's decoder has a bias), the bias-free one is the
     * embedding.
     */
    @Test
    void aBiasFreeHeadOfTheInputsWidthIsTheHeadNotAnEmbedding() throws Exception {
        int m = 4;
        int n = 4;
        Map<String, Tensor> t = new java.util.LinkedHashMap<>();
        t.put("rnn.weight_ih_l0", matrix(3 * n, m));
        t.put("rnn.weight_hh_l0", matrix(3 * n, n));
        t.put("rnn.bias_ih_l0", vector(3 * n));
        t.put("rnn.bias_hh_l0", vector(3 * n));
        t.put("fc.weight", matrix(2, n));
        ModelImport.Contents c = new ModelImport.Contents(t, RecurrentModule.find(t));
        RecurrentModule mod = c.modules().get(0);
        assertNull(c.embeddingFor(m), "no embedding");
        assertEquals("fc.weight", c.headFor(mod));
        // an nn.Embedding beside a head with a bias: found by its shape, and the head is still found
        Map<String, Tensor> lm = new java.util.LinkedHashMap<>();
        lm.put("encoder.weight", matrix(12, m));
        lm.putAll(t);
        lm.remove("fc.weight");
        lm.put("decoder.weight", matrix(12, n));
        lm.put("decoder.bias", vector(12));
        ModelImport.Contents word = new ModelImport.Contents(lm, RecurrentModule.find(lm));
        assertEquals("encoder.weight", word.embeddingFor(m));
        assertEquals("decoder.weight", word.headFor(word.modules().get(0)));
    }

    private static Tensor matrix(int rows, int cols) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = 0.01 * (i % 7 - 3);
        }
        return new Tensor("float32", new int[] {rows, cols}, d);
    }

    private static Tensor vector(int len) {
        return new Tensor("float32", new int[] {len}, new double[len]);
    }

    @Test
    void wordsNotInAVocabularyWithoutUnkAreNamed() throws Exception {
        ImportException e = assertThrows(ImportException.class, () -> ModelImport.run(fixture("lstm1.pt"),
                new ModelImport.Options(null, null, fixture("vocab.txt"), null, null)));
        assertEquals("\"left\" is not in the model's vocabulary, which has no <unk>; give a sentence it knows with --text",
                e.getMessage());
        ModelImport.Result r = ModelImport.run(fixture("lstm1.pt"),
                new ModelImport.Options(null, null, fixture("vocab.txt"), null, "the key to the cabinet is"));
        assertEquals(Map.of("<pad>", 0, "the", 1), Map.of("<pad>", r.preset().inputs().embedding().vocabulary()
                .get("<pad>"), "the", r.preset().inputs().embedding().vocabulary().get("the")));
        e = assertThrows(ImportException.class, () -> ModelImport.run(fixture("lstm1.pt"),
                new ModelImport.Options(null, null, fixture("vocab.txt"), null, "the key to the cabinets is")));
        assertTrue(e.getMessage().contains("\"cabinets\""), e.getMessage());
    }

    /**
     * File → Import model… asks for no sentence. With a vocabulary that lacks "left" and has no <unk> (vocab.txt) the
     * default sentence failed, and the app showed "... give a sentence it knows with --text", a flag it has not.
     */
    @Test
    void theAppImportsWithASentenceTheVocabularyReads() throws Exception {
        assertThrows(ImportException.class, () -> ModelImport.run(fixture("lstm1.pt"),
                new ModelImport.Options(null, null, fixture("vocab.txt"), null, null)));
        String text = ModelImport.readableText(fixture("vocab.txt"), 12);
        assertEquals("the keys key to cabinet by door on are is", text);   // <pad> would be typed as <, pad, >
        ModelImport.Result r = ModelImport.run(fixture("lstm1.pt"),
                new ModelImport.Options(null, null, fixture("vocab.txt"), null, text));
        assertEquals(10, r.preset().steps());
        // a vocabulary that reads the default sentence keeps it
        assertEquals(ModelImport.DEFAULT_TEXT, ModelImport.readableText(fixture("vocab.json"), 12));
    }

    @Test
    void aVocabularyLargerThanTheEmbeddingIsRefused() {
        ImportException e = assertThrows(ImportException.class, () -> ModelImport.run(fixture("lstm1.pt"),
                new ModelImport.Options(null, null, fixture("vocab_too_big.json"), null, null)));
        assertEquals("--vocab vocab_too_big.json: \"left\" has index 12, but the embedding has 12 rows (0 to 11); the"
                + " vocabulary does not fit the embedding", e.getMessage());
    }

    @Test
    void withoutAVocabularyTheWordsAreRowNumbers() throws Exception {
        ModelImport.Result r = ModelImport.run(fixture("lstm1.pt"), ModelImport.Options.defaults());
        assertNull(r.preset().inputs().embedding().vocabulary());
        assertEquals(10, r.preset().steps());
        Tensor emb = ModelImport.readTensors(fixture("lstm1.pt")).get("emb.weight");
        assertArrayEquals(emb.rows(7, 1)[0], java.util.Arrays.copyOfRange(r.preset().inputArray(), 21, 24));
    }

    @Test
    void theReadoutIsTheHeadsRowForTheChosenOutput() throws Exception {
        Tensor fc = ModelImport.readTensors(fixture("lstm1.pt")).get("fc.weight");
        ModelImport.Result r = ModelImport.run(fixture("lstm1.pt"), new ModelImport.Options(null, null, null, 1, null));
        assertArrayEquals(fc.rows(1, 1)[0], r.preset().runs().get(0).readout());
        ModelImport.Result seeded = ModelImport.run(fixture("lstm1.pt"), ModelImport.Options.defaults());
        assertNull(seeded.preset().runs().get(0).readout());
        assertTrue(seeded.notes().stream().anyMatch(n -> n.startsWith("head fc.weight (2 × 4) reads h_n: --output K")));
        ImportException e = assertThrows(ImportException.class, () -> ModelImport.run(fixture("lstm1.pt"),
                new ModelImport.Options(null, null, null, 2, null)));
        assertEquals("--output: 2 is out of range; head fc.weight has 2 outputs, allowed 0 to 1", e.getMessage());
        e = assertThrows(ImportException.class, () -> ModelImport.run(fixture("rnn1_relu.pt"),
                new ModelImport.Options(null, "relu", null, 0, null)));
        assertTrue(e.getMessage().startsWith("--output: the file holds no linear head"), e.getMessage());
    }
}
