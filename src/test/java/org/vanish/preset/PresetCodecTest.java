package org.vanish.preset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vanish.engine.Analyzer;
import org.vanish.engine.CellType;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.engine.RunSpec;

class PresetCodecTest {
    private static final String MINIMAL = "{\"runs\": [{\"cell\": \"lstm\", \"hiddenSize\": 4}], \"steps\": 5, \"inputSize\": 2}";

    @Test
    void topLevelFieldsAreDefaultsThatRunsOverride() throws Exception {
        Preset p = PresetCodec.parse("{\"hiddenSize\": 8, \"cell\": \"gru\", \"scale\": 0.7, \"steps\": 12,"
                + "\"runs\": [{}, {\"cell\": \"lstm\", \"hiddenSize\": 3, \"biases\": {\"b_f\": 2}}]}");
        assertEquals(12, p.steps());
        assertEquals(CellType.GRU, p.runs().get(0).cell());
        assertEquals(8, p.runs().get(0).hiddenSize());
        assertEquals(CellType.LSTM, p.runs().get(1).cell());
        assertEquals(3, p.runs().get(1).hiddenSize());
        assertEquals(0.7, p.runs().get(1).scale());
        assertEquals(2.0, p.runs().get(1).biases().get("b_f"));
    }

    @Test
    void writingAndReadingBackGivesTheIdenticalPicture() throws Exception {
        Preset p = PresetCodec.parse("{\"seed\": 3, \"steps\": 15, \"inputSize\": 3, \"hiddenSize\": 5,"
                + "\"runs\": [{\"cell\": \"lstm\", \"chrono\": true, \"initialState\": {\"c\": [1,2,3,4,5]}},"
                + "{\"cell\": \"rnn\", \"activation\": \"relu\", \"init\": \"orthogonal\", \"gain\": 1.2,"
                + " \"parameters\": {\"b\": [0.1, 0.2, 0.3, 0.4, 0.5]}}]}");
        Preset back = PresetCodec.parse(PresetCodec.write(p));
        assertEquals(PresetCodec.write(p), PresetCodec.write(back));
        List<RunSpec> a = p.toRunSpecs();
        List<RunSpec> b = back.toRunSpecs();
        for (int i = 0; i < a.size(); i++) {
            RunResult ra = new Analyzer().analyze(a.get(i), Quantities.FULL);
            RunResult rb = new Analyzer().analyze(b.get(i), Quantities.FULL);
            assertArrayEquals(ra.series().gradNorm, rb.series().gradNorm);
            assertArrayEquals(ra.products().norm, rb.products().norm);
        }
    }

    @Test
    void viewAndDemonstrationSettingsSurviveARoundTripAndEveryEdit() throws Exception {
        Preset p = PresetCodec.parse("{\"view\": \"cliff\", \"demo\": {\"threshold\": 1.5, \"w0\": -3},"
                + " \"steps\": 5}");
        assertEquals("cliff", p.view());
        assertEquals(1.5, p.demo().get("threshold"));
        Preset back = PresetCodec.parse(PresetCodec.write(p.withSeed(9).withInputs(p.inputs(), 7)));
        assertEquals("cliff", back.view());
        assertEquals(List.of("threshold", "w0"), new ArrayList<>(back.demo().keySet()));
        assertEquals(-3.0, back.demo().get("w0"));
        assertEquals(9, back.seed());
        PresetException e = assertThrows(PresetException.class,
                () -> PresetCodec.parse("{\"demo\": {\"threshold\": \"high\"}}"));
        assertTrue(e.getMessage().startsWith("demo.threshold: "), e.getMessage());
        assertThrows(PresetException.class, () -> PresetCodec.parse("{\"demo\": [1, 2]}"));
    }

