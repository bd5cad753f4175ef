package org.vanish.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.vanish.engine.LayerRun;
import org.vanish.engine.RunResult;
import org.vanish.engine.Spectra;
import org.vanish.files.AtomicFile;

/**
 * One CSV per series, for spreadsheets and matplotlib: a column {@code t} and one column per run label.
 * Spectra get one file per run and matrix. Empty cells stand for log10 of an exact zero or a missing value.
 * Quoting is RFC 4180 (Apache Commons CSV), so a label with a comma, a quote or a line break stays one field;
 * column names are unique (a repeated label gets " (2)", " (3)"...). All files are written together: either
 * every one is replaced or none (see {@link AtomicFile#writeAll}).
 */
public final class CsvWriter {
    /** RFC 4180 with \n line ends, as the files were before. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').build();

    private CsvWriter() {
    }

    /** Rows of cells for one CSV file. */
    private interface Rows {
        void print(CSVPrinter out) throws IOException;
    }

    /** Writes every CSV into dir (created if needed) and returns the files written. */
    public static List<Path> write(List<RunResult> results, Path dir) throws IOException {
        Map<Path, AtomicFile.Content> files = new LinkedHashMap<>();
        Map<String, Function<RunResult, double[]>> series = new LinkedHashMap<>();
        series.put("log10GradNorm", r -> r.series().gradNorm);
        series.put("log10GradNormH", r -> r.series().gradNormH);
        series.put("log10GradNormC", r -> r.series().gradNormC);
        series.put("log10InputGradNorm", r -> r.series().inputGradNorm);
        series.put("log10JacobianProductNorm", r -> r.products() == null ? null : r.products().norm);
        List<String> columns = uniqueNames(results.stream().map(r -> r.spec().label()).toList());
        for (Map.Entry<String, Function<RunResult, double[]>> e : series.entrySet()) {
            boolean input = e.getKey().equals("log10InputGradNorm");
            Rows rows = timeSeries(results, columns, e.getValue(), input ? 1 : 0);
            if (rows != null) {
                files.put(dir.resolve(e.getKey() + ".csv"), content(rows));
            }
        }
        layerSeries(results, dir, files);
        Set<String> slugs = new HashSet<>();
        for (RunResult r : results) {
            String base = slug(r.spec().label());
            String slug = base;
            for (int k = 2; !slugs.add(slug); k++) {
                slug = base + "-" + k;
            }
            if (r.products() != null && r.products().productSingularValues != null) {
                files.put(dir.resolve(slug + "_log10ProductSingularValues.csv"),
                        content(column("log10SingularValue", r.products().productSingularValues)));
            }
            for (LayerRun lr : r.layers()) {
                if (lr.spectra() == null) {
                    continue;
                }
                // layer 0 forward keeps the file names of a one-layer run
                String prefix = lr.layer() == 0 && !lr.backward() ? slug
                        : slug + "_layer" + lr.layer() + "-" + lr.direction();
                for (Map.Entry<String, Spectra.Spectrum> e : lr.spectra().entrySet()) {
                    double[][] ev = e.getValue().eigenvalues;
                    files.put(dir.resolve(prefix + "_eigenvalues_" + e.getKey() + ".csv"), content(out -> {
                        out.printRecord("index", "re", "im");
                        for (int i = 0; i < ev.length; i++) {
                            out.printRecord(i, cell(ev[i][0]), cell(ev[i][1]));
                        }
                    }));
                    files.put(dir.resolve(prefix + "_singularValues_" + e.getKey() + ".csv"),
                            content(column("singularValue", e.getValue().singularValues)));
                }
            }
        }
        return AtomicFile.writeAll(files);
    }

