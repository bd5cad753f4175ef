package org.vanish.app;

import com.sun.javafx.scene.SceneHelper;
import com.sun.javafx.tk.TKScene;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.vanish.ui.ControlsViewModel;
import org.vanish.ui.DashboardView;
import org.vanish.ui.DashboardViewModel;

/**
 * {@code vanish bench --ui}: the default dashboard in a headless window (Monocle, software rendering), driven
 * through fixed sequences of control changes. Each sample is the time from setting a value on the FX thread
 * to the end of the rendering of the first frame that shows the analysis of that value: the results arrive,
 * the dashboard puts the new chart in its viewer, the next pulse lays it out and hands it to the render
 * thread, and the sample ends when that rendering has completed.
 *
 * <p>Called by the command line reflectively ({@link #run(int)}), so that the command line itself never links
 * a JavaFX class; the headless glass is chosen here, before the toolkit starts, and nowhere else.
 */
public final class UiBench {
    private static final long TIMEOUT_S = 60;
    private static final int WARMUP = 40;
    private static final double SCALE_LO = 0.5;
    private static final double SCALE_STEP = 0.01;
    private static final int SCALE_STEPS = 100;
    private static final double[] STEPS = {100, 200, 400, 800, 400, 200, 150, 300, 250, 200};
    private static final double[] HIDDEN = {32, 64, 96, 128, 96, 64, 48, 80, 64};

    private final Stage stage;
    private final DashboardViewModel viewModel;
    private final ControlsViewModel controls;
    private final Scene scene;
    /** The sample under way, completed with its nanoseconds; null when none. Touched on the FX thread only. */
    private Consumer<Long> pending;
    private long started;
    private boolean resultsArrived;
    /** Nanoseconds from the change to the results on the FX thread, and from there to the post-layout pulse. */
    private long analysisNanos;
    private long chartNanos;
    private long layoutNanos;

    /** Marks the results' arrival on the FX thread; set once the bench exists. */
    private static Runnable arrival;

    private UiBench(Stage stage, DashboardViewModel viewModel, ControlsViewModel controls, Scene scene) {
        this.stage = stage;
        this.viewModel = viewModel;
        this.controls = controls;
        this.scene = scene;
        arrival = () -> {
            if (pending != null && !resultsArrived) {
                analysisNanos = System.nanoTime() - started;
            }
        };
        viewModel.resultsProperty().addListener((obs, was, now) -> {
            // the dashboard's own listener came first: the viewer already holds the new chart
            if (pending != null && !resultsArrived) {
                resultsArrived = true;
                chartNanos = System.nanoTime() - started - analysisNanos;
                Platform.requestNextPulse();
            }
        });
        scene.addPostLayoutPulseListener(() -> {
            if (pending != null && resultsArrived) {
                Consumer<Long> done = pending;
                pending = null;
                layoutNanos = System.nanoTime() - started - analysisNanos - chartNanos;
                // runs after this pulse, which handed the frame to the render thread; wait for it to be drawn
                Platform.runLater(() -> {
                    TKScene peer = SceneHelper.getPeer(scene);
                    if (peer != null) {
                        peer.waitForRenderingToComplete();
                    }
                    done.accept(System.nanoTime() - started);
                });
            }
        });
    }

    /**
     * Starts a headless toolkit, runs the cases and returns, per case in order, the latencies in milliseconds.
     * @param scaleReps measured W-scale changes (the other cases scale with it)
     */
    public static Map<String, double[]> run(int scaleReps) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(TIMEOUT_S, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService compute = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vanish-compute");
            t.setDaemon(true);
            return t;
        });
        Preferences scratch = Preferences.userRoot().node("org/vanish/bench-" + UUID.randomUUID());
        try {
            UiBench bench = onFx(() -> open(compute, scratch));
            Map<String, double[]> out = new LinkedHashMap<>();
            out.putAll(bench.measure("w-scale-sweep", scaleReps, i -> bench.viewModel.setScale(sweep(i))));
            int few = Math.max(10, scaleReps / 5);
            out.putAll(bench.measure("steps-T", few, i -> bench.controls.stepsProperty().set(STEPS[i % STEPS.length])));
            bench.reset();
            out.putAll(bench.measure("hidden-size-n", few,
                    i -> bench.controls.hiddenSizeProperty().set(HIDDEN[i % HIDDEN.length])));
            onFx(() -> {
                bench.stage.close();
                return null;
            });
            return out;
        } finally {
            compute.shutdownNow();
            try {
                scratch.removeNode();
            } catch (BackingStoreException | IllegalStateException e) {
                // a scratch node that outlives the run is harmless
            }
            Platform.exit();
        }
    }

    /** 0.5, 0.51, ..., 1.5 and back: a slider dragged through 1.0 and back, one value per change. */
    private static double sweep(int i) {
        int k = Math.floorMod(i, 2 * SCALE_STEPS);
        return SCALE_LO + SCALE_STEP * (k <= SCALE_STEPS ? k : 2 * SCALE_STEPS - k);
    }

    private static UiBench open(ExecutorService compute, Preferences prefs) throws IOException {
        DashboardViewModel vm = new DashboardViewModel(compute, Platform::runLater);
        vm.setFullDelayMs(VanishApp.FULL_DELAY_MS);
        vm.loadDefault();
        // before the dashboard's own listener, so that it sees the results before the chart is built
        vm.resultsProperty().addListener((obs, was, now) -> {
            if (arrival != null) {
                arrival.run();
            }
        });
        DashboardView.Loaded loaded = DashboardView.loadWithControls(vm, new org.vanish.ui.RecentFiles(prefs));
        Scene scene = new Scene(loaded.root(), VanishApp.WIDTH, VanishApp.HEIGHT);
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        return new UiBench(stage, vm, loaded.controls(), scene);
    }

    private void reset() throws Exception {
        onFx(() -> {
            controls.stepsProperty().set(STEPS[STEPS.length - 1]);
            return null;
        });
        Thread.sleep(200);
    }

    /** Warm-up, then reps samples of change(i), one after the other. */
    private Map<String, double[]> measure(String name, int reps, java.util.function.IntConsumer change)
            throws Exception {
        List<Double> ms = new ArrayList<>();
        List<Double> analysis = new ArrayList<>();
        List<Double> chart = new ArrayList<>();
        List<Double> layout = new ArrayList<>();
        for (int i = -WARMUP; i < reps; i++) {
            int k = i;
            CompletableFuture<Long> shown = new CompletableFuture<>();
            Platform.runLater(() -> {
                resultsArrived = false;
                pending = shown::complete;
                started = System.nanoTime();
                change.accept(Math.floorMod(k, 1 << 20));
            });
            long nanos = shown.get(TIMEOUT_S, TimeUnit.SECONDS);
            if (i >= 0) {
                ms.add(nanos / 1e6);
                double[] parts = onFx(() -> new double[] {analysisNanos / 1e6, chartNanos / 1e6,
                    layoutNanos / 1e6});
                analysis.add(parts[0]);
                chart.add(parts[1]);
                layout.add(parts[2]);
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put(name, array(ms));
        out.put(name + "/analysis", array(analysis));
        out.put(name + "/chart", array(chart));
        out.put(name + "/to-pulse", array(layout));
        out.put(name + "/render", array(java.util.stream.IntStream.range(0, ms.size())
                .mapToObj(i -> ms.get(i) - analysis.get(i) - chart.get(i) - layout.get(i)).toList()));
        return out;
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private interface FxCall<T> {
        T call() throws Exception;
    }

    private static <T> T onFx(FxCall<T> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(call.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
