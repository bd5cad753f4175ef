package org.vanish.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.vanish.engine.LayerRun;
import org.vanish.engine.RunResult;
import org.vanish.files.AtomicFile;
import org.vanish.engine.Spectra;

/**
 * One CSV per series, for spreadsheets and matplotlib: a column {@code t} and one column per run label.
 * Spectra get one file per run and matrix. Empty cells stand for log10 of an exact zero or a missing value.
 * Each file is written to a temporary name and moved into place, so no half-written file is left.
 */
public final class CsvWriter {
    private CsvWriter() {
    }

    /** Writes every CSV into dir (created if needed) and returns the files written. */
    public static List<Path> write(List<RunResult> results, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Map<String, Function<RunResult, double[]>> series = new LinkedHashMap<>();
        series.put("log10GradNorm", r -> r.series().gradNorm);
        series.put("log10GradNormH", r -> r.series().gradNormH);
        series.put("log10GradNormC", r -> r.series().gradNormC);
        series.put("log10InputGradNorm", r -> r.series().inputGradNorm);
        series.put("log10JacobianProductNorm", r -> r.products() == null ? null : r.products().norm);
        for (Map.Entry<String, Function<RunResult, double[]>> e : series.entrySet()) {
            boolean input = e.getKey().equals("log10InputGradNorm");
            Path f = timeSeries(dir.resolve(e.getKey() + ".csv"), results, e.getValue(), input ? 1 : 0);
            if (f != null) {
                written.add(f);
            }
        }
        written.addAll(layerSeries(results, dir));
        java.util.Set<String> slugs = new java.util.HashSet<>();
        for (RunResult r : results) {
            String base = slug(r.spec().label());
            String slug = base;
            for (int k = 2; !slugs.add(slug); k++) {
                slug = base + "-" + k;
            }
            if (r.products() != null && r.products().productSingularValues != null) {
                written.add(column(dir.resolve(slug + "_log10ProductSingularValues.csv"), "index,log10SingularValue",
                        r.products().productSingularValues));
            }
            for (LayerRun lr : r.layers()) {
                if (lr.spectra() == null) {
                    continue;
                }
                // layer 0 forward keeps the file names of a one-layer run
                String prefix = lr.layer() == 0 && !lr.backward() ? slug
                        : slug + "_layer" + lr.layer() + "-" + lr.direction();
                for (Map.Entry<String, Spectra.Spectrum> e : lr.spectra().entrySet()) {
                    StringBuilder sb = new StringBuilder("index,re,im\n");
                    double[][] ev = e.getValue().eigenvalues;
                    for (int i = 0; i < ev.length; i++) {
                        sb.append(i).append(',').append(ev[i][0]).append(',').append(ev[i][1]).append('\n');
                    }
                    written.add(atomically(dir.resolve(prefix + "_eigenvalues_" + e.getKey() + ".csv"),
                            sb.toString()));
                    written.add(column(dir.resolve(prefix + "_singularValues_" + e.getKey() + ".csv"),
                            "index,singularValue", e.getValue().singularValues));
                }
            }
        }
        return written;
    }

    /**
     * The report's layerSeries as CSVs, layerSeries_log10GradNorm.csv and so on: a column k (the direction's
     * processing step, 0..T) and one column per run, layer and direction, named "LABEL layer L DIRECTION".
     */
    private static List<Path> layerSeries(List<RunResult> results, Path dir) throws IOException {
        Map<String, Function<LayerRun, double[]>> series = new LinkedHashMap<>();
        series.put("log10GradNorm", lr -> lr.series().gradNorm);
        series.put("log10GradNormH", lr -> lr.series().gradNormH);
        series.put("log10GradNormC", lr -> lr.series().gradNormC);
        series.put("log10JacobianProductNorm", lr -> lr.products() == null ? null : lr.products().norm);
        List<Path> written = new ArrayList<>();
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
                written.add(table(dir.resolve("layerSeries_" + e.getKey() + ".csv"), "k", names, cols, 0));
            }
        }
        return written;
    }

    private static Path table(Path file, String index, List<String> names, List<double[]> cols, int first)
            throws IOException {
        StringBuilder sb = new StringBuilder(index);
        int rows = 0;
        for (int c = 0; c < cols.size(); c++) {
            sb.append(',').append(quote(names.get(c)));
            rows = Math.max(rows, cols.get(c).length);
        }
        sb.append('\n');
        for (int i = 0; i < rows; i++) {
            sb.append(i + first);
            for (double[] v : cols) {
                sb.append(',');
                if (i < v.length && Double.isFinite(v[i])) {
                    sb.append(v[i]);
                }
            }
            sb.append('\n');
        }
        return atomically(file, sb.toString());
    }

    private static Path timeSeries(Path file, List<RunResult> results, Function<RunResult, double[]> get, int firstT)
            throws IOException {
        List<double[]> cols = new ArrayList<>();
        StringBuilder sb = new StringBuilder("t");
        int rows = 0;
        for (RunResult r : results) {
            double[] v = get.apply(r);
            if (v != null) {
                cols.add(v);
                sb.append(',').append(quote(r.spec().label()));
                rows = Math.max(rows, v.length);
            }
        }
        if (cols.isEmpty()) {
            return null;
        }
        sb.append('\n');
        for (int i = 0; i < rows; i++) {
            sb.append(i + firstT);
            for (double[] v : cols) {
                sb.append(',');
                if (i < v.length && Double.isFinite(v[i])) {
                    sb.append(v[i]);
                }
            }
            sb.append('\n');
        }
        return atomically(file, sb.toString());
    }

    private static Path column(Path file, String header, double[] values) throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int i = 0; i < values.length; i++) {
            sb.append(i).append(',');
            if (Double.isFinite(values[i])) {
                sb.append(values[i]);
            }
            sb.append('\n');
        }
        return atomically(file, sb.toString());
    }

    /** Writes text to file atomically (see {@link AtomicFile}). */
    public static Path atomically(Path file, String text) throws IOException {
        return AtomicFile.write(file, text);
    }

    /** A file-name-safe form of a label: "rnn tanh" gives "rnn-tanh". */
    public static String slug(String label) {
        String s = label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "run" : s;
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
