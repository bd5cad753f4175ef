package org.vanish.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.vanish.engine.Analyzer;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.files.AtomicFile;
import org.vanish.files.WriteFailure;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.report.CsvWriter;
import org.vanish.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vanish analyze PRESET.json --json REPORT.json --csv DIR}. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Computes every quantity of a preset's runs and writes the report.",
            "Without --json or --csv the JSON report goes to standard output."})
final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PRESET.json", description = "the preset to analyse")
    Path preset;

    @Option(names = "--json", paramLabel = "REPORT.json", description = "write the JSON report (vanish-report/1) here")
    Path json;

    @Option(names = "--csv", paramLabel = "DIR", description = "write one CSV per series into this folder")
    Path csv;

    @Option(names = "--live", description = "skip the Jacobian products (their norms and singular values)")
    boolean live;

    @Override
    public Integer call() throws Exception {
        if (json != null && Files.isDirectory(json)) {
            throw new Errors.UserError("--json: " + json + " is a folder; give a file name such as report.json");
        }
        if (csv != null && Files.exists(csv) && !Files.isDirectory(csv)) {
            throw new Errors.UserError("--csv: " + csv + " is a file; give a folder for the CSV files");
        }
        Preset p = PresetCodec.read(preset);
        p.checkFits(live ? Quantities.LIVE : Quantities.FULL, Runtime.getRuntime().maxMemory());
        // a long analysis (10^6 steps) should not end in "cannot write": a place the files cannot go is found now
        if (json != null) {
            AtomicFile.checkWritable(json);
        }
        if (csv != null) {
            AtomicFile.checkWritable(csv.resolve("log10GradNorm.csv"));
        }
        List<RunResult> results = analyze(p, live ? Quantities.LIVE : Quantities.FULL);
        if (json == null && csv == null) {
            toStandardOutput(out -> {
                ReportWriter.write(results, out);
                out.write('\n');
            });
            return 0;
        }
        if (json != null) {
            AtomicFile.write(json, out -> ReportWriter.write(results, out));
        }
        if (csv != null) {
            CsvWriter.write(results, csv);
        }
        return 0;
    }

    /**
     * Writes content to standard output through its file descriptor, not System.out: a PrintStream swallows
     * write errors, and a report piped into a full disk ({@code > /dev/full}) must not end in exit 0.
     */
    static void toStandardOutput(AtomicFile.Content content) throws WriteFailure {
        System.out.flush();
        toStream(new FileOutputStream(FileDescriptor.out), "standard output", content);
    }

    /** Writes content to stream (left open), flushed; any failure is a WriteFailure naming what. */
    static void toStream(OutputStream stream, String what, AtomicFile.Content content) throws WriteFailure {
        OutputStream out = new BufferedOutputStream(stream, 1 << 16);
        try {
            content.write(out);
            out.flush();
        } catch (IOException e) {
            throw WriteFailure.of(what, e);
        }
    }

    /** Analyses every run of p, two at a time on this machine's cores. */
    static List<RunResult> analyze(Preset p, Quantities q) {
        Analyzer analyzer = new Analyzer();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
                r -> {
                    Thread t = new Thread(r, "vanish-analyze");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Analyzer.Prepared> prepared = p.toRunSpecs().stream().map(analyzer::prepare).toList();
            double[] scales = prepared.stream().mapToDouble(r -> r.spec().scale()).toArray();
            return Analyzer.analyzeAll(prepared, scales, q, pool);
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

}
