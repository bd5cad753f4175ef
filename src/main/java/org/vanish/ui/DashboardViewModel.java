package org.vanish.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.jfree.chart.JFreeChart;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.figure.Figure;
import org.vanish.figure.Figures;
import org.vanish.figure.GradientNormFigure;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetException;
import org.vanish.preset.RunConfig;
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
 *
 * <p>Its parts: {@link DashboardAnalysis} schedules the analyses, {@link DashboardFiles} holds the file and
 * the undo history, {@link DashboardExport} writes figures, {@link DashboardHeatmap} the one-run view.
 */
public final class DashboardViewModel {
    public static final double MIN_SCALE = 0.0;
    public static final double MAX_SCALE = 3.0;
    /** The one-run view, computed only while it is on screen (see {@link #heatmapActiveProperty()}). */
    public static final String HEATMAP = "heatmap";
    /** Above this hidden size the spectra stream in after the gradient curves instead of with them. */
    public static final int LARGE_N = DashboardAnalysis.LARGE_N;
    /** About this many ticks on the time axis. */
    private static final int TIME_TICKS = 8;
    private static final double[] NICE_STEPS = {1, 2, 2.5, 5, 10};

    /** The slider value the current preset was shown at; until the slider leaves it, runs keep their own scales. */
    private double shownScale = Double.NaN;
    private final ReadOnlyObjectWrapper<Preset> preset = new ReadOnlyObjectWrapper<>(this, "preset");
    private final ReadOnlyStringWrapper presetName = new ReadOnlyStringWrapper(this, "presetName", "");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", "");
    private final ReadOnlyIntegerWrapper steps = new ReadOnlyIntegerWrapper(this, "steps", 1);
    private final DoubleProperty scale = new SimpleDoubleProperty(this, "scale", 1.0);
    /** The view on screen (a dashboard view or a demonstration, by name; null: the first); saved with the preset. */
    private final ObjectProperty<String> view = new SimpleObjectProperty<>(this, "view");
    private boolean switchingPreset;

    private final DashboardAnalysis analysis;
    private final DashboardHeatmap heatmap;
    private final DashboardExport export;
    private final LayerChooser layers = new LayerChooser();
    private final DashboardFiles files = new DashboardFiles(presetName.getReadOnlyProperty());

    /**
     * @param computeExecutor runs the engine (a background thread in the app)
     * @param uiExecutor publishes results ({@code Platform::runLater} in the app, {@code Runnable::run} in tests)
     */
    public DashboardViewModel(Executor computeExecutor, Executor uiExecutor) {
        analysis = new DashboardAnalysis(Objects.requireNonNull(computeExecutor), Objects.requireNonNull(uiExecutor),
                () -> scales(preset.get(), scale.get()), () -> preset.get().steps());
        heatmap = new DashboardHeatmap(analysis, () -> scales(preset.get(), scale.get()));
        export = new DashboardExport(analysis, heatmap, () -> scales(preset.get(), scale.get()), layers, this::words);
        scale.addListener((obs, was, now) -> {
            if (!switchingPreset && preset.get() != null) {
                files.history.record(withScale(preset.get(), was.doubleValue()), "scale");
                files.modified.set(true);
                recompute();
            }
        });
    }

    /** Loads the preset bundled with the app. */
    public boolean loadDefault() {
        try {
            setPreset(DashboardFiles.readDefault());
            return true;
        } catch (IOException | PresetException e) {
            reportError("default preset: " + e.getMessage());
            return false;
        }
    }

    /** Loads a preset file; on failure sets the error and keeps the current preset and picture. */
    public boolean load(Path path) {
        try {
            Preset p = DashboardFiles.read(path);
            setPreset(p);
            files.file.set(path);
            return true;
        } catch (PresetException e) {
            reportError(e.getMessage());
            return false;
        }
    }

    /** Shows a preset: the scale moves to its first run's (within the slider's range) and everything recomputes. */
    public void setPreset(Preset p) {
        show(p);
        files.reset();
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
        files.history.record(before, kind);
        show(next);
        files.modified.set(true);
    }

    /**
     * Shows an earlier or later state of the preset on the view and layers on screen: undo changes values, not
     * where one looks. A state that differs only in its demonstration settings does not analyse the runs again.
     */
    private void showKeepingView(Preset p) {
        String onScreen = view.get();
        String layersOnScreen = layers.id();
        Preset now = preset.get();
        if (now != null && p.withDemo(now.demo()).withView(now.view()).withLayer(now.layer()).equals(now)
                && scale.get() == shownScale) {
            preset.set(p.withView(onScreen));
        } else {
            show(p);
            view.set(onScreen);
            layers.choose(layersOnScreen);
        }
    }

