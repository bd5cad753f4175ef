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
import org.vanish.preset.Preset;
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
    private static final long TIMEOUT_S = 300;
    private static final int WARMUP = 40;
    /** Changes before the first measured W-scale sample; {@code -Dvanish.bench.sweepWarmup=40} gives the old bench. */
    private static final int SWEEP_WARMUP = Integer.getInteger("vanish.bench.sweepWarmup", 200);
    private static final double SCALE_LO = 0.5;
    private static final double SCALE_STEP = 0.01;
    private static final int SCALE_STEPS = 100;
    private static final double[] STEPS = {100, 200, 400, 800, 400, 200, 150, 300, 250, 200};
    private static final double[] HIDDEN = {32, 64, 96, 128, 96, 64, 48, 80, 64};
    /** A drag: one new value every frame of a 60 Hz mouse, for this long, then release. */
    private static final long FRAME_MS = 16;
    private static final long DRAG_MS = 1500;
    /** After a drag, the picture stands still this long (the Jacobian products start, as between real drags). */
    private static final long PAUSE_MS = 600;
    /** T dragged on its log slider between these, there and back within one drag. */
    private static final double DRAG_T_LO = 100;
    private static final double DRAG_T_HI = 3000;
    /** The large case: every run at this n and T, its W scale dragged. */
    private static final int LARGE_N = 256;
    private static final int LARGE_T = 1000;

    private final Stage stage;
    private final DashboardViewModel viewModel;
    private final ControlsViewModel controls;
    private final Scene scene;
    /** The sample under way, completed with its nanoseconds; null when none. Touched on the FX thread only. */
    private Consumer<Long> pending;
    private long started;
    private boolean resultsArrived;
    /**
     * Nanoseconds from the change to the results on the FX thread, and from there to the end of the layout of the
     * first pulse whose gradient-norm viewer holds the chart built from them.
     */
    private long analysisNanos;
    private long chartNanos;

    /** The gradient view's chart when the results last changed (FX thread). */
    private Object chartWhenResultsChanged;

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
        org.jfree.chart.fx.ChartViewer gradientViewer =
                (org.jfree.chart.fx.ChartViewer) scene.lookup("#view-gradient-norm");
        viewModel.resultsProperty().addListener((obs, was, now) -> chartWhenResultsChanged = gradientViewer.getChart());
        viewModel.resultsProperty().addListener((obs, was, now) -> {
            // the dashboard's own listener came first: it has asked for the new chart, built off the FX thread
            if (pending != null && !resultsArrived) {
                resultsArrived = true;
            }
        });
        scene.addPostLayoutPulseListener(() -> {
            // the sample's frame is the first whose viewer holds the chart built from this change's results
            if (pending != null && resultsArrived && gradientViewer.getChart() != chartWhenResultsChanged) {
                Consumer<Long> done = pending;
                pending = null;
                chartNanos = System.nanoTime() - started - analysisNanos;
                // runs after this pulse, which handed the frame to the render thread; wait for it to be drawn
                Platform.runLater(() -> {
                    TKScene peer = SceneHelper.getPeer(scene);
                    if (peer != null) {
                        peer.waitForRenderingToComplete();
                    }
                    done.accept(System.nanoTime() - started);
                });
            } else if (pending != null && resultsArrived) {
                Platform.requestNextPulse();
            }
        });
    }

    /**
     * Starts a headless toolkit, runs the cases and returns, per case in order, the latencies in milliseconds.
     * @param scaleReps measured W-scale changes (the other cases scale with it)
     * @param stacked   the engine bench's stacked-live network, opened last for a W-scale sweep of its own: the
     *                  slider-to-frame latency of a two-layer bidirectional model
     */
    public static Map<String, double[]> run(int scaleReps, Preset stacked) throws Exception {
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
            out.putAll(bench.measure("w-scale-sweep", SWEEP_WARMUP, scaleReps,
                    i -> bench.viewModel.setScale(sweep(i))));
            int few = Math.max(10, scaleReps / 5);
            out.putAll(bench.measure("steps-T", WARMUP, few,
                    i -> bench.controls.stepsProperty().set(STEPS[i % STEPS.length])));
            bench.reset();
            out.putAll(bench.measure("hidden-size-n", WARMUP, few,
                    i -> bench.controls.hiddenSizeProperty().set(HIDDEN[i % HIDDEN.length])));
            int drags = Math.max(4, scaleReps / 25);
            bench.reset();
            out.put("drag-T", bench.drag(drags, (d, f) -> {
                double v = dragT(f);
                bench.controls.stepsProperty().set(v);
                return rs -> rs.get(0).spec().steps() == (int) v;
            }));
            out.put("large-open", new double[] {bench.settle(() -> {
                bench.controls.hiddenSizeProperty().set(LARGE_N);
                bench.controls.stepsProperty().set(LARGE_T);
            }, rs -> rs.get(0).spec().hiddenSize() == LARGE_N && rs.get(0).spec().steps() == LARGE_T)});
            out.put("large-drag-W", bench.drag(drags, (d, f) -> {
                double s = SCALE_LO + SCALE_STEP * Math.floorMod(f + 37 * d, SCALE_STEPS);
                bench.viewModel.setScale(s);
                return rs -> Math.abs(rs.get(0).spec().scale() - s) < 1e-12;
            }));
            // a two-layer bidirectional LSTM (the engine's stacked-live case) on the dashboard; warmed up like the first
            // sweep, since its stack's backpropagation and direction hand-offs reach the JIT only here
            bench.settle(() -> bench.viewModel.setPreset(stacked), rs -> rs.get(0).spec().layers() == 2);
            out.putAll(bench.measure("stacked-w-scale-sweep", SWEEP_WARMUP, scaleReps,
                    i -> bench.viewModel.setScale(sweep(i))));
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

    /** The k-th position of a T drag: 100 up to 3000 and back on the log slider, every 8 frames a new value. */
    private static double dragT(int k) {
        int period = (int) (DRAG_MS / FRAME_MS);
        double u = Math.floorMod(k, period) / (double) period;
        double tri = u < 0.5 ? 2 * u : 2 - 2 * u;
        return Math.round(DRAG_T_LO * Math.pow(DRAG_T_HI / DRAG_T_LO, tri));
    }

    /** A change on the FX thread that returns what the picture must show to reflect it. */
    private interface DragStep {
        java.util.function.Predicate<List<org.vanish.engine.RunResult>> apply(int drag, int frame);
    }

    /**
     * drags drags, each a value per 16 ms for {@link #DRAG_MS} posted to the FX thread as a mouse would (a busy
     * FX thread lets them queue up); a sample is the time from the last posted change (the release) to the end
     * of rendering the first frame whose gradient-norm chart shows that last value.
     */
    private double[] drag(int drags, DragStep step) throws Exception {
        double[] out = new double[drags];
        java.util.concurrent.ScheduledExecutorService mouse = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-mouse");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int d = 0; d < drags; d++) {
                int frames = (int) (DRAG_MS / FRAME_MS);
                AtomicRef<java.util.function.Predicate<List<org.vanish.engine.RunResult>>> last = new AtomicRef<>();
                java.util.concurrent.CountDownLatch posted = new java.util.concurrent.CountDownLatch(frames);
                long[] releasedAt = new long[1];
                int drag = d;
                for (int f = 0; f < frames; f++) {
                    int frame = f;
                    mouse.schedule(() -> {
                        if (frame == frames - 1) {
                            releasedAt[0] = System.nanoTime();
                        }
                        Platform.runLater(() -> {
                            var shows = step.apply(drag, frame);
                            if (frame == frames - 1) {
                                last.value = shows;   // only the release's value counts
                            }
                        });
                        posted.countDown();
                    }, f * FRAME_MS, TimeUnit.MILLISECONDS);
                }
                posted.await(TIMEOUT_S, TimeUnit.SECONDS);
                long shown = awaitChart(() -> last.value);
                out[d] = (shown - releasedAt[0]) / 1e6;
                Thread.sleep(PAUSE_MS);
            }
        } finally {
            mouse.shutdownNow();
        }
        return out;
    }

    /** Milliseconds from change (on the FX thread) to the rendered frame showing what shows says. */
    private double settle(Runnable change, java.util.function.Predicate<List<org.vanish.engine.RunResult>> shows)
            throws Exception {
        long start = System.nanoTime();
        Platform.runLater(change);
        return (awaitChart(() -> shows) - start) / 1e6;
    }

    private static final class AtomicRef<T> {
        volatile T value;
    }

    /**
     * Waits until the results on show satisfy the condition (known once the FX thread has run the last change),
     * the gradient-norm viewer holds a chart built after them, and that frame is rendered; returns the time then.
     */
    private long awaitChart(java.util.function.Supplier<java.util.function.Predicate<List<org.vanish.engine.RunResult>>>
                                    condition) throws Exception {
        org.jfree.chart.fx.ChartViewer viewer = (org.jfree.chart.fx.ChartViewer) scene.lookup("#view-gradient-norm");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            // the chart on show when the results last changed: the dashboard builds the next one off the FX thread
            Boolean done = onFx(() -> {
                java.util.function.Predicate<List<org.vanish.engine.RunResult>> c = condition.get();
                List<org.vanish.engine.RunResult> rs = viewModel.getResults();
                return c != null && !rs.isEmpty() && c.test(rs) && viewer.getChart() != chartWhenResultsChanged;
            });
            if (done) {
                CompletableFuture<Long> rendered = new CompletableFuture<>();
                Platform.runLater(() -> {
                    Runnable[] once = new Runnable[1];
                    once[0] = () -> {
                        scene.removePostLayoutPulseListener(once[0]);
                        Platform.runLater(() -> {
                            TKScene peer = SceneHelper.getPeer(scene);
                            if (peer != null) {
                                peer.waitForRenderingToComplete();
                            }
                            rendered.complete(System.nanoTime());
                        });
                    };
                    scene.addPostLayoutPulseListener(once[0]);
                    Platform.requestNextPulse();
                });
                return rendered.get(TIMEOUT_S, TimeUnit.SECONDS);
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("the dashboard never showed the last value");
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

    /**
     * warmup changes, then reps samples of change(i), one after the other. The W-scale sweep comes first and
     * warms up for {@link #SWEEP_WARMUP} changes: the engine's hot loops reach the JIT's optimising compiler only
     * some seconds after start, queued behind the toolkit's and the charts' own code, and until then a sample
     * measures the compiler rather than the dashboard.
     */
    private Map<String, double[]> measure(String name, int warmup, int reps, java.util.function.IntConsumer change)
            throws Exception {
        List<Double> ms = new ArrayList<>();
        List<Double> analysis = new ArrayList<>();
        List<Double> engine = new ArrayList<>();
        List<Double> chart = new ArrayList<>();
        for (int i = -warmup; i < reps; i++) {
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
                    computedMs(viewModel.statusProperty().get())});
                analysis.add(parts[0]);
                chart.add(parts[1]);
                engine.add(parts[2]);
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put(name, array(ms));
        out.put(name + "/analysis", array(analysis));
        out.put(name + "/engine", array(engine));
        out.put(name + "/chart", array(chart));
        out.put(name + "/render", array(java.util.stream.IntStream.range(0, ms.size())
                .mapToObj(i -> ms.get(i) - analysis.get(i) - chart.get(i)).toList()));
        return out;
    }

    private static final java.util.regex.Pattern COMPUTED =
            java.util.regex.Pattern.compile("computed in ([0-9.]+) ms");

    /** The engine's own time in the status line ("computed in 4.2 ms"), NaN when the line does not say it. */
    static double computedMs(String status) {
        java.util.regex.Matcher m = COMPUTED.matcher(status == null ? "" : status);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
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
