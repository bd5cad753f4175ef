package org.vanish.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import org.vanish.engine.Analyzer;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.preset.PresetException;
import org.vanish.preset.RunConfig;

/**
 * The dashboard's state and logic: the preset, the W scale and the latest analysis of every run.
 *
 * <p>Mutators and {@link #recompute()} run on the UI thread. The engine runs on the compute executor and its
 * results come back through the UI executor; a result that a newer change made stale is dropped. A failed
 * load or analysis sets {@link #errorProperty()} and keeps the previous picture.
 *
 * <p>The W scale is the first run's; every other run keeps its ratio to it, so a preset whose runs have
 * different scales opens with exactly its own picture.
 */
public final class DashboardViewModel {
    public static final double MIN_SCALE = 0.0;
    public static final double MAX_SCALE = 3.0;
    static final String DEFAULT_PRESET = "/presets/default.json";
    private static final double NANOS_PER_MS = 1e6;
    /** About this many ticks on the time axis. */
    private static final int TIME_TICKS = 8;
    private static final double[] NICE_STEPS = {1, 2, 2.5, 5, 10};

    private final Executor computeExecutor;
    private final Executor uiExecutor;
    private final Analyzer analyzer = new Analyzer();
    private final AtomicLong generation = new AtomicLong();

    private final ReadOnlyObjectWrapper<Preset> preset = new ReadOnlyObjectWrapper<>(this, "preset");
    private final ReadOnlyStringWrapper presetName = new ReadOnlyStringWrapper(this, "presetName", "");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", "");
    private final ReadOnlyIntegerWrapper steps = new ReadOnlyIntegerWrapper(this, "steps", 1);
    private final DoubleProperty scale = new SimpleDoubleProperty(this, "scale", 1.0);
    private final ReadOnlyObjectWrapper<List<RunResult>> results =
            new ReadOnlyObjectWrapper<>(this, "results", List.of());
    private final ReadOnlyObjectWrapper<List<Curve>> curves = new ReadOnlyObjectWrapper<>(this, "curves", List.of());
    private final ReadOnlyObjectWrapper<List<RunSummary>> summaries =
            new ReadOnlyObjectWrapper<>(this, "summaries", List.of());
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /** The prepared runs of the current preset; replaced together with it. */
    private CompletableFuture<List<Analyzer.Prepared>> prepared;
    private boolean switchingPreset;
    private boolean errorFromAnalysis;

    /**
     * @param computeExecutor runs the engine (a background thread in the app)
     * @param uiExecutor publishes results ({@code Platform::runLater} in the app, {@code Runnable::run} in tests)
     */
    public DashboardViewModel(Executor computeExecutor, Executor uiExecutor) {
        this.computeExecutor = Objects.requireNonNull(computeExecutor);
        this.uiExecutor = Objects.requireNonNull(uiExecutor);
        scale.addListener((obs, was, now) -> {
            if (!switchingPreset) {
                recompute();
            }
        });
    }

