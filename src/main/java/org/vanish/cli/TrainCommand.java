package org.vanish.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vanish.files.AtomicFile;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.preset.TrainedPresets;
import org.vanish.preset.TrainingSpec;
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
        Trainer trainer = new Trainer(config);
        Progress progress = new Progress(System.err, n, System.console() != null);
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        long t0 = System.nanoTime();
        StepStats last = null;
        Evaluation eval = null;
        for (int i = 1; i <= n; i++) {
            last = trainer.step();
            Evaluation e = i % every == 0 || i == n ? trainer.evaluate() : null;
            if (e != null) {
                eval = e;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double[] g = last.log10GradByTime();
            csv.append(String.format(Locale.ROOT, "%d,%.8g,%s,%.8g,%b,%s,%s,%.6g,%.6g,%.3f%n", last.step(), last.loss(),
                    num(last.accuracy()), last.gradNorm(), last.clipped(), e == null ? "" : num(e.loss()),
                    e == null ? "" : num(e.accuracy()), g[Math.min(1, g.length - 1)], g[g.length - 1], seconds));
            progress.update(i, last.loss(), eval, seconds);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.finish();
        try {
            if (log != null) {
                AtomicFile.write(log, csv.toString());
            }
            if (out != null) {
                Preset trained = TrainedPresets.of(trainer, p.name() + " (trained " + n + " steps)");
                AtomicFile.write(out, PresetCodec.write(trained));
            }
        } catch (IOException e) {
            throw new Errors.UserError("cannot write " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        }
        System.out.printf(Locale.ROOT, "trained %d steps in %.1f s (%.1f steps/s): last batch loss %.5g; held-out loss "
                        + "%.5g%s; baseline %.5g (%s)%n", n, seconds, n / seconds, last.loss(), eval.loss(),
                trainer.hasAccuracy() ? String.format(Locale.ROOT, ", accuracy %.3f", eval.accuracy()) : "",
                trainer.baseline(), trainer.baselineDescription());
        return 0;
    }

    private static String num(double x) {
        return Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.8g", x);
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
