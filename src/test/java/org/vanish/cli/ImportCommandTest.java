package org.vanish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vanish.preset.PresetCodec;

class ImportCommandTest {
    @TempDir
    Path dir;

    private static String fixture(String name) throws Exception {
        return Path.of(ImportCommandTest.class.getResource("/importer/" + name).toURI()).toString();
    }

    @Test
    void writesAPresetTheOtherCommandsRead() throws Exception {
        Path out = dir.resolve("imported.json");
        assertEquals(0, CliRunner.run(new ByteArrayOutputStream(), "import", fixture("lstm1.pt"), "--out",
                out.toString(), "--vocab", fixture("vocab.json"), "--output", "0"));
        assertEquals("lstm rnn", PresetCodec.read(out).runs().get(0).label());
        Path report = dir.resolve("r.json");
        assertEquals(0, CliRunner.run(new ByteArrayOutputStream(), "analyze", out.toString(), "--json",
                report.toString()));
        assertTrue(Files.readString(report).contains("\"W_f\""));
    }

    @Test
    void aModelFileWithALongNameImportsUnderAShortenedName() throws Exception {
        // 240 characters: legal on Linux, longer than a preset's name may be
        Path model = Files.copy(Path.of(fixture("lstm1.pt")), dir.resolve("m".repeat(237) + ".pt"));
        Path out = dir.resolve("imported.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, CliRunner.run(err, "import", model.toString(), "--out", out.toString()), err.toString());
        String name = PresetCodec.read(out).name();
        assertEquals(PresetCodec.MAX_NAME, name.length());
        assertTrue(name.startsWith("nn.LSTM rnn from mmm") && name.endsWith("m…"), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"os_system.pt", "truncated.pt", "not_a_zip.pt", "whole_model.pt", "no_module.pt",
        "two_modules.pt", "contradictory.pt"})
    void aBadFileIsExitCodeTwoOneLineAndNothingWritten(String file) throws Exception {
        Path out = dir.resolve("x.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, CliRunner.run(err, "import", fixture(file), "--out", out.toString()));
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.startsWith("vanish: ") && msg.indexOf('\n') == msg.length() - 1, msg);
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "a temporary file was left");
        }
    }

    @Test
    void aVocabularyThatIsNotUtf8IsNamedSo() throws Exception {
        Path vocab = Files.write(dir.resolve("vocab.txt"), new byte[] {'t', 'h', 'e', '\n', (byte) 0xE9, '\n'});
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, CliRunner.run(err, "import", fixture("lstm1.pt"), "--out", dir.resolve("x.json").toString(),
                "--vocab", vocab.toString()));
        assertEquals("vanish: --vocab vocab.txt: is not UTF-8 text; save the vocabulary as UTF-8\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadNonlinearityIsNamed() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, CliRunner.run(err, "import", fixture("rnn1_relu.pt"), "--out", dir.resolve("x.json").toString(),
                "--nonlinearity", "sigmoid"));
        assertEquals("vanish: --nonlinearity: \"sigmoid\" is not nn.RNN's; allowed tanh, relu\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