    /** Loads the preset bundled with the app. */
    public boolean loadDefault() {
        try (InputStream in = DashboardViewModel.class.getResourceAsStream(DEFAULT_PRESET)) {
            if (in == null) {
                throw new IOException(DEFAULT_PRESET + " is missing from the class path");
            }
            setPreset(PresetCodec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            return true;
        } catch (IOException | PresetException e) {
            reportError("default preset: " + e.getMessage());
            return false;
        }
    }

    /** Loads a preset file; on failure sets the error and keeps the current preset and picture. */
    public boolean load(Path file) {
        try {
            Preset p = PresetCodec.read(file);
            p.checkFits(Quantities.LIVE, Runtime.getRuntime().maxMemory());
            setPreset(p);
            return true;
        } catch (PresetException e) {
            reportError(e.getMessage());
            return false;
        }
    }

    /** Shows a preset: the scale moves to its first run's (within the slider's range) and everything recomputes. */
    public void setPreset(Preset p) {
        Objects.requireNonNull(p);
        reportError("");
        preset.set(p);
        presetName.set(p.name());
        description.set(p.description());
        steps.set(p.steps());
        // drawing the parameters and the input drive survives scale changes: done once per preset, off this thread
        prepared = CompletableFuture.supplyAsync(() -> p.toRunSpecs().stream().map(analyzer::prepare).toList(),
                computeExecutor);
        switchingPreset = true;
        try {
            scale.set(clampScale(p.runs().get(0).scale()));
        } finally {
            switchingPreset = false;
        }
        recompute();
    }

    /**
     * Analyses every run at the current scale, off the UI thread; called on every scale change. The runs are
     * separate tasks, so a compute executor with several threads analyses them side by side.
     */
    public void recompute() {
        long run = generation.incrementAndGet();
        CompletableFuture<List<Analyzer.Prepared>> runs = prepared;
        if (runs == null) {
            return;
        }
        double[] scales = scales(preset.get(), scale.get());
        long start = System.nanoTime();
        List<CompletableFuture<RunResult>> parts = new ArrayList<>(scales.length);
        for (int i = 0; i < scales.length; i++) {
            int k = i;
            // a task that a newer change made stale before it started skips the work
            parts.add(runs.thenApplyAsync(list -> run == generation.get()
                    ? list.get(k).analyze(scales[k], Quantities.LIVE, null) : null, computeExecutor));
        }
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(done -> new Computed(parts.stream().map(CompletableFuture::join).toList(),
                        System.nanoTime() - start))
                .whenCompleteAsync((computed, failure) -> {
                    if (run == generation.get()) {   // else superseded by a newer slider position or preset
                        publish(computed, failure);
                    }
                }, uiExecutor);
    }

    /** Shows a message in the error line; the empty string clears it. */
    public void reportError(String message) {
        error.set(message == null ? "" : message);
        errorFromAnalysis = false;
    }

    private void publish(Computed computed, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            String why = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            error.set("analysis failed: " + why);
            errorFromAnalysis = true;
            return;
        }
        if (errorFromAnalysis) {
            reportError("");
        }
        results.set(computed.results());
        curves.set(computed.results().stream().map(Curve::of).toList());
        summaries.set(computed.results().stream().map(RunSummary::of).toList());
        Preset p = preset.get();
        status.set(String.format(Locale.ROOT, "W scale %.2f   ·   T = %d   ·   %d runs   ·   computed in %.1f ms",
                computed.results().get(0).spec().scale(), p.steps(), computed.results().size(),
                computed.nanos() / NANOS_PER_MS));
    }

    /** Each run's W scale when the first run's is s: the others keep their ratio to it. */
    static double[] scales(Preset p, double s) {
        double first = p.runs().get(0).scale();
        return p.runs().stream().mapToDouble(RunConfig::scale)
                .map(r -> first == 0.0 ? s : s * r / first).toArray();
    }

    /** A round tick spacing (1, 2, 2.5 or 5 times a power of ten, at least 1) giving about 8 ticks over 0..T. */
    public static double timeTickUnit(int steps) {
        double raw = Math.max(1.0, steps / (double) TIME_TICKS);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double nice : NICE_STEPS) {
            if (nice * magnitude >= raw) {
                return nice * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** The scale within the slider's range. */
    public static double clampScale(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }

    /**
     * Parses what the user typed as a scale; a decimal comma is accepted.
     * @throws NumberFormatException when it is not a number within the slider's range
     */
    public static double parseScale(String text) {
        double s = Double.parseDouble(text.trim().replace(',', '.'));
        if (!(s >= MIN_SCALE && s <= MAX_SCALE)) {
            throw new NumberFormatException("the W scale is between " + MIN_SCALE + " and " + MAX_SCALE + ": " + text);
        }
        return s;
    }

    /** A scale as the text field shows it: "1.25". */
    public static String formatScale(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    /** T, the preset's number of time steps. */
    public ReadOnlyIntegerProperty stepsProperty() {
        return steps.getReadOnlyProperty();
    }

    public DoubleProperty scaleProperty() {
        return scale;
    }

    public double getScale() {
        return scale.get();
    }

    public void setScale(double s) {
        scale.set(s);
    }

    public ReadOnlyObjectProperty<Preset> presetProperty() {
        return preset.getReadOnlyProperty();
    }

    public Preset getPreset() {
        return preset.get();
    }

    public ReadOnlyStringProperty presetNameProperty() {
        return presetName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /** The latest analysis, one result per run in preset order; empty until the first one arrives. */
    public ReadOnlyObjectProperty<List<RunResult>> resultsProperty() {
        return results.getReadOnlyProperty();
    }

    public List<RunResult> getResults() {
        return results.get();
    }

    /** The chart's curves, one per run, from the latest analysis. */
    public ReadOnlyObjectProperty<List<Curve>> curvesProperty() {
        return curves.getReadOnlyProperty();
    }

    /** The numbers per run, from the latest analysis. */
    public ReadOnlyObjectProperty<List<RunSummary>> summariesProperty() {
        return summaries.getReadOnlyProperty();
    }

    /** One line on what is shown: scale, T, number of runs and the time the analysis took. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last problem, naming the field for a bad preset; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String getError() {
        return error.get();
    }

    private record Computed(List<RunResult> results, long nanos) {
    }
}
