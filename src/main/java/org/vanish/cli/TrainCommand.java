package org.vanish.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import org.vanish.engine.RunFailure;
import org.vanish.files.AtomicFile;
import org.vanish.files.WriteFailure;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.preset.TrainedPresets;
import org.vanish.preset.TrainingSpec;
import org.vanish.report.CsvWriter;
import org.vanish.train.Evaluation;
import org.vanish.train.StepStats;
import org.vanish.train.TrainConfig;
import org.vanish.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vanish train PRESET.json --steps N --out TRAINED.json --log METRICS.csv}: trains the preset's first run
 * on its training block headless, with a progress bar on stderr (redrawn in place on a terminal, one line per tenth
 * otherwise), and writes the trained network as a preset and the metrics of every step as CSV, both atomically.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains the network of a preset with a \"training\" block, headless.",
            "Prints the final training and held-out loss; --out saves the trained network, --log every step's metrics."})
final class TrainCommand implements Callable<Integer> {
    static final String CSV_HEADER = "step,loss,accuracy,grad_norm,clipped,eval_loss,eval_accuracy,"
            + "log10_grad_first,log10_grad_last,seconds";

    @Parameters(index = "0", paramLabel = "PRESET.json", description = "a preset with a training block")
    Path preset;

    @Option(names = "--steps", paramLabel = "N", description = "updates to make (default: the preset's training.steps)")
    Integer steps;

    @Option(names = "--out", paramLabel = "TRAINED.json",
            description = "write the initial and trained network as a preset (explicit parameters) here")
    Path out;

    @Option(names = "--log", paramLabel = "METRICS.csv", description = "write one CSV row per step here")
    Path log;

    @Option(names = "--eval-every", paramLabel = "K",
            description = "evaluate on the held-out set every K steps and at the end (default: a twentieth of the steps)")
    Integer evalEvery;

