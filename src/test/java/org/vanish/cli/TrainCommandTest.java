package org.vanish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;

/** {@code vanish train} end to end on a tiny preset: files written, their content, exit codes of bad input. */
class TrainCommandTest {
    private static final String TINY = "{\"name\": \"tiny\", \"seed\": 3, \"cell\": \"gru\", \"hiddenSize\": 4, "
            + "\"training\": {\"task\": \"agreement\", \"length\": 5, \"datasetSize\": 8, \"batchSize\": 4, "
            + "\"learningRate\": 0.01, \"steps\": 50}}";

    @TempDir
    Path dir;

    @Test
    void trainsAndWritesTheLogAndTheTrainedPreset() throws Exception {
        Path preset = dir.resolve("p.json");
        Files.writeString(preset, TINY);
        Path out = dir.resolve("trained.json");
        Path log = dir.resolve("m.csv");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, CliRunner.run(err, "train", preset.toString(), "--steps", "7", "--out", out.toString(),
                "--log", log.toString(), "--eval-every", "3"), err.toString());
        List<String> rows = Files.readAllLines(log);
        assertEquals(TrainCommand.CSV_HEADER, rows.get(0));
        assertEquals(8, rows.size(), "a header and one row per step");
        int columns = TrainCommand.CSV_HEADER.split(",").length;
        for (int i = 1; i < rows.size(); i++) {
            String[] f = rows.get(i).split(",", -1);
            assertEquals(columns, f.length, rows.get(i));
            assertEquals(Integer.toString(i), f[0]);
            assertTrue(Double.parseDouble(f[1]) > 0, "loss");
            double acc = Double.parseDouble(f[2]);
            assertTrue(acc >= 0 && acc <= 1, "accuracy");
            assertEquals(i % 3 == 0 || i == 7, !f[5].isEmpty(), "held-out loss every 3 steps and at the end");
        }
        // not a terminal: one line per tenth, no carriage returns
        assertFalse(err.toString().contains("\r"));
        assertTrue(err.toString().contains("100% step 7/7"), err.toString());

        Preset trained = PresetCodec.read(out);
        assertEquals(List.of("gru initial", "gru trained"), trained.runs().stream().map(r -> r.label()).toList());
        assertEquals(6, trained.steps(), "T + 1 steps of the agreement task");
        assertEquals(10, trained.inputSize());
        assertEquals("explicit", trained.inputs().kind());
        assertTrue(trained.training() == null, "explicit parameters: no training block");
        double[][] w0 = trained.runs().get(0).parameters().get("W_h");
        double[][] w1 = trained.runs().get(1).parameters().get("W_h");
        assertFalse(java.util.Arrays.deepEquals(w0, w1), "the trained run differs from the initial one");
        assertEquals(0, CliRunner.run(new ByteArrayOutputStream(), "analyze", out.toString(), "--json",
                dir.resolve("r.json").toString()), "the dashboard's analysis opens the trained preset");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws Exception {
        Path preset = dir.resolve("p.json");
        Files.writeString(preset, TINY);
        Path plain = dir.resolve("plain.json");
        Files.writeString(plain, "{\"cell\": \"lstm\", \"hiddenSize\": 4, \"steps\": 5}");
        Path badLength = dir.resolve("bad.json");
        Files.writeString(badLength, TINY.replace("\"length\": 5", "\"length\": 1"));
        Path badInput = dir.resolve("bad-input.json");
        Files.writeString(badInput, TINY.replace("\"hiddenSize\": 4,", "\"hiddenSize\": 4, \"inputSize\": 3,"));
        String[][] cases = {
            {"train", plain.toString()},
            {"train", preset.toString(), "--steps", "0"},
            {"train", preset.toString(), "--out", dir.toString()},
            {"train", badLength.toString()},
            {"train", badInput.toString()},
            {"train", dir.resolve("missing.json").toString()},
        };
        String[] expected = {"training: missing", "--steps: 0 is out of range", "--out:", "training.length: 1 is out of range",
            "inputSize: 3 does not match the agreement task's 10 inputs", "no such file"};
        for (int i = 0; i < cases.length; i++) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(2, CliRunner.run(err, cases[i]), String.join(" ", cases[i]) + ": " + err);
            String msg = err.toString().trim();
            assertFalse(msg.contains("\n"), msg);
            assertTrue(msg.contains(expected[i]), msg);
        }
    }

    @Test
    void aPlaceTheResultsCannotGoIsRefusedBeforeTrainingNotAfter() throws Exception {
        Path preset = Files.writeString(dir.resolve("p.json"), TINY);
        Path file = Files.writeString(dir.resolve("file"), "a file");
        Path good = dir.resolve("trained.json");
        for (String option : new String[] {"--out", "--log"}) {
            Path bad = file.resolve("x." + (option.equals("--out") ? "json" : "csv"));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(2, CliRunner.run(err, "train", preset.toString(), "--steps", "3", option, bad.toString(),
                    option.equals("--out") ? "--log" : "--out", good.toString()));
            // one line and no progress: before, the three steps ran and their network was lost
            assertEquals("vanish: cannot write " + bad + ": " + file + " is a file, not a folder", err.toString().strip());
            assertFalse(Files.exists(good), "nothing was trained or written");
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of("file", "p.json"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary file is left by the check");
        }
    }

    @Test
    void aRunThatDivergesStopsWithExit2AndALogThatReadsBack() throws Exception {
        Path preset = dir.resolve("wild.json");
        Files.writeString(preset, "{\"name\": \"wild\", \"seed\": 3, \"cell\": \"lstm\", \"hiddenSize\": 5, "
                + "\"training\": {\"task\": \"adding\", \"length\": 12, \"datasetSize\": 4, \"batchSize\": 4, "
                + "\"optimizer\": \"sgd\", \"learningRate\": 10, \"momentum\": 0.99, \"clip\": false, \"steps\": 500}}");
        Path out = dir.resolve("trained.json");
        Path log = dir.resolve("m.csv");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, CliRunner.run(err, "train", preset.toString(), "--out", out.toString(), "--log",
                log.toString()), err.toString());
        String[] lines = err.toString().strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.matches("vanish: training diverged at step \\d+: .*; the log of the \\d+ steps before is in "
                + java.util.regex.Pattern.quote(log.toString()) + "; no trained network was written"), last);
        assertFalse(Files.exists(out), "no trained preset");
        try (var in = Files.newBufferedReader(log);
             var csv = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                     .build().parse(in)) {
            assertEquals(List.of(TrainCommand.CSV_HEADER.split(",")), csv.getHeaderNames());
            for (var r : csv.getRecords()) {
                for (String field : r.values()) {
                    // a number, true/false, or empty for a missing value: never NaN or Infinity
                    assertTrue(field.isEmpty() || field.equals("true") || field.equals("false")
                            || Double.isFinite(Double.parseDouble(field)), field);
                }
            }
        }
    }
}
