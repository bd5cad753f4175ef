package org.vanish.ui;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.vanish.engine.Analyzer;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.figure.HeatmapFigure;

/**
 * The dashboard's one-run view: which run it shows, whether it is on screen, and that run analysed with per-unit
 * gradients, computed only while the view is on screen and superseded by any newer change or run choice.
 */
final class DashboardHeatmap {
    private final DashboardAnalysis analysis;
    private final Supplier<double[]> currentScales;

    /** The heatmap's run by label (null: the first run) and whether its view is on screen. */
    final ObjectProperty<String> run = new SimpleObjectProperty<>(this, "heatmapRun");
    final BooleanProperty active = new SimpleBooleanProperty(this, "heatmapActive", false);
    final ReadOnlyObjectWrapper<List<String>> runLabels = new ReadOnlyObjectWrapper<>(this, "runLabels", List.of());
    /** The heatmap's run analysed with per-unit gradients (a one-element list); empty until computed. */
    final ReadOnlyObjectWrapper<List<RunResult>> results = new ReadOnlyObjectWrapper<>(this, "heatmapResults", List.of());
    /** Bumped by every heatmap request, so a newer run choice supersedes an older computation. */
    private final AtomicLong request = new AtomicLong();
    /** The generation and run label that made the heatmap results on show (UI thread). */
    private long shownGeneration = -1;
    private String shownRun;
    private boolean switchingPreset;

    DashboardHeatmap(DashboardAnalysis analysis, Supplier<double[]> currentScales) {
        this.analysis = analysis;
        this.currentScales = currentScales;
        run.addListener((obs, was, now) -> {
            if (!switchingPreset) {
                request();
            }
        });
        active.addListener((obs, was, now) -> request());
        analysis.onPublished(this::request);
    }

    /** A new preset's run labels; the chosen run stays if its label does, else the first run is chosen. */
    void showRuns(List<String> labels) {
        switchingPreset = true;
        try {
            runLabels.set(labels);
            if (!labels.contains(run.get())) {
                run.set(labels.get(0));   // default, or the run is gone: the first run's (after recompute)
            }
        } finally {
            switchingPreset = false;
        }
    }

    /** The index in the preset of the heatmap's run: the first labelled {@link #run}, else 0. */
    int index() {
        return Math.max(0, runLabels.get().indexOf(run.get()));
    }

    /** The heatmap's needs; at large n, the spectra only once decomposed (the heatmap does not draw them). */
    static Quantities quantities(Analyzer.Prepared p) {
        Quantities q = new HeatmapFigure().needs();
        return DashboardAnalysis.liveQuantities(p).spectra() ? q
                : new Quantities(false, q.productNorms(), q.productSingularValues(), q.perUnit());
    }

    /** The heatmap on show if it is that of the picture and run on screen now, else null. */
    List<RunResult> currentOrNull() {
        List<RunResult> shown = results.get();
        boolean current = !shown.isEmpty() && shownGeneration == analysis.generation()
                && Objects.equals(shownRun, run.get());
        return current ? shown : null;
    }

    /**
     * Analyses the heatmap's run with per-unit gradients, off the UI thread, if its view is on screen and the
     * heatmap on show is not already that of the picture and run now on screen. A newer change (slider, edit,
     * preset or run choice) supersedes it: its result is dropped.
     */
    void request() {
        CompletableFuture<List<Analyzer.Prepared>> runs = analysis.prepared();
        if (!active.get() || runs == null || runLabels.get().isEmpty()) {
            return;
        }
        long generation = analysis.generation();
        String label = run.get();
        if (shownGeneration == generation && Objects.equals(shownRun, label) && !results.get().isEmpty()) {
            return;
        }
        long mine = request.incrementAndGet();
        int k = index();
        double scaleK = currentScales.get()[k];
        runs.thenApplyAsync(list -> generation == analysis.generation() && mine == request.get()
                        ? list.get(k).analyze(scaleK, quantities(list.get(k)), null) : null, analysis.computeExecutor())
                .whenCompleteAsync((r, failure) -> {
                    if (generation != analysis.generation() || mine != request.get() || r == null) {
                        return;   // superseded
                    }
                    if (failure != null) {
                        analysis.analysisFailed("heatmap failed: " + DashboardAnalysis.unwrap(failure).getMessage());
                        return;
                    }
                    shownGeneration = generation;
                    shownRun = label;
                    results.set(List.of(r));
                }, analysis.uiExecutor());
    }
}