    @Override
    public Integer call() throws Exception {
        for (Path p : new Path[] {out, log}) {
            if (p != null && Files.isDirectory(p)) {
                throw new Errors.UserError((p == out ? "--out: " : "--log: ") + p + " is a folder; give a file name");
            }
        }
        Preset p = PresetCodec.read(preset);
        if (p.training() == null) {
            throw new Errors.UserError(preset.getFileName() + ": training: missing; a preset to train needs a "
                    + "\"training\" block (see presets/adding-lstm.json)");
        }
        int n = steps != null ? steps : p.training().steps();
        if (n < 1 || n > TrainingSpec.MAX_STEPS) {
            throw new Errors.UserError("--steps: " + n + " is out of range; allowed 1 to " + TrainingSpec.MAX_STEPS);
        }
        int every = evalEvery != null ? evalEvery : Math.max(1, n / 20);
        if (every < 1) {
            throw new Errors.UserError("--eval-every: " + every + " is out of range; allowed 1 or more");
        }
        TrainConfig config;
        try {
            config = p.trainConfig();
        } catch (IllegalArgumentException e) {
            throw new Errors.UserError(preset.getFileName() + ": training: " + e.getMessage());
        }
        // a training run can take minutes: a place its results cannot go is found out now, not after it
        for (Path target : new Path[] {out, log}) {
            if (target != null) {
                AtomicFile.checkWritable(target);
            }
        }
        Trainer trainer = new Trainer(config);
        Progress progress = new Progress(System.err, n, System.console() != null);
        List<List<String>> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        StepStats last = null;
        Evaluation eval = null;
        RunFailure diverged = null;
        for (int i = 1; i <= n; i++) {
            try {
                last = trainer.step();
            } catch (RunFailure e) {
                diverged = e;
                break;
            }
            Evaluation e = i % every == 0 || i == n ? trainer.evaluate() : null;
            if (e != null) {
                eval = e;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double[] g = last.log10GradByTime();
            rows.add(List.of(Integer.toString(last.step()), num("%.8g", last.loss()), num("%.8g", last.accuracy()),
                    num("%.8g", last.gradNorm()), Boolean.toString(last.clipped()),
                    e == null ? "" : num("%.8g", e.loss()), e == null ? "" : num("%.8g", e.accuracy()),
                    num("%.6g", g[Math.min(1, g.length - 1)]), num("%.6g", g[g.length - 1]), num("%.3f", seconds)));
            progress.update(i, last.loss(), eval, seconds);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.finish();
        // the log and the trained network are written independently: a log that finds the disk full does not
        // throw away a network that would have fitted (or goes to another disk)
        WriteFailure logFailure = null;
        if (log != null) {
            try {
                AtomicFile.write(log, logCsv(rows));
            } catch (WriteFailure e) {
                logFailure = e;
            }
        }
        if (diverged != null) {
            throw new RunFailure(diverged.getMessage().replaceFirst("; the network is kept as it was after step \\d+", "")
                    + (log == null ? "" : logFailure == null ? "; the log of the " + rows.size() + " steps before is in "
                    + log : "; the log could not be written (" + logFailure.getMessage() + ")")
                    + (out != null ? "; no trained network was written" : ""));
        }
        writeTrained(out, out == null ? null : PresetCodec.write(TrainedPresets.of(trainer,
                p.name() + " (trained " + n + " steps)")), logFailure);
        System.out.printf(Locale.ROOT, "trained %d steps in %.1f s (%.1f steps/s): last batch loss %.5g; held-out loss "
                        + "%.5g%s; baseline %.5g (%s)%n", n, seconds, n / seconds, last.loss(), eval.loss(),
                trainer.hasAccuracy() ? String.format(Locale.ROOT, ", accuracy %.3f", eval.accuracy()) : "",
                trainer.baseline(), trainer.baselineDescription());
        return 0;
    }

    /**
     * Writes the trained preset's text to out (if out is given), then reports logFailure, the log's failed write, if
     * there was one: the network is kept whenever it can be, and the message says where it went.
     */
    static void writeTrained(Path out, String trained, WriteFailure logFailure) throws WriteFailure {
        if (out != null) {
            try {
                AtomicFile.write(out, trained);
            } catch (WriteFailure e) {
                throw logFailure == null ? e : new WriteFailure(e.target(), e.reason() + "; nor could the log ("
                        + logFailure.getMessage() + ")", e);
            }
        }
        if (logFailure != null) {
            throw new WriteFailure(logFailure.target(), logFailure.reason()
                    + (out != null ? "; the trained network was written to " + out : ""), logFailure);
        }
    }

    /** The training log: CSV_HEADER, then rows (RFC 4180, missing values as empty fields). */
    static AtomicFile.Content logCsv(List<List<String>> rows) {
        return stream -> {
            Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(w, CsvWriter.FORMAT)) {
                csv.printRecord((Object[]) CSV_HEADER.split(","));
                csv.printRecords(rows);
            }
        };
    }

    /** x in format, or the empty field for a value that is missing (NaN) or not finite. */
    private static String num(String format, double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, format, x) : "";
    }

    /** A progress bar redrawn in place on a terminal, else one line per tenth of the run. */
    static final class Progress {
        private static final int WIDTH = 30;
        private static final long REDRAW_NANOS = 100_000_000L;
        private final PrintStream err;
        private final int total;
        private final boolean terminal;
        private long lastDraw;
        private int lastTenth;

        Progress(PrintStream err, int total, boolean terminal) {
            this.err = err;
            this.total = total;
            this.terminal = terminal;
        }

        void update(int step, double loss, Evaluation eval, double seconds) {
            String line = String.format(Locale.ROOT, "step %d/%d  loss %.4g%s  %.1f steps/s", step, total, loss,
                    eval == null ? "" : String.format(Locale.ROOT, "  held-out %.4g", eval.loss()), step / seconds);
            if (terminal) {
                long now = System.nanoTime();
                if (now - lastDraw < REDRAW_NANOS && step < total) {
                    return;
                }
                lastDraw = now;
                int filled = (int) ((long) WIDTH * step / total);
                err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + line + "   ");
                err.flush();
            } else {
                int tenth = (int) (10L * step / total);
                if (tenth > lastTenth || step == total) {
                    lastTenth = tenth;
                    err.println(String.format(Locale.ROOT, "%3d%% ", 100L * step / total) + line);
                }
            }
        }

        void finish() {
            if (terminal) {
                err.println();
            }
        }
    }
}
