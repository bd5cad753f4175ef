package org.vanish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VanishCliTest {
    @TempDir
    Path dir;


    @Test
    void analyzeWritesTheReportWithTheDocumentedFields() throws Exception {
        Path preset = dir.resolve("p.json");
        Files.writeString(preset, "{\"steps\": 6, \"inputSize\": 2, \"hiddenSize\": 3, \"runs\": ["
                + "{\"cell\": \"lstm\"}, {\"cell\": \"rnn\", \"activation\": \"relu\", \"biases\": {\"b\": -50}}]}");
        Path out = dir.resolve("r.json");
        assertEquals(0, CliRunner.run(new ByteArrayOutputStream(), "analyze", preset.toString(), "--json", out.toString(),
                "--csv", dir.resolve("csv").toString()));
        JsonNode r = new ObjectMapper().readTree(out.toFile());
        assertEquals("vanish-report/1", r.get("format").asText());
        JsonNode lstm = r.get("runs").get(0);
        for (String f : List.of("label", "cell", "activation", "hiddenSize", "inputSize", "steps", "parameters",
                "inputs", "initialState", "readout", "series", "spectra")) {
            assertTrue(lstm.has(f), f);
        }
        assertEquals(7, lstm.get("series").get("log10GradNorm").size());
        assertEquals(7, lstm.get("series").get("log10GradNormC").size());
        assertEquals(6, lstm.get("series").get("log10InputGradNorm").size());
        assertEquals(7, lstm.get("series").get("log10JacobianProductNorm").size());
        assertEquals(0.0, lstm.get("series").get("log10JacobianProductNorm").get(6).asDouble());
        assertEquals(6, lstm.get("spectra").get("log10ProductSingularValues").size());
        assertEquals(4, lstm.get("spectra").get("eigenvalues").size());
        assertEquals(3, lstm.get("parameters").get("W_f").size());
        assertEquals(3, lstm.get("parameters").get("b_f").size());
        assertEquals(3, lstm.get("initialState").get("c").size());
        // a dead relu network: exact zeros are null, never a number
        JsonNode dead = r.get("runs").get(1).get("series").get("log10GradNorm");
        assertTrue(dead.get(0).isNull());
        assertFalse(dead.get(6).isNull());
        assertTrue(Files.exists(dir.resolve("csv/log10GradNorm.csv")));
        String csv = Files.readString(dir.resolve("csv/log10GradNorm.csv"));
        assertTrue(csv.startsWith("t,lstm,rnn relu\n0,"), csv);
    }

    @Test
    void aBadPresetIsExitCodeTwoAndOneLine() throws Exception {
        Path preset = dir.resolve("bad.json");
        Files.writeString(preset, "{\"runs\": [{\"cell\": \"lstm\", \"hiddenSize\": 0}]}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path out = dir.resolve("r.json");
        assertEquals(2, CliRunner.run(err, "analyze", preset.toString(), "--json", out.toString()));
        String msg = err.toString(StandardCharsets.UTF_8);
        assertEquals("vanish: bad.json: runs[0].hiddenSize: 0 is out of range; allowed 1 to 2048\n", msg);
        assertFalse(Files.exists(out));
    }

    @Test
    void aMistypedCommandIsOneLineNamingTheCommandsAndExitCodeTwo() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertTrue(VanishCli.isCommandLine(new String[] {"analyse", "presets/default.json"}));
        assertEquals(2, CliRunner.run(err, "analyse", "presets/default.json"));
        String text = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.contains("\"analyse\"") && text.contains("analyze, bench, export, import, train"), text);
    }

    @Test
    void theHelpNamesTheAppsOptions() {
        java.io.StringWriter out = new java.io.StringWriter();
        new picocli.CommandLine(new VanishCli()).usage(new java.io.PrintWriter(out));
        assertTrue(out.toString().contains("--preset FILE") && out.toString().contains("--tab NAME"), out.toString());
        // picocli breaks a footer line longer than 80 columns at column 0: "spectrum, product-spectrum," stood alone
        String footer = out.toString().substring(out.toString().indexOf("Without a command"));
        for (String line : footer.split("\\R")) {
            assertTrue(line.isEmpty() || line.startsWith("Without") || line.startsWith("  "), "a broken line: '" + line
                    + "' in\n" + footer);
        }
        java.io.StringWriter imp = new java.io.StringWriter();
        new picocli.CommandLine(new VanishCli()).getSubcommands().get("import").usage(new java.io.PrintWriter(imp));
        assertTrue(imp.toString().lines().noneMatch(l -> l.startsWith("safetensors")), imp.toString());
    }

    @Test
    void unknownOptionsAreExitCodeTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, CliRunner.run(err, "analyze", "--nope"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("vanish: "));
    }

    @Test
    void anExplodingLinearStateIsAClearErrorNotNaN() throws Exception {
        Path preset = dir.resolve("boom.json");
        Files.writeString(preset, "{\"steps\": 5000, \"inputSize\": 2, \"hiddenSize\": 4, \"scale\": 3,"
                + "\"runs\": [{\"cell\": \"rnn\", \"activation\": \"linear\"}]}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, CliRunner.run(err, "analyze", preset.toString(), "--json", dir.resolve("x.json").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("leaves the double range at step t ="));
    }

    @Test
    void aRunTooLargeForMemoryIsRefusedBeforeAnythingIsAllocated() throws Exception {
        Path preset = dir.resolve("huge.json");
        Files.writeString(preset, "{\"steps\": 1000000, \"runs\": [{\"cell\": \"lstm\", \"hiddenSize\": 2048}]}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, CliRunner.run(err, "analyze", preset.toString(), "--json", dir.resolve("x.json").toString()));
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.startsWith("vanish: steps, hiddenSize: 1000000 steps of run \"lstm\" (lstm, 2048 hidden units)"), msg);
        assertTrue(msg.endsWith("lower steps or hiddenSize\n"), msg);
    }

    @Test
    void anOverflowingStateNamesItsRun() throws Exception {
        Path preset = dir.resolve("boom2.json");
        Files.writeString(preset, "{\"steps\": 5000, \"inputSize\": 2, \"hiddenSize\": 4, \"scale\": 3,"
                + "\"runs\": [{\"label\": \"runaway\", \"cell\": \"rnn\", \"activation\": \"linear\"}]}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, CliRunner.run(err, "analyze", preset.toString(), "--json", dir.resolve("x.json").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("vanish: run \"runaway\": the state leaves"));
    }

    @Test
    void unwritableOutputsAndBadCountsAreOneLineAndExitCodeTwo() throws Exception {
        Path preset = dir.resolve("p.json");
        Files.writeString(preset, "{\"steps\": 3, \"inputSize\": 1, \"hiddenSize\": 2}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, CliRunner.run(err, "analyze", preset.toString(), "--json", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is a folder"), err.toString());
        err.reset();
        assertEquals(2, CliRunner.run(err, "bench", "--threads", "0"));
        assertEquals("vanish: --threads: 0 is not allowed; give 1 or more\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runsWhoseLabelsMakeTheSameFileNameKeepSeparateCsvFiles() throws Exception {
        Path preset = dir.resolve("p.json");
        Files.writeString(preset, "{\"steps\": 3, \"inputSize\": 1, \"hiddenSize\": 2, \"runs\": ["
                + "{\"label\": \"a b\"}, {\"label\": \"a-b\"}]}");
        assertEquals(0, CliRunner.run(new ByteArrayOutputStream(), "analyze", preset.toString(), "--csv",
                dir.resolve("csv").toString()));
        assertTrue(Files.exists(dir.resolve("csv/a-b_singularValues_W_h.csv")));
        assertTrue(Files.exists(dir.resolve("csv/a-b-2_singularValues_W_h.csv")));
    }

    @Test
    void everyShippedPresetAnalyzes() throws Exception {
        try (var files = Files.list(Path.of("presets"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                Path out = dir.resolve(f.getFileName());
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                assertEquals(0, CliRunner.run(err, "analyze", f.toString(), "--json", out.toString()), err.toString());
                JsonNode r = new ObjectMapper().readTree(out.toFile());
                for (JsonNode run : r.get("runs")) {
                    for (JsonNode v : run.get("series").get("log10GradNorm")) {
                        assertTrue(v.isNull() || Double.isFinite(v.asDouble()));
                    }
                }
            }
        }
    }
}
