package org.vanish.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.jfree.chart.JFreeChart;
import org.vanish.engine.Analyzer;
import org.vanish.figure.Figure;
import org.vanish.figure.Figures;
import org.vanish.figure.GradientNormFigure;
import org.vanish.figure.HeatmapFigure;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.vanish.figure.SlideStyle;
import org.vanish.engine.JacobianProducts;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.preset.PresetException;
import org.vanish.preset.RunConfig;
import org.vanish.files.AtomicFile;
import org.vanish.files.WriteFailure;

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
    /** The slider value the current preset was shown at; until the slider leaves it, runs keep their own scales. */
    private double shownScale = Double.NaN;
    /** The one-run view, computed only while it is on screen (see {@link #heatmapActiveProperty()}). */
    public static final String HEATMAP = "heatmap";
    static final String DEFAULT_PRESET = "/presets/default.json";
    private static final double NANOS_PER_MS = 1e6;
    private static final int DASHBOARD_COLUMNS = 2;
    /** Above this hidden size the spectra stream in after the gradient curves instead of with them. */
    public static final int LARGE_N = 128;
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
    private final ReadOnlyObjectWrapper<List<RunResult>> fullResults =
            new ReadOnlyObjectWrapper<>(this, "fullResults", List.of());
    private final ReadOnlyDoubleWrapper fullProgress = new ReadOnlyDoubleWrapper(this, "fullProgress", 0);
    private final ReadOnlyBooleanWrapper computingFull = new ReadOnlyBooleanWrapper(this, "computingFull", false);
    /** The generations that produced the results and the full results on show (read and written on the UI thread). */
    private long resultsGeneration = -1;
    private long fullGeneration = -1;
    private final AtomicLong cancelled = new AtomicLong(-1);
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyBooleanWrapper modified = new ReadOnlyBooleanWrapper(this, "modified", false);
    private final StringBinding title = Bindings.createStringBinding(
            () -> "Vanish — " + presetName.get() + (modified.get() ? " *" : ""), presetName, modified);
    private final UndoHistory<Preset> history = new UndoHistory<>();
    private final ObjectProperty<GradientNormFigure.Options> gradientOptions =
            new SimpleObjectProperty<>(this, "gradientOptions", GradientNormFigure.Options.PLAIN);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /** The view on screen (a dashboard view or a demonstration, by name; null: the first); saved with the preset. */
    private final ObjectProperty<String> view = new SimpleObjectProperty<>(this, "view");

    /** The heatmap's run by label (null: the first run) and whether its view is on screen. */
    private final ObjectProperty<String> heatmapRun = new SimpleObjectProperty<>(this, "heatmapRun");
    private final BooleanProperty heatmapActive = new SimpleBooleanProperty(this, "heatmapActive", false);
    private final ReadOnlyObjectWrapper<List<String>> runLabels =
            new ReadOnlyObjectWrapper<>(this, "runLabels", List.of());
    /** The heatmap's run analysed with per-unit gradients (a one-element list); empty until computed. */
    private final ReadOnlyObjectWrapper<List<RunResult>> heatmapResults =
            new ReadOnlyObjectWrapper<>(this, "heatmapResults", List.of());
    /** Bumped by every heatmap request, so a newer run choice supersedes an older computation. */
    private final AtomicLong heatmapRequest = new AtomicLong();
    /** The generation and run label that made the heatmap results on show (UI thread). */
    private long heatmapGeneration = -1;
    private String heatmapShownRun;

    /** The prepared runs of the current preset; replaced together with it. */
    private CompletableFuture<List<Analyzer.Prepared>> prepared;
    /** How long the picture must stay unchanged before the Jacobian products start; 0 starts them at once. */
    private long fullDelayMs;
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
            if (!switchingPreset && preset.get() != null) {
                history.record(withScale(preset.get(), was.doubleValue()), "scale");
                modified.set(true);
                recompute();
            }
        });
        heatmapRun.addListener((obs, was, now) -> {
            if (!switchingPreset) {
                requestHeatmap();
            }
        });
        heatmapActive.addListener((obs, was, now) -> requestHeatmap());
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
    public boolean load(Path path) {
        try {
            Preset p = PresetCodec.read(path);
            p.checkFits(Quantities.FULL, Runtime.getRuntime().maxMemory());
            setPreset(p);
            file.set(path);
            return true;
        } catch (PresetException e) {
            reportError(e.getMessage());
            return false;
        }
    }

    /** Shows a preset: the scale moves to its first run's (within the slider's range) and everything recomputes. */
    public void setPreset(Preset p) {
        show(p);
        history.clear();
        modified.set(false);
        file.set(null);
    }

    /**
     * Applies a control's edit to the preset on screen (at the current W scale) and shows the result.
     * @throws IllegalArgumentException with a message for the user when the edit cannot be applied or the
     *         result would not fit in memory; the picture stays
     */
    public void edit(UnaryOperator<Preset> change) {
        edit(change, null);
    }

    /**
     * As {@link #edit(UnaryOperator)}; edits of one non-null kind in quick succession (one slider drag) are
     * undone together.
     */
    public void edit(UnaryOperator<Preset> change, String kind) {
        Preset before = currentPreset();
        Preset next = change.apply(before);
        try {
            next.checkFits(Quantities.FULL, Runtime.getRuntime().maxMemory());
        } catch (PresetException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        history.record(before, kind);
        show(next);
        modified.set(true);
    }

    /**
     * Shows an earlier or later state of the preset on the view on screen: undo changes values, not where one
     * looks. A state that differs only in its demonstration settings does not analyse the runs again.
     */
    private void showKeepingView(Preset p) {
        String onScreen = view.get();
        Preset now = preset.get();
        if (now != null && p.withDemo(now.demo()).withView(now.view()).equals(now)
                && scale.get() == shownScale) {
            preset.set(p.withView(onScreen));
        } else {
            show(p);
            view.set(onScreen);
        }
    }

    /** Goes back to the preset before the last change; false when there is none. */
    public boolean undo() {
        Preset back = history.undo(currentPreset());
        if (back == null) {
            return false;
        }
        showKeepingView(back);
        modified.set(true);
        return true;
    }

    /** Goes forward again after an undo; false when there is nothing to redo. */
    public boolean redo() {
        Preset forward = history.redo(currentPreset());
        if (forward == null) {
            return false;
        }
        showKeepingView(forward);
        modified.set(true);
        return true;
    }

    /**
     * The preset as it stands: every run at the W scale the slider gives it, or, while the slider has not
     * moved since the preset was shown, every run at its own scale (even one beyond the slider's range).
     * Saving writes this.
     */
    public Preset currentPreset() {
        Preset p = preset.get();
        if (p == null) {
            return null;
        }
        return (scale.get() == shownScale ? p : withScale(p, scale.get())).withView(view.get());
    }

    /**
     * Changes settings of the demonstrations (the preset's {@code demo} block) without analysing the runs again:
     * they do not change the runs. Undoable; edits of one non-null kind in quick succession are undone together.
     */
    public void editDemo(Map<String, Double> settings, String kind) {
        Preset before = currentPreset();
        Map<String, Double> merged = new java.util.LinkedHashMap<>(before.demo());
        merged.putAll(settings);
        if (merged.equals(before.demo())) {
            return;
        }
        history.record(before, kind);
        preset.set(preset.get().withDemo(merged));
        modified.set(true);
    }

    /** The executor the engine runs on (shared with the lecture's demonstrations). */
    Executor computeExecutor() {
        return computeExecutor;
    }

    /** The executor results are published on. */
    Executor uiExecutor() {
        return uiExecutor;
    }

    /** The view on screen, by name: a {@code DashboardView.VIEWS} entry or a demonstration; null for the first. */
    public ObjectProperty<String> viewProperty() {
        return view;
    }

    private static Preset withScale(Preset p, double s) {
        double[] scales = scales(p, s);
        List<RunConfig> runs = new ArrayList<>();
        for (int i = 0; i < scales.length; i++) {
            runs.add(p.runs().get(i).withScale(scales[i]));
        }
        return p.withRuns(runs);
    }

    /** Writes the current preset to path (atomically) and makes it the preset's file. */
    public boolean saveAs(Path path) {
        try {
            AtomicFile.write(path, PresetCodec.write(currentPreset()));
            file.set(path);
            modified.set(false);
            return true;
        } catch (IOException e) {
            reportError(WriteFailure.of(path, e).getMessage());
            return false;
        }
    }

    /** Saves to the preset's file; false when it has none (ask for one and call saveAs) or writing failed. */
    public boolean save() {
        return file.get() != null && saveAs(file.get());
    }

    /**
     * Writes the view called name (a {@link Figures#ALL} entry; the heatmap is that of the chosen run) of the picture on screen, off the UI thread:
     * PNG of 1600×900 logical pixels times pngScale, or SVG when pngScale is 0. The views that need the Jacobian
     * products wait for them. Reports the outcome in the status or error line.
     */
    public CompletableFuture<Path> exportFigure(String name, Path target, int pngScale) {
        Figure figure = figure(name);
        return exportChart(name, dataFor(figure).thenApplyAsync(figure::chart, computeExecutor), target, pngScale);
    }

    /**
     * Writes a chart (built off the UI thread, e.g. a demonstration's) as a 1600×900 slide: SVG for pngScale 0,
     * else PNG at that scale; off the UI thread, reported in the status or error line as what.
     */
    public CompletableFuture<Path> exportChart(String what, CompletableFuture<JFreeChart> chart,
                                               Path target, int pngScale) {
        return reportExport(what, target, chart.thenApplyAsync(c -> {
            try {
                if (pngScale == 0) {
                    Figures.writeSvg(c, target, SlideStyle.WIDTH, SlideStyle.HEIGHT);
                } else {
                    Figures.writePng(c, target, SlideStyle.WIDTH, SlideStyle.HEIGHT, pngScale);
                }
            } catch (IOException e) {
                throw new CompletionException(e);
            }
            return target;
        }, computeExecutor));
    }

    /**
     * Writes every view of the dashboard ({@link Figures#NAMES}) into one PNG, two views a row, each 1600×900
     * logical pixels times pngScale; off the UI thread, reported in the status or error line.
     */
    public CompletableFuture<Path> exportDashboard(Path target, int pngScale) {
        List<CompletableFuture<BufferedImage>> images = new ArrayList<>();
        for (String name : Figures.NAMES) {
            images.add(render(name, pngScale));
        }
        CompletableFuture<Path> done = CompletableFuture.allOf(images.toArray(CompletableFuture[]::new))
                .thenApplyAsync(x -> {
                    try {
                        BufferedImage grid = DashboardImage.grid(images.stream().map(CompletableFuture::join).toList(),
                                DASHBOARD_COLUMNS);
                        Figures.writePng(grid, target);
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                    return target;
                }, computeExecutor);
        return reportExport("the dashboard", target, done);
    }

    /**
     * Builds figure's chart from results off the UI thread and hands it back on the UI thread: building a
     * JFreeChart (datasets, overlays, the heatmap's image) is work the FX thread must not do.
     */
    public CompletableFuture<JFreeChart> chart(Figure figure, List<RunResult> results) {
        return CompletableFuture.supplyAsync(() -> figure.chart(results), computeExecutor)
                .thenApplyAsync(c -> c, uiExecutor);
    }

    /** The view called name drawn as on a 1600×900 slide times scale, off the UI thread (for the clipboard). */
    public CompletableFuture<BufferedImage> render(String name, double scale) {
        Figure figure = figure(name);
        return dataFor(figure).thenApplyAsync(rs -> Figures.render(figure.chart(rs), SlideStyle.WIDTH,
                SlideStyle.HEIGHT, scale), computeExecutor);
    }

    /** The picture on screen as figure needs it: the results shown if current, else computed afresh. */
    private CompletableFuture<List<RunResult>> dataFor(Figure figure) {
        CompletableFuture<List<Analyzer.Prepared>> runs = prepared;
        double[] scales = scales(preset.get(), scale.get());
        if (figure.needs().perUnit()) {
            int k = heatmapIndex();
            String label = heatmapRun.get();
            List<RunResult> shownHeatmap = heatmapResults.get();
            boolean current = !shownHeatmap.isEmpty() && heatmapGeneration == generation.get()
                    && Objects.equals(heatmapShownRun, label);
            return runs.thenApplyAsync(list -> current ? shownHeatmap
                    : List.of(list.get(k).analyze(scales[k], heatmapQuantities(list.get(k)), null)), computeExecutor);
        }
        boolean full = figure.needs().productNorms() || figure.needs().productSingularValues();
        List<RunResult> ready = full ? fullResults.get() : results.get();
        // current only if made for the very change now on screen (an edit of n or T keeps run 0's scale)
        boolean current = !ready.isEmpty() && (full ? fullGeneration : resultsGeneration) == generation.get()
                && ready.stream().allMatch(r -> r.spectra() != null);
        return runs.thenApplyAsync(list -> current ? ready
                : Analyzer.analyzeAll(list, scales, full ? Quantities.FULL : Quantities.LIVE, Runnable::run),
                computeExecutor);
    }

    private CompletableFuture<Path> reportExport(String what, Path target, CompletableFuture<Path> done) {
        return done.whenCompleteAsync((path, failure) -> {
            if (failure == null) {
                status.set("exported " + what + " to " + path);
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                reportError(cause instanceof IOException ? WriteFailure.of(target, cause).getMessage()
                        : "could not export " + target + ": " + cause.getMessage());
            }
        }, uiExecutor);
    }

    /** The view called name as the dashboard draws it (the gradient norms with the chosen overlays). */
    public Figure figure(String name) {
        if (name.equals("gradient-norm")) {
            return new GradientNormFigure(gradientOptions.get());
        }
        if (name.equals(HEATMAP)) {
            return new HeatmapFigure(heatmapRun.get());
        }
        return Figures.byName(name).orElseThrow(() -> new IllegalArgumentException("no view " + name));
    }

    /** The optional series of the gradient-norm view: input sensitivity, linear-case line, Pascanu bound. */
    public ObjectProperty<GradientNormFigure.Options> gradientOptionsProperty() {
        return gradientOptions;
    }

    /** The index in the preset of the heatmap's run: the first labelled {@link #heatmapRun}, else 0. */
    private int heatmapIndex() {
        int k = runLabels.get().indexOf(heatmapRun.get());
        return Math.max(0, k);
    }

    /** The heatmap's needs; at large n, the spectra only once decomposed (the heatmap does not draw them). */
    private static Quantities heatmapQuantities(Analyzer.Prepared p) {
        Quantities q = new HeatmapFigure().needs();
        return liveQuantities(p).spectra() ? q : new Quantities(false, q.productNorms(), q.productSingularValues(),
                q.perUnit());
    }

    /**
     * Analyses the heatmap's run with per-unit gradients, off the UI thread, if its view is on screen and the
     * heatmap on show is not already that of the picture and run now on screen. A newer change (slider, edit,
     * preset or run choice) supersedes it: its result is dropped.
     */
    private void requestHeatmap() {
        CompletableFuture<List<Analyzer.Prepared>> runs = prepared;
        if (!heatmapActive.get() || runs == null || preset.get() == null) {
            return;
        }
        long run = generation.get();
        String label = heatmapRun.get();
        if (heatmapGeneration == run && Objects.equals(heatmapShownRun, label) && !heatmapResults.get().isEmpty()) {
            return;
        }
        long request = heatmapRequest.incrementAndGet();
        int k = heatmapIndex();
        double scaleK = scales(preset.get(), scale.get())[k];
        runs.thenApplyAsync(list -> run == generation.get() && request == heatmapRequest.get()
                        ? list.get(k).analyze(scaleK, heatmapQuantities(list.get(k)), null) : null, computeExecutor)
                .whenCompleteAsync((r, failure) -> {
                    if (run != generation.get() || request != heatmapRequest.get() || r == null) {
                        return;   // superseded
                    }
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        error.set("heatmap failed: " + cause.getMessage());
                        errorFromAnalysis = true;
                        return;
                    }
                    heatmapGeneration = run;
                    heatmapShownRun = label;
                    heatmapResults.set(List.of(r));
                }, uiExecutor);
    }

    /** The label of the run the heatmap shows; null for the first run. */
    public ObjectProperty<String> heatmapRunProperty() {
        return heatmapRun;
    }

    /** True while the heatmap is on screen: only then are the per-unit gradients computed. */
    public BooleanProperty heatmapActiveProperty() {
        return heatmapActive;
    }

    /** The labels of the preset's runs, in order (the heatmap's run chooser). */
    public ReadOnlyObjectProperty<List<String>> runLabelsProperty() {
        return runLabels.getReadOnlyProperty();
    }

    /** The heatmap's run with per-unit gradients (one result); empty until the heatmap was first on screen. */
    public ReadOnlyObjectProperty<List<RunResult>> heatmapResultsProperty() {
        return heatmapResults.getReadOnlyProperty();
    }

    public List<RunResult> getHeatmapResults() {
        return heatmapResults.get();
    }

    /** Stops the running Jacobian products; the cheap views stay. */
    public void cancelFull() {
        cancelled.set(generation.get());
    }

    private void show(Preset p) {
        Objects.requireNonNull(p);
        reportError("");
        // the products of another preset must not stand under this one's name
        fullResults.set(List.of());
        preset.set(p);
        view.set(p.view());
        presetName.set(p.name());
        description.set(p.description());
        steps.set(p.steps());
        List<String> labels = p.runs().stream().map(RunConfig::label).toList();
        // drawing the parameters and the input drive survives scale changes: done once per preset, off this thread
        prepared = CompletableFuture.supplyAsync(() -> p.toRunSpecs().stream().map(analyzer::prepare).toList(),
                computeExecutor);
        switchingPreset = true;
        try {
            runLabels.set(labels);
            if (!labels.contains(heatmapRun.get())) {
                heatmapRun.set(labels.get(0));   // default, or the run is gone: the first run's (after recompute)
            }
            double own = p.runs().get(0).scale();
            shownScale = clampScale(own);
            scale.set(shownScale);
            if (own != shownScale) {
                reportError(String.format(java.util.Locale.ROOT, "the first run's W scale %s is beyond the slider's "
                        + "%s to %s: shown at %s; saving keeps %s until the slider moves", own, MIN_SCALE, MAX_SCALE,
                        shownScale, own));
            }
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
                    ? list.get(k).analyze(scales[k], liveQuantities(list.get(k)), null) : null, computeExecutor));
        }
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(done -> new Computed(parts.stream().map(CompletableFuture::join).toList(),
                        System.nanoTime() - start))
                .whenCompleteAsync((computed, failure) -> {
                    if (run == generation.get()) {   // else superseded by a newer slider position or preset
                        publish(computed, failure);
                        if (failure == null) {
                            requestHeatmap();
                        }
                        if (failure == null) {
                            startFull(run, runs, scales);
                        }
                    }
                }, uiExecutor);
    }

    /**
     * Waits (see {@link #setFullDelayMs}) before the products, so that while a slider moves they do not take the
     * cores that the next cheap analysis and the frames need, and no position in passing pays for them.
     */
    private void startFull(long run, CompletableFuture<List<Analyzer.Prepared>> runs, double[] scales) {
        boolean spectraMissing = results.get().stream().anyMatch(r -> r.spectra() == null);
        Runnable next = () -> {
            if (run != generation.get()) {
                return;
            }
            if (spectraMissing) {
                computeSpectra(run, runs, scales);
            } else {
                computeFull(run, runs, scales);
            }
        };
        if (fullDelayMs <= 0) {
            next.run();
        } else {
            CompletableFuture.delayedExecutor(fullDelayMs, TimeUnit.MILLISECONDS, uiExecutor).execute(next);
        }
    }

    /**
     * What the first, fast answer to a change computes for a run: everything but the Jacobian products, and at
     * large n (where an eigen-decomposition takes seconds) not the spectra either until they are decomposed once.
     */
    static Quantities liveQuantities(Analyzer.Prepared p) {
        return p.spec().hiddenSize() > LARGE_N && !p.spectraReady() ? Quantities.GRADIENTS : Quantities.LIVE;
    }

    /** The spectra that the first answer left out (large n), then the Jacobian products. */
    private void computeSpectra(long run, CompletableFuture<List<Analyzer.Prepared>> runs, double[] scales) {
        computingFull.set(true);
        fullProgress.set(-1);
        long start = System.nanoTime();
        List<CompletableFuture<RunResult>> parts = new ArrayList<>(scales.length);
        for (int i = 0; i < scales.length; i++) {
            int k = i;
            parts.add(runs.thenApplyAsync(list -> run == generation.get()
                    ? list.get(k).analyze(scales[k], Quantities.LIVE, null) : null, computeExecutor));
        }
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(done -> new Computed(parts.stream().map(CompletableFuture::join).toList(),
                        System.nanoTime() - start))
                .whenCompleteAsync((computed, failure) -> {
                    if (run != generation.get()) {
                        return;
                    }
                    computingFull.set(false);
                    publish(computed, failure);
                    if (failure == null) {
                        computeFull(run, runs, scales);
                    }
                }, uiExecutor);
    }

    /**
     * Delays the Jacobian products until the picture has stayed unchanged this long (the app uses a few
     * hundred milliseconds; 0, the default, starts them as soon as the cheap views are published).
     */
    public void setFullDelayMs(long ms) {
        fullDelayMs = Math.max(0, ms);
    }

    /**
     * The Jacobian products (Quantities.FULL) after the cheap views are drawn: one task per run, each checking
     * once per time step whether a newer change or the cancel button made it stale.
     */
    private void computeFull(long run, CompletableFuture<List<Analyzer.Prepared>> runs, double[] scales) {
        computingFull.set(true);
        fullProgress.set(0);
        long total = (long) preset.get().steps() * scales.length;
        AtomicLong done = new AtomicLong();
        AtomicInteger shownPercent = new AtomicInteger();
        JacobianProducts.Progress progress = (step, steps) -> {
            if (run != generation.get() || cancelled.get() == run) {
                throw new CancellationException("superseded");
            }
            long d = done.incrementAndGet();
            int percent = (int) (100 * d / Math.max(1, total));
            int was = shownPercent.get();
            if (percent > was && shownPercent.compareAndSet(was, percent)) {
                uiExecutor.execute(() -> {
                    if (run == generation.get()) {
                        fullProgress.set(percent / 100.0);
                    }
                });
            }
        };
        List<CompletableFuture<RunResult>> parts = new ArrayList<>(scales.length);
        for (int i = 0; i < scales.length; i++) {
            int k = i;
            parts.add(runs.thenApplyAsync(list -> {
                if (run != generation.get()) {
                    throw new CancellationException("superseded");
                }
                return list.get(k).analyze(scales[k], Quantities.FULL, progress);
            }, computeExecutor));
        }
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(x -> parts.stream().map(CompletableFuture::join).toList())
                .whenCompleteAsync((list, failure) -> {
                    if (run != generation.get()) {
                        return;
                    }
                    computingFull.set(false);
                    if (failure == null) {
                        fullGeneration = run;
                        fullResults.set(list);
                        fullProgress.set(1);
                    } else if (isCancellation(failure)) {
                        status.set(status.get() + "   ·   Jacobian products cancelled");
                    } else {
                        error.set("Jacobian products failed: " + failure.getMessage());
                        errorFromAnalysis = true;
                    }
                }, uiExecutor);
    }

    private static boolean isCancellation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CancellationException) {
                return true;
            }
        }
        return false;
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
        resultsGeneration = generation.get();
        results.set(computed.results());
        curves.set(computed.results().stream().map(Curve::of).toList());
        summaries.set(computed.results().stream().map(RunSummary::of).toList());
        Preset p = preset.get();
        status.set(String.format(Locale.ROOT, "W scale %.2f   ·   T = %d   ·   %d runs   ·   computed in %.1f ms",
                computed.results().get(0).spec().scale(), p.steps(), computed.results().size(),
                computed.nanos() / NANOS_PER_MS));
    }

    /** Each run's W scale when the first run's is s: the others keep their ratio to it. */
    /**
     * The runs' scales for slider value s: the first run takes s and the others keep their ratio to it; if the
     * first run's own scale is 0 there is no ratio, and the others keep their own scales.
     */
    static double[] scales(Preset p, double s) {
        double first = p.runs().get(0).scale();
        double[] out = new double[p.runs().size()];
        for (int i = 0; i < out.length; i++) {
            double own = p.runs().get(i).scale();
            out[i] = first == 0.0 ? (i == 0 ? s : own) : s * own / first;
        }
        return out;
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

    /** The latest analysis with the Jacobian products (Quantities.FULL); it follows the cheap one. */
    public ReadOnlyObjectProperty<List<RunResult>> fullResultsProperty() {
        return fullResults.getReadOnlyProperty();
    }

    public List<RunResult> getFullResults() {
        return fullResults.get();
    }

    /** Progress of the Jacobian products, 0 to 1. */
    public ReadOnlyDoubleProperty fullProgressProperty() {
        return fullProgress.getReadOnlyProperty();
    }

    /** True while the Jacobian products of the picture on screen are being computed. */
    public ReadOnlyBooleanProperty computingFullProperty() {
        return computingFull.getReadOnlyProperty();
    }

    /** The preset's file; null for one not yet saved. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** True when the picture differs from the preset's file. */
    public ReadOnlyBooleanProperty modifiedProperty() {
        return modified.getReadOnlyProperty();
    }

    public boolean isModified() {
        return modified.get();
    }

    /** "Vanish — NAME", with " *" when modified. */
    public StringBinding titleProperty() {
        return title;
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
