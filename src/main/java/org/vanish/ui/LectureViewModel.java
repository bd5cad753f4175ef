package org.vanish.ui;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.jfree.chart.JFreeChart;
import org.vanish.engine.RunResult;
import org.vanish.figure.Demonstration;
import org.vanish.figure.Demonstrations;
import org.vanish.lecture.Parameter;
import org.vanish.preset.Preset;

/**
 * The lecture's state: which demonstration is on screen, its settings (kept in the preset's {@code demo} block, so
 * they are saved, undone and reopened with it) and its latest chart and explanation.
 *
 * <p>A demonstration that reads the runs is shown again whenever the dashboard publishes a new analysis, so the
 * dashboard's sliders drive it live; one of its own settings is shown again at once. Computing runs on the compute
 * executor, tagged by generation: a result a newer change made stale is dropped, and a computation that is still
 * running when it goes stale is told so through its cancel flag. Nothing is computed while the lecture is not on
 * screen.
 */
public final class LectureViewModel {
    private final DashboardViewModel dashboard;
    private final Executor computeExecutor;
    private final Executor uiExecutor;
    private final AtomicLong generation = new AtomicLong();

    private final ObjectProperty<Demonstration> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active", false);
    private final ReadOnlyObjectWrapper<Map<String, Double>> settings =
            new ReadOnlyObjectWrapper<>(this, "settings", Map.of());
    private final ReadOnlyObjectWrapper<JFreeChart> chart = new ReadOnlyObjectWrapper<>(this, "chart");
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper(this, "explanation", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    /** What the chart on screen was made from, so an unchanged input is not shown twice (UI thread). */
    private Object shownFrom;

    /**
     * @param computeExecutor runs the demonstrations (the app's compute threads)
     * @param uiExecutor      publishes results ({@code Platform::runLater} in the app, {@code Runnable::run} in tests)
     */
    public LectureViewModel(DashboardViewModel dashboard, Executor computeExecutor, Executor uiExecutor) {
        this.dashboard = Objects.requireNonNull(dashboard);
        this.computeExecutor = Objects.requireNonNull(computeExecutor);
        this.uiExecutor = Objects.requireNonNull(uiExecutor);
        List<Demonstration> all = Demonstrations.all();
        selected.set(all.isEmpty() ? null : all.get(0));
        selected.addListener((obs, was, now) -> refresh());
        active.addListener((obs, was, now) -> refresh());
        dashboard.presetProperty().addListener((obs, was, now) -> refresh());
        dashboard.resultsProperty().addListener((obs, was, now) -> refresh());
        dashboard.fullResultsProperty().addListener((obs, was, now) -> refresh());
    }

    /** Selects the demonstration called name; false if there is none. */
    public boolean select(String name) {
        return Demonstrations.byName(name).map(d -> {
            selected.set(d);
            return true;
        }).orElse(false);
    }

    /**
     * Sets one of the selected demonstration's settings, recorded in the preset (undoable; the moves of one
     * slider drag are undone together).
     * @throws IllegalArgumentException with the message for the student when value is outside the range
     */
    public void set(String key, double value) {
        Demonstration d = selected.get();
        Parameter p = d.parameters().stream().filter(q -> q.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(d.name() + " has no setting " + key));
        String problem = p.problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        dashboard.editDemo(Map.of(key, value), "demo:" + key);
    }

    /** Applies a click at (x, y) in the data coordinates of the plot clicked. */
    public void click(double x, double y) {
        Demonstration d = selected.get();
        if (d == null || settings.get().isEmpty()) {
            return;
        }
        Map<String, Double> next = d.click(x, y, settings.get());
        if (!next.equals(settings.get())) {
            try {
                Parameter.settings(d.parameters(), next);   // a click outside the ranges changes nothing
            } catch (IllegalArgumentException e) {
                return;
            }
            dashboard.editDemo(next, null);
        }
    }

    /** Puts every setting of the selected demonstration back to its default (undoable). */
    public void resetSettings() {
        Demonstration d = selected.get();
        if (d != null && !d.parameters().isEmpty()) {
            dashboard.editDemo(Parameter.settings(d.parameters(), Map.of()), null);
        }
    }

    /** Shows the selected demonstration again if what it is made from changed. */
    void refresh() {
        Demonstration d = selected.get();
        Preset p = dashboard.getPreset();
        if (d == null || p == null) {
            return;
        }
        Map<String, Double> values;
        try {
            values = Parameter.settings(d.parameters(), p.demo());
        } catch (IllegalArgumentException e) {
            // a preset's setting out of range: say so and show the defaults, so the student has a picture
            values = Parameter.settings(d.parameters(), Map.of());
            error.set(e.getMessage() + "; showing the default");
        }
        settings.set(values);
        if (!active.get()) {
            return;
        }
        List<RunResult> runs = runsFor(d);
        // at large n the first analysis leaves the spectra out; they follow within a second or two
        if (d.usesRuns()
                && (runs.isEmpty() || d.needs().spectra() && runs.stream().anyMatch(r -> r.spectra() == null))) {
            status.set("waiting for the analysis of the runs…");
            return;
        }
        Demonstration.Input input = new Demonstration.Input(runs, p.words());
        Object from = List.of(d, input.runs(), input.words(), values);
        if (from.equals(shownFrom)) {
            return;
        }
        if (!(shownFrom instanceof List<?> was) || was.get(0) != d) {
            chart.set(null);   // another demonstration: no picture of the last one under this one's name meanwhile
            explanation.set("");
        }
        shownFrom = from;
        long run = generation.incrementAndGet();
        Map<String, Double> v = values;
        status.set("computing " + d.title() + "…");
        long start = System.nanoTime();
        CompletableFuture.supplyAsync(() -> run == generation.get()
                        ? d.show(input, v, () -> run != generation.get()) : null, computeExecutor)
                .whenCompleteAsync((shown, failure) -> {
                    if (run != generation.get()) {
                        return;
                    }
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        error.set(cause instanceof IllegalArgumentException ? cause.getMessage()
                                : d.name() + " failed: " + cause);
                        status.set("");
                        chart.set(null);   // no picture of something else under this demonstration's name
                        explanation.set("");
                        return;
                    }
                    error.set("");
                    chart.set(shown.chart());
                    explanation.set(shown.explanation());
                    status.set(String.format(java.util.Locale.ROOT, "%s · computed in %.0f ms", d.title(),
                            (System.nanoTime() - start) / 1e6));
                }, uiExecutor);
    }

    /**
     * The selected demonstration drawn again off the UI thread, for export and the clipboard (the chart on screen
     * belongs to the UI thread, so it is not drawn from another).
     */
    public CompletableFuture<JFreeChart> freshChart() {
        Demonstration d = selected.get();
        Preset p = dashboard.getPreset();
        Demonstration.Input input = new Demonstration.Input(runsFor(d), p.words());
        Map<String, Double> v = settings.get();
        return CompletableFuture.supplyAsync(() -> d.show(input, v, () -> false).chart(), computeExecutor);
    }

    /** The dashboard's latest runs as d needs them (with the Jacobian products or without); none if it reads none. */
    private List<RunResult> runsFor(Demonstration d) {
        if (!d.usesRuns()) {
            return List.of();
        }
        return d.needs().productNorms() || d.needs().productSingularValues()
                ? dashboard.getFullResults() : dashboard.getResults();
    }

    public ObjectProperty<Demonstration> selectedProperty() {
        return selected;
    }

    /** True while the lecture is on screen: only then is anything computed. */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** The selected demonstration's settings: every key of its parameters, with the preset's value or the default. */
    public ReadOnlyObjectProperty<Map<String, Double>> settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<JFreeChart> chartProperty() {
        return chart.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
