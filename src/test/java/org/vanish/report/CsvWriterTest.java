package org.vanish.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanish.engine.Analyzer;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.preset.PresetCodec;

/** CSV files that other tools read back: quoted labels, unique column names, one row per time step. */
class CsvWriterTest {
    @TempDir
    Path dir;

    @Test
    void labelsWithLineBreaksCommasAndQuotesStayOneColumnAndRepeatsBecomeUnique() throws Exception {
        String json = "{\"seed\": 2, \"steps\": 7, \"inputSize\": 2, \"hiddenSize\": 3, \"runs\": ["
                + "{\"label\": \"line1\\nline2\"}, {\"label\": \"a, \\\"b\\\"\", \"cell\": \"lstm\"}, "
                + "{\"label\": \"c\\u0001d\", \"cell\": \"gru\"}]}";
        Analyzer analyzer = new Analyzer();
        List<RunResult> runs = PresetCodec.parse(json).toRunSpecs().stream()
                .map(s -> analyzer.analyze(s, Quantities.FULL)).toList();
        // the same runs twice, as a caller with repeated labels would pass them
        List<RunResult> twice = new java.util.ArrayList<>(runs);
        twice.addAll(runs);
        CsvWriter.write(twice, dir);
        try (Reader in = Files.newBufferedReader(dir.resolve("log10GradNorm.csv"));
             CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            List<String> header = csv.getHeaderNames();
            assertEquals(List.of("t", "line1\nline2", "a, \"b\"", "c\u0001d", "line1\nline2 (2)", "a, \"b\" (2)",
                    "c\u0001d (2)"), header);
            assertEquals(header.size(), new HashSet<>(header).size(), "column names are unique");
            List<CSVRecord> rows = csv.getRecords();
            assertEquals(8, rows.size(), "t = 0..T");
            for (CSVRecord r : rows) {
                assertEquals(header.size(), r.size(), "every row matches the header");
                assertEquals(r.get(1), r.get(4), "the repeated run's column holds the same numbers");
                assertTrue(Double.isFinite(Double.parseDouble(r.get(2))));
            }
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".")), "no temporary files");
        }
    }
}
