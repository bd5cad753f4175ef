package org.vanish.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.vanish.engine.Analyzer;
import org.vanish.engine.CellType;
import org.vanish.engine.Quantities;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.train.Optimizer;
import org.vanish.train.Task;
import org.vanish.train.TrainConfig;
import org.vanish.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vanish bench}: median wall time of the engine cases, each timed as a sweep in which every repetition
 * changes the W scale, as a dragged slider does. Only what survives a scale change (the draw, the input drive,
 * the unscaled spectra) is prepared once; everything else is recomputed every repetition.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Times the engine cases default-live, default-full, stacked-live and stress (warm-up, then "
                + "medians); "
                + "--ui the dashboard, --train training steps per second.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print JSON lines {\"case\": ..., \"medianMs\": ...} instead of a table")
    boolean json;

    @Option(names = "--case", paramLabel = "NAME", split = ",",
            description = "cases to run (default: all): default-live, default-full, stacked-live, stress")
    List<String> cases;

    @Option(names = "--threads", paramLabel = "N",
            description = "threads the runs of a case share (default: the machine's cores)")
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Option(names = "--reps", paramLabel = "N", description = "measured repetitions (default: per case)")
    Integer reps;

    @Option(names = "--ui", description = "time the default dashboard headless instead: from a control's change "
            + "to the rendered frame that shows it (p50, p95, p99)")
    boolean ui;

    @Option(names = "--train", description = "time training instead: steps per second of an LSTM with n = 64 on the "
            + "adding problem, T = 100, batch 32, Adam (warm-up, then the median of --reps repetitions of "
            + TRAIN_STEPS_PER_REP + " steps)")
    boolean train;

    @Option(names = "--startup", description = "time starting the app instead: from launching it to its first rendered "
            + "dashboard frame, for --jar and --image (median of --reps launches, default " + STARTUP_REPS
            + "); needs a display (packaging/startup-bench.sh runs it under Xvfb)")
    boolean startup;

    @Option(names = "--jar", paramLabel = "FILE", description = "with --startup: a jar to time, may repeat (default: "
            + "this one)")
    List<java.nio.file.Path> startupJars = new ArrayList<>();

    @Option(names = "--image", paramLabel = "LAUNCHER", description = "with --startup: also time an app image's "
            + "launcher, e.g. target/app/vanish/bin/vanish; may repeat")
    List<java.nio.file.Path> startupImages = new ArrayList<>();

    private static final int STARTUP_REPS = 7;
    private static final int TRAIN_WARMUP_STEPS = 30;
    private static final int TRAIN_STEPS_PER_REP = 20;
    private static final int TRAIN_REPS = 7;
    private static final double TRAIN_TARGET_STEPS_PER_SECOND = 20;

    /** The one entry into JavaFX from the command line, resolved by name so that this package links none of it. */
    static final String UI_BENCH = "org.vanish.app.UiBench";
    private static final int UI_REPS = 200;
    private static final double UI_TARGET_MS = 33;

    /** A benchmark case: a preset, the quantities, its repetitions and its target. */
    record Case(String name, Preset preset, Quantities quantities, int warmup, int reps, double targetMs) {
    }

    @Override
    public Integer call() throws Exception {
        if (ui) {
            return callUi();
        }
        if (train) {
            return callTrain();
        }
        if (startup) {
            return callStartup();
        }
        List<Case> all = List.of(
                new Case("default-live", defaultPreset(), Quantities.LIVE, 300, 300, 4),
                new Case("default-full", defaultPreset(), Quantities.FULL, 30, 60, 50),
                new Case("stacked-live", stackedPreset(), Quantities.LIVE, 300, 300, 4),
                new Case("stress", stressPreset(), Quantities.FULL, 1, 5, 2000));
        if (threads < 1) {
            throw new Errors.UserError("--threads: " + threads + " is not allowed; give 1 or more");
        }
        if (reps != null && reps < 1) {
            throw new Errors.UserError("--reps: " + reps + " is not allowed; give 1 or more");
        }
        List<Case> chosen = new ArrayList<>();
        for (Case c : all) {
            if (cases == null || cases.contains(c.name())) {
                chosen.add(c);
            }
        }
        if (chosen.isEmpty()) {
            throw new Errors.UserError("--case: none of " + cases + " is a case; cases: default-live, default-full, stacked-live, stress");
        }
        if (!json) {
            System.out.printf(Locale.ROOT, "%-14s %6s %11s %9s %9s %10s%n", "case", "reps", "median ms", "p10 ms",
                    "p90 ms", "target ms");
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vanish-bench");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Case c : chosen) {
                double[] ms = time(c, pool);
                double median = percentile(ms, 50);
                if (json) {
                    System.out.printf(Locale.ROOT, "{\"case\": \"%s\", \"medianMs\": %.4f, \"p10Ms\": %.4f, "
                                    + "\"p90Ms\": %.4f, \"reps\": %d, \"threads\": %d, \"targetMs\": %.1f}%n",
                            c.name(), median, percentile(ms, 10), percentile(ms, 90), ms.length, threads, c.targetMs());
                } else {
                    System.out.printf(Locale.ROOT, "%-14s %6d %11.3f %9.3f %9.3f %10.1f%n", c.name(), ms.length,
                            median, percentile(ms, 10), percentile(ms, 90), c.targetMs());
                }
                System.out.flush();
            }
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private Integer callUi() throws Exception {
        int n = reps != null ? reps : UI_REPS;
        if (n < 1) {
            throw new Errors.UserError("--reps: " + n + " is not allowed; give 1 or more");
        }
        Map<String, double[]> samples;
        try {
            samples = (Map<String, double[]>) Class.forName(UI_BENCH).getMethod("run", int.class, Preset.class)
                    .invoke(null, n, stackedPreset());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new Errors.UserError("bench --ui needs JavaFX and Monocle on the class path (run the jar): " + e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("bench --ui failed: " + cause, cause);
        }
        if (!json) {
            System.out.printf(Locale.ROOT, "%-24s %6s %8s %8s %8s %10s%n", "case", "reps", "p50 ms", "p95 ms", "p99 ms",
                    "target p95");
        }
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            double[] ms = e.getValue();
            if (json) {
                System.out.printf(Locale.ROOT, "{\"case\": \"%s\", \"p50Ms\": %.3f, \"p95Ms\": %.3f, \"p99Ms\": %.3f, "
                                + "\"reps\": %d, \"targetP95Ms\": %.1f}%n", e.getKey(), percentile(ms, 50),
                        percentile(ms, 95), percentile(ms, 99), ms.length, UI_TARGET_MS);
            } else {
                System.out.printf(Locale.ROOT, "%-24s %6d %8.2f %8.2f %8.2f %10.1f%n", e.getKey(), ms.length,
                        percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), UI_TARGET_MS);
            }
        }
        System.out.flush();
        return 0;
    }

    private Integer callStartup() throws Exception {
        int n = reps != null ? reps : STARTUP_REPS;
        if (n < 1) {
            throw new Errors.UserError("--reps: " + n + " is not allowed; give 1 or more");
        }
        List<java.nio.file.Path> jars = new ArrayList<>(startupJars);
        java.nio.file.Path self = java.nio.file.Path.of(
                BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (jars.isEmpty() && self.toString().endsWith(".jar")) {
            jars.add(self);
        }
        var commands = StartupBench.commands(jars, startupImages);
        if (commands.isEmpty()) {
            throw new Errors.UserError("--startup: nothing to time; give --jar FILE or --image LAUNCHER");
        }
        StartupBench.print(StartupBench.run(commands, n), json);
        return 0;
    }

    private Integer callTrain() throws Errors.UserError {
        int n = reps != null ? reps : TRAIN_REPS;
        if (n < 1) {
            throw new Errors.UserError("--reps: " + n + " is not allowed; give 1 or more");
        }
        TrainConfig config = trainBenchConfig();
        Trainer trainer = new Trainer(config);
        double sink = 0;
        for (int i = 0; i < TRAIN_WARMUP_STEPS; i++) {
            sink += trainer.step().loss();
        }
        double[] rates = new double[n];
        double[] cpuMs = new double[n];
        for (int r = 0; r < n; r++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < TRAIN_STEPS_PER_REP; i++) {
                sink += trainer.step().loss();
            }
            rates[r] = TRAIN_STEPS_PER_REP / ((System.nanoTime() - t0) / 1e9);
            cpuMs[r] = (processCpuNanos() - c0) / 1e6 / TRAIN_STEPS_PER_REP;
        }
        if (Double.isNaN(sink)) {
            System.err.println("unexpected NaN");
        }
        String name = "train-lstm-64-adding-100-batch-32";
        if (json) {
            System.out.printf(Locale.ROOT, "{\"case\": \"%s\", \"medianStepsPerSecond\": %.2f, "
                            + "\"p10StepsPerSecond\": %.2f, \"p90StepsPerSecond\": %.2f, \"medianCpuMsPerStep\": %.1f, "
                            + "\"reps\": %d, \"stepsPerRep\": %d, \"targetStepsPerSecond\": %.1f}%n", name,
                    percentile(rates, 50), percentile(rates, 10), percentile(rates, 90), percentile(cpuMs, 50), n,
                    TRAIN_STEPS_PER_REP, TRAIN_TARGET_STEPS_PER_SECOND);
        } else {
            System.out.printf(Locale.ROOT, "%-34s %5s %10s %8s %8s %12s %8s%n", "case", "reps", "median/s", "p10/s",
                    "p90/s", "cpu ms/step", "target/s");
            System.out.printf(Locale.ROOT, "%-34s %5d %10.2f %8.2f %8.2f %12.1f %8.1f%n", name, n, percentile(rates, 50),
                    percentile(rates, 10), percentile(rates, 90), percentile(cpuMs, 50), TRAIN_TARGET_STEPS_PER_SECOND);
        }
        System.out.flush();
        return 0;
    }

    /** CPU time of the whole process (every thread), or 0 where the JVM does not report it. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0L;
    }

    /** The training benchmark's network: LSTM, n = 64, adding problem with T = 100, batch 32, Adam. */
    static TrainConfig trainBenchConfig() {
        return TrainConfig.defaults(Task.ADDING, CellType.LSTM).withLength(100).withDatasetSize(1024)
                .withOptimizer(Optimizer.ADAM, 1e-3, 0.9, 32);
    }

    private double[] time(Case c, ExecutorService pool) {
        Analyzer analyzer = new Analyzer();
        List<Analyzer.Prepared> prepared = c.preset().toRunSpecs().stream().map(analyzer::prepare).toList();
        int measured = reps != null ? reps : c.reps();
        double[] ms = new double[measured];
        double[] scales = new double[prepared.size()];
        double sink = 0;
        for (int i = -c.warmup(); i < measured; i++) {
            // a slider sweep: 0.5 .. 1.5 and back, a new value every repetition
            int k = Math.floorMod(i, 40);
            double scale = 0.5 + 0.05 * (k <= 20 ? k : 40 - k) + 1e-4 * Math.floorMod(i, 7);
            Arrays.fill(scales, scale);
            long t0 = System.nanoTime();
            var results = Analyzer.analyzeAll(prepared, scales, c.quantities(), pool);
            long t1 = System.nanoTime();
            sink += results.get(0).series().gradNorm[0];
            if (i >= 0) {
                ms[i] = (t1 - t0) / 1e6;
            }
        }
        if (Double.isNaN(sink)) {
            System.err.println("unexpected NaN");
        }
        return ms;
    }

    static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = p / 100.0 * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    static Preset defaultPreset() throws Exception {
        try (InputStream in = BenchCommand.class.getResourceAsStream("/presets/default.json")) {
            if (in == null) {
                throw new IOException("the default preset is missing from the jar");
            }
            return PresetCodec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** A two-layer bidirectional LSTM as PyTorch builds one, n = 64, on the default preset's inputs and T. */
    static Preset stackedPreset() throws Exception {
        Preset d = defaultPreset();
        return PresetCodec.parse("{\"name\": \"stacked-live\", \"seed\": " + d.seed() + ", \"steps\": " + d.steps()
                + ", \"inputSize\": " + d.inputSize() + ", \"runs\": [{\"label\": \"lstm 2 layers bidirectional\","
                + " \"cell\": \"lstm\", \"hiddenSize\": 64, \"layers\": 2, \"bidirectional\": true}]}");
    }

    static Preset stressPreset() throws Exception {
        return PresetCodec.parse("{\"name\": \"stress\", \"seed\": 11, \"steps\": 2000, \"inputSize\": 32, "
                + "\"runs\": [{\"label\": \"lstm\", \"cell\": \"lstm\", \"hiddenSize\": 256, \"biases\": {\"b_f\": 1.0}}]}");
    }
}