    @Test
    void textInputsTakeTheirStepsFromTheWords() throws Exception {
        Preset p = PresetCodec.parse("{\"inputs\": {\"kind\": \"text\", \"text\": \"The keys to the cabinet are\"},"
                + " \"inputSize\": 4, \"hiddenSize\": 3}");
        assertEquals(6, p.steps());
        double[] x = p.inputArray();
        // "the" appears twice and gets the same embedding both times
        for (int k = 0; k < 4; k++) {
            assertEquals(x[k], x[3 * 4 + k]);
        }
        assertFalse(x[0] == x[4]);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"steps\": 0}|steps: 0 is out of range; allowed 1 to 1000000",
        "{\"hiddenSize\": \"big\"}|hiddenSize: expected an integer from 1 to 2048, found \"big\"",
        "{\"runs\": [{\"cell\": \"transformer\"}]}|runs[0].cell: \"transformer\" is not allowed; allowed: rnn, additive, lstm, gru",
        "{\"runs\": [{\"cel\": \"rnn\"}]}|runs[0].cel: unknown field; allowed here:",
        "{\"runs\": [{\"cell\": \"lstm\", \"biases\": {\"b_f\": 99}}]}|runs[0].biases.b_f: 99 is out of range; allowed -50 to 50",
        "{\"runs\": [{\"cell\": \"rnn\", \"biases\": {\"b_f\": 1}}]}|runs[0].biases.b_f: unknown field; allowed here: b",
        "{\"hiddenSize\": 2, \"parameters\": {\"W_h\": [[1, 2], [3]]}}|parameters.W_h[1]: expected a row of 2 numbers (a 2×2 matrix), found an array of 1",
        "{\"hiddenSize\": 2, \"parameters\": {\"W_h\": [[1, 2]]}}|parameters.W_h: has 1 rows; expected a 2×2 matrix",
        "{\"hiddenSize\": 2, \"readout\": [1, 2, 3]}|readout: has 3 entries; expected 2",
        "{\"scale\": -1}|scale: -1 is out of range; allowed 0 to 100",
        "{\"inputs\": {\"kind\": \"text\", \"text\": \"a b c\"}, \"steps\": 4}|steps: 4 does not match the 3 tokens of inputs.text",
        "{\"runs\": [{\"cell\": \"rnn\", \"chrono\": true}]}|runs[0].chrono: chrono initialisation applies to lstm and gru only",
        "{\"steps\": 5,}|line 1, column 13: malformed JSON",
        "[1, 2]|preset: expected a JSON object, found an array of 2",
        "{\"format\": \"other/2\"}|format: \"other/2\" is not supported; allowed: vanish-preset/1",
        "{\"inputs\": {\"kind\": \"explicit\", \"values\": []}}|inputs.values: explicit inputs need at least one row",
        "{\"hiddenSize\": 1, \"readout\": [1e300]}|readout[0]: 1.0E300 is out of range; allowed -1000000 to 1000000",
        "{\"seed\": 1e30}|seed: expected an integer from 0 to 9223372036854775807, found 1.0E30",
        "{\"seed\": 9223372036854775808}|seed: expected an integer from 0 to 9223372036854775807, found 9223372036854775808",
    })
    void badPresetsGetOneLineNamingTheField(String json, String expected) {
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.parse(json));
        assertTrue(e.getMessage().startsWith(expected), "message was: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.read(Path.of("no/such.json")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void anEmptyOrBlankLabelIsTheDefaultLabel() throws Exception {
        Preset p = PresetCodec.parse("{\"runs\": [{\"label\": \"\"}, {\"label\": \"  \"}, "
                + "{\"label\": \"\", \"cell\": \"lstm\"}, {\"label\": \" kept \"}]}");
        assertEquals(java.util.List.of("rnn tanh", "rnn tanh (2)", "lstm", " kept "),
                p.runs().stream().map(RunConfig::label).toList());
    }

    @Test
    void minimalPresetUsesDocumentedDefaults() throws Exception {
        Preset p = PresetCodec.parse(MINIMAL);
        RunConfig r = p.runs().get(0);
        assertEquals("lstm", r.label());
        assertEquals(1.0, r.scale());
        assertEquals("noise", p.inputs().kind());
    }

    @Test
    void everyShippedPresetParsesAndSaysWhatItShows() throws IOException, PresetException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("presets"), "*.json")) {
            ds.forEach(files::add);
        }
        assertTrue(files.size() >= 7, "shipped presets: " + files);
        for (Path f : files) {
            Preset p = PresetCodec.read(f);
            assertTrue(p.description().length() > 200, f + " needs a paragraph of description");
        }
    }
}