    /**
     * The report's layerSeries as CSVs, layerSeries_log10GradNorm.csv and so on: a column k (the direction's
     * processing step, 0..T) and one column per run, layer and direction, named "LABEL layer L DIRECTION".
     */
    private static void layerSeries(List<RunResult> results, Path dir, Map<Path, AtomicFile.Content> files) {
        Map<String, Function<LayerRun, double[]>> series = new LinkedHashMap<>();
        series.put("log10GradNorm", lr -> lr.series().gradNorm);
        series.put("log10GradNormH", lr -> lr.series().gradNormH);
        series.put("log10GradNormC", lr -> lr.series().gradNormC);
        series.put("log10JacobianProductNorm", lr -> lr.products() == null ? null : lr.products().norm);
        for (Map.Entry<String, Function<LayerRun, double[]>> e : series.entrySet()) {
            List<String> names = new ArrayList<>();
            List<double[]> cols = new ArrayList<>();
            for (RunResult r : results) {
                for (LayerRun lr : r.layers()) {
                    double[] v = e.getValue().apply(lr);
                    if (v != null) {
                        names.add(r.spec().label() + " layer " + lr.layer() + " " + lr.direction());
                        cols.add(v);
                    }
                }
            }
            if (!cols.isEmpty()) {
                files.put(dir.resolve("layerSeries_" + e.getKey() + ".csv"), content(table("k", uniqueNames(names),
                        cols, 0)));
            }
        }
    }

    private static Rows timeSeries(List<RunResult> results, List<String> names, Function<RunResult, double[]> get,
                                   int firstT) {
        List<double[]> cols = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (int k = 0; k < results.size(); k++) {
            double[] v = get.apply(results.get(k));
            if (v != null) {
                cols.add(v);
                header.add(names.get(k));
            }
        }
        return cols.isEmpty() ? null : table("t", header, cols, firstT);
    }

    /** A column index (first, first + 1, ...) and one column per name, empty where a column is shorter. */
    private static Rows table(String index, List<String> names, List<double[]> cols, int first) {
        List<String> header = new ArrayList<>();
        header.add(index);
        header.addAll(names);
        int rows = 0;
        for (double[] v : cols) {
            rows = Math.max(rows, v.length);
        }
        int firstT = first;
        int n = rows;
        return out -> {
            out.printRecord(header);
            List<Object> row = new ArrayList<>(cols.size() + 1);
            for (int i = 0; i < n; i++) {
                row.clear();
                row.add(i + firstT);
                for (double[] v : cols) {
                    row.add(i < v.length ? cell(v[i]) : "");
                }
                out.printRecord(row);
            }
        };
    }

    private static Rows column(String header, double[] values) {
        return out -> {
            out.printRecord("index", header);
            for (int i = 0; i < values.length; i++) {
                out.printRecord(i, cell(values[i]));
            }
        };
    }

    private static AtomicFile.Content content(Rows rows) {
        return stream -> {
            Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            try (CSVPrinter out = new CSVPrinter(w, FORMAT)) {
                rows.print(out);
            }
        };
    }

    /** A number as Java prints a double, or the empty field for log10 of zero (−∞) and anything not finite. */
    public static String cell(double x) {
        return Double.isFinite(x) ? Double.toString(x) : "";
    }

    /** names with repeats made unique: "a", "a" and "a (2)" become "a", "a (2)" and "a (2) (2)". */
    public static List<String> uniqueNames(List<String> names) {
        Set<String> taken = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String name : names) {
            String s = name;
            for (int k = 2; taken.contains(s); k++) {
                s = name + " (" + k + ")";
            }
            taken.add(s);
            out.add(s);
        }
        return out;
    }

    /** Writes text to file atomically (see {@link AtomicFile}). */
    public static Path atomically(Path file, String text) throws IOException {
        return AtomicFile.write(file, text);
    }

    /** A file-name-safe form of a label: "rnn tanh" gives "rnn-tanh". */
    public static String slug(String label) {
        String s = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (s.length() > 60) {
            s = s.substring(0, 60);   // a file name has room for about 255 bytes
        }
        return s.isEmpty() ? "run" : s;
    }
}
