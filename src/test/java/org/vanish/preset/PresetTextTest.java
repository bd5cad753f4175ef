package org.vanish.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preset file as text: what comes after the object, fields given twice, bytes that are not UTF-8, limits. */
class PresetTextTest {
    private static final String SMALL = "{\"steps\": 5,\n \"hiddenSize\": 3}";

    @TempDir
    Path dir;

    private static String refusal(String json) {
        return assertThrows(PresetException.class, () -> PresetCodec.parse(json)).getMessage();
    }

    @Test
    void contentAfterThePresetIsRefusedWhereItStarts() throws Exception {
        String trailing = "more content after the end of the preset; a preset file holds one JSON object and nothing "
                + "after it";
        assertEquals("line 3, column 1: " + trailing, refusal(SMALL + "\n}}} garbage ]["));
        assertEquals("line 2, column 19: " + trailing, refusal(SMALL + " " + SMALL));
        assertEquals("line 2, column 18: " + trailing, refusal(SMALL + "x"));
        PresetCodec.parse(SMALL + "\n  \n");   // white space after is fine
    }

    @Test
    void aFieldGivenTwiceIsRefusedNotSilentlyOverridden() {
        assertEquals("line 1, column 21: field \"steps\" given twice; give it once",
                refusal("{\"steps\": 5, \"steps\": 6}"));
    }

    @Test
    void bytesThatAreNotUtf8AreReportedWithLineAndColumn() throws Exception {
        Path f = dir.resolve("latin1.json");
        Files.write(f, "{\"steps\": 5,\n \"name\": \"café\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("latin1.json: line 2, column 14: byte 0xE9 is not UTF-8 text; save the preset as UTF-8",
                assertThrows(PresetException.class, () -> PresetCodec.read(f)).getMessage());
        Path bom = dir.resolve("bom.json");
        Files.write(bom, ("\uFEFF{\"name\": \"café\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals("café", PresetCodec.read(bom).name(), "a byte-order mark is not content");
    }

    @Test
    void jacksonsLimitsAreReportedWithThePosition() {
        String deep = "{\"demo\": " + "[".repeat(1200) + "]".repeat(1200) + "}";
        assertEquals("line 1, column 1010: the JSON nests deeper than 1000 levels; a preset nests objects and "
                + "arrays a few levels deep", refusal(deep));
        String digits = "{\"seed\": " + "9".repeat(1200) + "}";
        assertEquals(true, refusal(digits).matches("line 1, column \\d+: a number of more than 1000 digits"),
                refusal(digits));
    }

    @Test
    void labelsAndNamesHaveALengthLimitAndRepeatedLabelsBecomeUniqueWithinIt() throws Exception {
        assertEquals("runs[0].label: 100000 characters; allowed at most 100",
                refusal("{\"runs\": [{\"label\": \"" + "x".repeat(100_000) + "\"}]}"));
        assertEquals("name: 201 characters; allowed at most 200", refusal("{\"name\": \"" + "n".repeat(201) + "\"}"));
        String a = "a".repeat(100);
        Preset p = PresetCodec.parse("{\"steps\": 3, \"hiddenSize\": 2, \"runs\": [{\"label\": \"" + a + "\"}, "
                + "{\"label\": \"" + a + "\"}, {\"label\": \"x\"}, {\"label\": \"x\"}, {\"label\": \"x (2)\"}]}");
        List<String> labels = p.runs().stream().map(RunConfig::label).toList();
        assertEquals(List.of(a, a.substring(0, 96) + " (2)", "x", "x (2)", "x (2) (2)"), labels);
        Preset back = PresetCodec.parse(PresetCodec.write(p));
        assertEquals(labels, back.runs().stream().map(RunConfig::label).toList(), "what is written reads back");
    }
}
