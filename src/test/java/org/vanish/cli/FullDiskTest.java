package org.vanish.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Quantities;
import org.vanish.figure.Figures;
import org.vanish.figure.GradientNormFigure;
import org.vanish.files.AtomicFile;
import org.vanish.files.WriteFailure;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.preset.TrainedPresets;
import org.vanish.report.CsvWriter;
import org.vanish.report.ReportWriter;
import org.vanish.train.Trainer;

/**
 * Every writer into a full file system: an in-memory disk (Jimfs) with room for only part of the file, at several
 * sizes. Each write must fail with "cannot write PATH: no space left on device", leave the previous file byte for
 * byte, and leave no temporary file; with room enough it must write exactly what it writes anywhere else.
 */
class FullDiskTest {
    private static final String PRESET = "{\"name\": \"disk\", \"seed\": 4, \"steps\": 40, \"inputSize\": 3, "
            + "\"hiddenSize\": 6, \"runs\": [{\"label\": \"a, \\\"quoted\\\"\"}, {\"cell\": \"lstm\"}, {\"cell\": \"gru\"}]}";
    private static final String TRAIN = "{\"name\": \"tiny\", \"seed\": 3, \"cell\": \"gru\", \"hiddenSize\": 4, "
            + "\"training\": {\"task\": \"agreement\", \"length\": 5, \"datasetSize\": 8, \"batchSize\": 4, "
            + "\"learningRate\": 0.01, \"steps\": 5}}";
    private static final byte[] OLD = "the previous file, which must survive".getBytes(StandardCharsets.UTF_8);
    private static final int BLOCK = 128;

    /** A writer of one file, by name, as the program calls it. */
    record Writer(String name, String file, AtomicFile.Content content) {
    }

    private static List<Writer> writers;