    /** Goes back to the preset before the last change; false when there is none. */
    public boolean undo() {
        Preset back = files.history.undo(currentPreset());
        if (back == null) {
            return false;
        }
        showKeepingView(back);
        files.modified.set(true);
        return true;
    }

    /** Goes forward again after an undo; false when there is nothing to redo. */
    public boolean redo() {
        Preset forward = files.history.redo(currentPreset());
        if (forward == null) {
            return false;
        }
        showKeepingView(forward);
        files.modified.set(true);
        return true;
    }

    /** The words of the preset's text input, which the views over t write on their axis; empty for other inputs. */
    private List<String> words() {
        Preset p = preset.get();
        return p == null ? List.of() : p.words();
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
        return (scale.get() == shownScale ? p : withScale(p, scale.get())).withView(view.get()).withLayer(layers.id());
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
        files.history.record(before, kind);
        preset.set(preset.get().withDemo(merged));
        files.modified.set(true);
    }

    /** The executor the engine runs on (shared with the lecture's demonstrations). */
    Executor computeExecutor() {
        return analysis.computeExecutor();
    }

    /** The executor results are published on. */
    Executor uiExecutor() {
        return analysis.uiExecutor();
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
            files.write(currentPreset(), path);
            return true;
        } catch (IOException e) {
            reportError(WriteFailure.of(path, e).getMessage());
            return false;
        }
    }

    /** Saves to the preset's file; false when it has none (ask for one and call saveAs) or writing failed. */
    public boolean save() {
        return files.file.get() != null && saveAs(files.file.get());
    }

    /**
     * Writes the view called name (a {@link Figures#ALL} entry; the heatmap is that of the chosen run) of the
     * picture on screen, off the UI thread: PNG of 1600×900 logical pixels times pngScale, or SVG when pngScale is
     * 0. The views that need the Jacobian products wait for them. Reports the outcome in the status or error line.
     */
    public CompletableFuture<Path> exportFigure(String name, Path target, int pngScale) {
        return export.exportFigure(name, target, pngScale);
    }

    /**
     * Writes a chart (built off the UI thread, e.g. a demonstration's) as a 1600×900 slide: SVG for pngScale 0,
     * else PNG at that scale; off the UI thread, reported in the status or error line as what.
     */
    public CompletableFuture<Path> exportChart(String what, CompletableFuture<JFreeChart> chart,
                                               Path target, int pngScale) {
        return export.exportChart(what, chart, target, pngScale);
    }

    /**
     * Writes every view of the dashboard ({@link Figures#NAMES}) into one PNG, two views a row, each 1600×900
     * logical pixels times pngScale; off the UI thread, reported in the status or error line.
     */
    public CompletableFuture<Path> exportDashboard(Path target, int pngScale) {
        return export.exportDashboard(target, pngScale);
    }

    /**
     * Builds figure's chart from results off the UI thread and hands it back on the UI thread: building a
     * JFreeChart (datasets, overlays, the heatmap's image) is work the FX thread must not do.
     */
    public CompletableFuture<JFreeChart> chart(Figure figure, List<RunResult> results) {
        List<String> w = words();
        return CompletableFuture.supplyAsync(() -> figure.chart(results, w), computeExecutor())
                .thenApplyAsync(c -> c, uiExecutor());
    }

    /** The view called name drawn as on a 1600×900 slide times scale, off the UI thread (for the clipboard). */
    public CompletableFuture<BufferedImage> render(String name, double scale) {
        return export.render(name, scale);
    }

    /** The view called name as the dashboard draws it (the gradient norms with the chosen overlays). */
    public Figure figure(String name) {
        return export.figure(name);
    }

    /** Which layers and directions of stacked and bidirectional runs the views draw. */
    public LayerChooser layers() {
        return layers;
    }

    /** The optional series of the gradient-norm view: input sensitivity, linear-case line, Pascanu bound. */
    public ObjectProperty<GradientNormFigure.Options> gradientOptionsProperty() {
        return export.gradientOptions;
    }

    /** The label of the run the heatmap shows; null for the first run. */
    public ObjectProperty<String> heatmapRunProperty() {
        return heatmap.run;
    }

    /** True while the heatmap is on screen: only then are the per-unit gradients computed. */
    public BooleanProperty heatmapActiveProperty() {
        return heatmap.active;
    }

    /** The labels of the preset's runs, in order (the heatmap's run chooser). */
    public ReadOnlyObjectProperty<List<String>> runLabelsProperty() {
        return heatmap.runLabels.getReadOnlyProperty();
    }

    /** The heatmap's run with per-unit gradients (one result); empty until the heatmap was first on screen. */
    public ReadOnlyObjectProperty<List<RunResult>> heatmapResultsProperty() {
        return heatmap.results.getReadOnlyProperty();
    }

    public List<RunResult> getHeatmapResults() {
        return heatmap.results.get();
    }

    /** Stops what runs for the picture on screen (see {@link #workingProperty()}) at once; what is shown stays. */
    public void cancelFull() {
        analysis.cancelFull();
    }

    private void show(Preset p) {
        Objects.requireNonNull(p);
        reportError("");
        analysis.clearFull();
        preset.set(p);
        view.set(p.view());
        presetName.set(p.name());
        description.set(p.description());
        steps.set(p.steps());
        analysis.prepare(p);
        heatmap.showRuns(p.runs().stream().map(RunConfig::label).toList());
        layers.showRuns(p.runs());
        layers.choose(p.layer());
        switchingPreset = true;
        try {
            double own = p.runs().get(0).scale();
            shownScale = clampScale(own);
            scale.set(shownScale);
            if (own != shownScale) {
                reportError(String.format(Locale.ROOT, "the first run's W scale %s is beyond the slider's "
                        + "%s to %s: shown at %s; saving keeps %s until the slider moves", own, MIN_SCALE, MAX_SCALE,
                        shownScale, own));
            }
        } finally {
            switchingPreset = false;
        }
        recompute();
    }

    /** Analyses every run at the current scale, off the UI thread; called on every scale change. */
    public void recompute() {
        analysis.recompute();
    }

    /**
     * Delays the Jacobian products until the picture has stayed unchanged this long (the app uses a few
     * hundred milliseconds; 0, the default, starts them as soon as the cheap views are published).
     */
    public void setFullDelayMs(long ms) {
        analysis.setFullDelayMs(ms);
    }

    /** Shows a message in the error line; the empty string clears it. */
    public void reportError(String message) {
        analysis.reportError(message);
    }

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
        return analysis.results.getReadOnlyProperty();
    }

    public List<RunResult> getResults() {
        return analysis.results.get();
    }

    /** The latest analysis with the Jacobian products (Quantities.FULL); it follows the cheap one. */
    public ReadOnlyObjectProperty<List<RunResult>> fullResultsProperty() {
        return analysis.fullResults.getReadOnlyProperty();
    }

    public List<RunResult> getFullResults() {
        return analysis.fullResults.get();
    }

    /** Progress of the Jacobian products, 0 to 1. */
    public ReadOnlyDoubleProperty fullProgressProperty() {
        return analysis.fullProgress.getReadOnlyProperty();
    }

    /**
     * True while something for the picture on screen has run long enough to show progress: an analysis that takes
     * more than about 60 ms, the spectra at large n, the Jacobian products. Cancel stops it.
     */
    public ReadOnlyBooleanProperty workingProperty() {
        return analysis.working.getReadOnlyProperty();
    }

    /** Progress of what {@link #workingProperty()} reports, 0 to 1 (-1: unknown). */
    public ReadOnlyDoubleProperty progressProperty() {
        return analysis.progress.getReadOnlyProperty();
    }

    /** True while the Jacobian products of the picture on screen are being computed. */
    public ReadOnlyBooleanProperty computingFullProperty() {
        return analysis.computingFull.getReadOnlyProperty();
    }

    /** The preset's file; null for one not yet saved. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return files.file.getReadOnlyProperty();
    }

    /** True when the picture differs from the preset's file. */
    public ReadOnlyBooleanProperty modifiedProperty() {
        return files.modified.getReadOnlyProperty();
    }

    public boolean isModified() {
        return files.modified.get();
    }

    /** "Vanish — NAME", with " *" when modified. */
    public StringBinding titleProperty() {
        return files.title;
    }

    /** The chart's curves, one per run, from the latest analysis. */
    public ReadOnlyObjectProperty<List<Curve>> curvesProperty() {
        return analysis.curves.getReadOnlyProperty();
    }

    /** The numbers per run, from the latest analysis. */
    public ReadOnlyObjectProperty<List<RunSummary>> summariesProperty() {
        return analysis.summaries.getReadOnlyProperty();
    }

    /** One line on what is shown: scale, T, number of runs and the time the analysis took. */
    public ReadOnlyStringProperty statusProperty() {
        return analysis.status.getReadOnlyProperty();
    }

    /** The last problem, naming the field for a bad preset; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return analysis.error.getReadOnlyProperty();
    }

    public String getError() {
        return analysis.error.get();
    }
}