    @BeforeAll
    static void makeWriters() throws Exception {
        Preset p = PresetCodec.parse(PRESET);
        var results = AnalyzeCommand.analyze(p, Quantities.FULL);
        JFreeChart chart = new GradientNormFigure().chart(results);
        byte[] png = Figures.png(Figures.render(chart, 400, 300, 1));
        byte[] svg = Figures.svg(chart, 400, 300).getBytes(StandardCharsets.UTF_8);
        Trainer trainer = new Trainer(PresetCodec.parse(TRAIN).trainConfig());
        List<List<String>> log = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            var s = trainer.step();
            log.add(List.of(Integer.toString(i), Double.toString(s.loss()), "", Double.toString(s.gradNorm()),
                    "false", "", "", "", "", "0.1"));
        }
        String trained = PresetCodec.write(TrainedPresets.of(trainer, "tiny (trained 12 steps)"));
        writers = List.of(
                new Writer("report", "report.json", out -> ReportWriter.write(results, out)),
                new Writer("png", "fig.png", out -> out.write(png)),
                new Writer("svg", "fig.svg", out -> out.write(svg)),
                new Writer("preset", "preset.json", out -> out.write(PresetCodec.write(p).getBytes(StandardCharsets.UTF_8))),
                new Writer("trained preset", "trained.json", out -> out.write(trained.getBytes(StandardCharsets.UTF_8))),
                new Writer("training log", "log.csv", TrainCommand.logCsv(log)));
    }

    private static FileSystem disk(long bytes) {
        return Jimfs.newFileSystem(Configuration.unix().toBuilder().setBlockSize(BLOCK).setMaxSize(bytes).build());
    }

    private static byte[] bytes(AtomicFile.Content c) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        c.write(b);
        return b.toByteArray();
    }

    @Test
    void everyWriterOnAFullDiskFailsNamingThePathAndKeepsThePreviousFile() throws Exception {
        for (Writer w : writers) {
            int size = bytes(w.content()).length;
            assertTrue(size > 4 * BLOCK, w.name() + " is large enough to fill the disk part way: " + size);
            // the old file takes one block; the new one gets room for a quarter, a half, all but one block
            for (long room : new long[] {0, size / 4, size / 2, size - BLOCK}) {
                try (FileSystem fs = disk(BLOCK + room)) {
                    Path dir = fs.getPath("/out");
                    Files.createDirectories(dir);
                    Path f = dir.resolve(w.file());
                    Files.write(f, OLD);
                    WriteFailure e = assertThrows(WriteFailure.class, () -> AtomicFile.write(f, w.content()),
                            w.name() + " with room for " + room + " of " + size + " bytes");
                    assertEquals("cannot write " + f + ": no space left on device", e.getMessage());
                    assertArrayEquals(OLD, Files.readAllBytes(f), w.name() + ": the previous file is untouched");
                    assertEquals(List.of(f), list(dir), w.name() + ": no temporary file is left");
                }
            }
            try (FileSystem fs = disk(BLOCK * 4L + size * 2L)) {
                Path f = fs.getPath("/out").resolve(w.file());
                AtomicFile.write(f, w.content());
                assertArrayEquals(bytes(w.content()), Files.readAllBytes(f), w.name() + " with room enough");
            }
        }
    }

    @Test
    void theCsvFilesAreReplacedAllOrNone() throws Exception {
        var results = AnalyzeCommand.analyze(PresetCodec.parse(PRESET), Quantities.FULL);
        Map<String, byte[]> complete = new LinkedHashMap<>();
        try (FileSystem fs = disk(1 << 24)) {
            for (Path f : CsvWriter.write(results, fs.getPath("/csv"))) {
                complete.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        long total = complete.values().stream().mapToLong(b -> b.length / BLOCK + 1).sum() * BLOCK;
        for (long room : new long[] {BLOCK, total / 3, total * 2 / 3, total - BLOCK}) {
            try (FileSystem fs = disk(room + (long) complete.size() * BLOCK)) {
                Path dir = fs.getPath("/csv");
                Files.createDirectories(dir);
                for (String name : complete.keySet()) {
                    Files.write(dir.resolve(name), OLD);
                }
                WriteFailure e = assertThrows(WriteFailure.class, () -> CsvWriter.write(results, dir), "room " + room);
                assertTrue(e.getMessage().matches("cannot write /csv/.*\\.csv: no space left on device"), e.getMessage());
                for (String name : complete.keySet()) {
                    assertArrayEquals(OLD, Files.readAllBytes(dir.resolve(name)), name + " is as it was");
                }
                assertEquals(complete.size(), list(dir).size(), "no temporary file is left");
            }
        }
    }

    @Test
    void standardOutputThatFailsAfterSomeBytesIsAFailureNotASuccess() throws Exception {
        var results = AnalyzeCommand.analyze(PresetCodec.parse(PRESET), Quantities.LIVE);
        int size = bytes(out -> ReportWriter.write(results, out)).length;
        for (int limit : new int[] {0, 1, 4096, size - 1}) {
            OutputStream full = new FailingStream(limit);
            WriteFailure e = assertThrows(WriteFailure.class,
                    () -> AnalyzeCommand.toStream(full, "standard output", out -> ReportWriter.write(results, out)));
            assertEquals("cannot write standard output: no space left on device", e.getMessage());
        }
    }

    @Test
    void aTrainingLogOnAFullDiskDoesNotCostTheTrainedNetwork() throws Exception {
        String trained = PresetCodec.write(TrainedPresets.of(new Trainer(PresetCodec.parse(TRAIN).trainConfig()), "t"));
        List<List<String>> rows = java.util.Collections.nCopies(20,
                List.of("1", "0.5", "", "1", "false", "", "", "", "", "0.1"));
        try (FileSystem full = disk(BLOCK); FileSystem roomy = disk(1 << 22)) {
            Path log = Files.createDirectories(full.getPath("/out")).resolve("log.csv");
            WriteFailure logFailure = assertThrows(WriteFailure.class, () -> AtomicFile.write(log, TrainCommand.logCsv(rows)));
            Path out = roomy.getPath("/elsewhere/trained.json");
            WriteFailure e = assertThrows(WriteFailure.class, () -> TrainCommand.writeTrained(out, trained, logFailure));
            assertEquals("cannot write /out/log.csv: no space left on device; the trained network was written to "
                    + out, e.getMessage());
            assertEquals(trained, Files.readString(out));
            // both on the full disk: one line naming both
            Path there = full.getPath("/out/trained.json");
            e = assertThrows(WriteFailure.class, () -> TrainCommand.writeTrained(there, trained, logFailure));
            assertEquals("cannot write /out/trained.json: no space left on device; nor could the log (cannot write "
                    + "/out/log.csv: no space left on device)", e.getMessage());
        }
    }

    @Test
    void exportAndAnalyzeNameThePathAndTheReasonWithExitCode2() throws Exception {
        Path dir = Files.createTempDirectory("vanish-write");
        try {
            Path preset = Files.writeString(dir.resolve("p.json"), PRESET);
            Files.createDirectories(dir.resolve("x.png"));
            Files.writeString(dir.resolve("file"), "a file");
            String[][] cases = {
                {"export", preset.toString(), "--out", dir.resolve("x.png").toString()},
                {"export", preset.toString(), "--out", dir.resolve("file/y.svg").toString()},
                {"analyze", preset.toString(), "--json", dir.resolve("file/sub/r.json").toString()},
                {"train", Files.writeString(dir.resolve("t.json"), TRAIN).toString(), "--steps", "1",
                    "--log", dir.resolve("file/log.csv").toString()},
            };
            String[] reasons = {"it is a folder", dir.resolve("file") + " is a file, not a folder",
                dir.resolve("file") + " is a file, not a folder", dir.resolve("file") + " is a file, not a folder"};
            for (int i = 0; i < cases.length; i++) {
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                assertEquals(2, CliRunner.run(err, cases[i]), err.toString());
                String target = cases[i][cases[i].length - 1];
                String[] lines = err.toString().strip().split("\n");
                assertEquals("vanish: cannot write " + target + ": " + reasons[i], lines[lines.length - 1]);
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    /** A stream on a device that fills after limit bytes. */
    static final class FailingStream extends OutputStream {
        private long left;

        FailingStream(long limit) {
            left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                left = 0;
                throw new IOException("No space left on device");
            }
            left -= len;
        }
    }
}
