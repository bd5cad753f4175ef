package org.vanish.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.vanish.engine.Analyzer;
import org.vanish.engine.JacobianProducts;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.engine.StepWatch;
import org.vanish.preset.Preset;

/**
 * The dashboard's analysis scheduling: the prepared runs of the preset on screen, the cheap analysis after every
 * change, then (once the picture stands still) the spectra at large n and the Jacobian products, and the status
 * and error lines that report them. Runs on the UI thread; the engine runs on the compute executor and a result
 * that a newer change made stale (a newer generation) is dropped.
 */
final class DashboardAnalysis {
    private static final double NANOS_PER_MS = 1e6;
    /** A change whose answer takes longer than this shows progress and Cancel (the limit is 100 ms). */
    static final long SHOW_PROGRESS_MS = 60;
    /**
     * A newer change stops the analysis in flight if that would need more than this to finish (estimated from its
     * progress); a shorter one finishes and is shown as a position the slider passed.
     */
    static final long FINISH_MS = 120;
    /** At most this many progress updates per run of work reach the UI thread. */
    private static final int PROGRESS_UPDATES = 100;
    /** Above this hidden size the spectra stream in after the gradient curves instead of with them. */
    static final int LARGE_N = 128;

    private final Executor computeExecutor;
    private final Executor uiExecutor;
    private final Analyzer analyzer = new Analyzer();
    private final AtomicLong generation = new AtomicLong();
    private final Supplier<double[]> currentScales;
    private final IntSupplier currentSteps;
    /** Called on the UI thread after a cheap analysis was published (the heatmap follows it). */
    private Runnable onPublished = () -> { };

    final ReadOnlyObjectWrapper<List<RunResult>> results = new ReadOnlyObjectWrapper<>(this, "results", List.of());
    final ReadOnlyObjectWrapper<List<Curve>> curves = new ReadOnlyObjectWrapper<>(this, "curves", List.of());
    final ReadOnlyObjectWrapper<List<RunSummary>> summaries =
            new ReadOnlyObjectWrapper<>(this, "summaries", List.of());
    final ReadOnlyObjectWrapper<List<RunResult>> fullResults =
            new ReadOnlyObjectWrapper<>(this, "fullResults", List.of());
    final ReadOnlyDoubleWrapper fullProgress = new ReadOnlyDoubleWrapper(this, "fullProgress", 0);
    final ReadOnlyBooleanWrapper computingFull = new ReadOnlyBooleanWrapper(this, "computingFull", false);
    final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    /** The generations that produced the results and the full results on show (read and written on the UI thread). */
    private long resultsGeneration = -1;
    private long fullGeneration = -1;
    private final AtomicLong cancelled = new AtomicLong(-1);
    /** The prepared runs of the current preset; replaced together with it. */
    private CompletableFuture<List<Analyzer.Prepared>> prepared;
    /** How long the picture must stay unchanged before the Jacobian products start; 0 starts them at once. */
    private long fullDelayMs;
    private boolean errorFromAnalysis;
    /** The preset on screen and a counter bumped with it, so that preparing a replaced preset stops. */
    private Preset shownPreset;
    private final AtomicLong presetEpoch = new AtomicLong();
    /** The cheap analysis in flight (null: none) and whether a newer change waits for it (UI thread). */
    private Watch live;
    private boolean livePending;
    /** Progress of whatever runs for the picture on screen (-1: unknown), and whether it is shown with Cancel. */
    final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper(this, "working", false);

    /**
     * @param currentScales the runs' W scales for the picture on screen (read on the UI thread)
     * @param currentSteps T of the preset on screen
     */
    DashboardAnalysis(Executor computeExecutor, Executor uiExecutor, Supplier<double[]> currentScales,
                      IntSupplier currentSteps) {
        this.computeExecutor = computeExecutor;
        this.uiExecutor = uiExecutor;
        this.currentScales = currentScales;
        this.currentSteps = currentSteps;
    }

    void onPublished(Runnable r) {
        onPublished = r;
    }

    Executor computeExecutor() {
        return computeExecutor;
    }

    Executor uiExecutor() {
        return uiExecutor;
    }

    /** The generation of the change now on screen; bumped by every change. */
    long generation() {
        return generation.get();
    }


    /** True when results were made for the very change now on screen (full: with the Jacobian products). */
    boolean isCurrent(boolean full) {
        return (full ? fullGeneration : resultsGeneration) == generation.get();
    }

    /** Drops the Jacobian products on show: those of another preset must not stand under this one's name. */
    void clearFull() {
        fullResults.set(List.of());
    }

    /**
     * A new preset on screen: its runs are prepared (parameters and input drive, which survive scale changes) when
     * first needed, off this thread; the preparation of a preset replaced before it finished stops.
     */
    void prepare(Preset p) {
        presetEpoch.incrementAndGet();
        shownPreset = p;
        prepared = null;
    }

    /**
     * The prepared runs of the preset on screen, started now if not yet (or again, if Cancel stopped them); null
     * before the first preset.
     */
    CompletableFuture<List<Analyzer.Prepared>> prepared() {
        if ((prepared == null || prepared.isCompletedExceptionally()) && shownPreset != null) {
            Preset p = shownPreset;
            long epoch = presetEpoch.get();
            long since = generation.get();
            StepWatch.Watcher stale = new StepWatch.Watcher() {
                @Override
                public void step() {
                    check();
                }

                @Override
                public void check() {
                    if (epoch != presetEpoch.get() || cancelled.get() >= since) {
                        throw new CancellationException("another preset is on screen, or cancelled");
                    }
                }
            };
            prepared = CompletableFuture.supplyAsync(() -> StepWatch.watched(stale, () -> {
                List<Analyzer.Prepared> list = new ArrayList<>();
                for (var spec : p.toRunSpecs()) {
                    stale.check();
                    list.add(analyzer.prepare(spec));
                }
                return List.copyOf(list);
            }), computeExecutor);
        }
        return prepared;
    }

    /**
     * Analyses every run at the current scale, off the UI thread; called on every change. Changes coalesce: at
     * most one analysis is in flight and one waits, the newest; a change that arrives while a slow analysis (one
     * that shows progress) is in flight stops it at its next step, so a dragged slider is computed at its newest
     * value and never works through old ones. The runs are separate tasks, side by side on the compute threads.
     */
    void recompute() {
        long run = generation.incrementAndGet();
        if (shownPreset == null) {
            return;
        }
        if (live != null) {
            livePending = true;
            if (live.slow()) {
                live.stop = true;
            }
            return;
        }
        startLive(run);
    }

    private void startLive(long run) {
        CompletableFuture<List<Analyzer.Prepared>> runs = prepared();
        double[] scales = currentScales.get();
        int steps = currentSteps.getAsInt();
        long start = System.nanoTime();
        // forward and backward through every run
        Watch watch = new Watch(run, 2L * steps * scales.length, start);
        live = watch;
        List<CompletableFuture<RunResult>> parts = new ArrayList<>(scales.length);
        for (int i = 0; i < scales.length; i++) {
            int k = i;
            parts.add(runs.thenApplyAsync(list -> watch.run(
                    () -> list.get(k).analyze(scales[k], liveQuantities(list.get(k)), null)), computeExecutor));
        }
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(done -> new Computed(parts.stream().map(CompletableFuture::join).toList(),
                        System.nanoTime() - start))
                .whenCompleteAsync((computed, failure) -> {
                    live = null;
                    boolean current = run == generation.get() && cancelled.get() != run;
                    if (current) {
                        showWorking(false, 0);
                        publish(run, computed, failure);
                        if (failure == null) {
                            onPublished.run();
                            startFull(run, runs, scales);
                        }
                    } else if (failure == null && cancelled.get() < run) {
                        // a position the slider passed: shown while its newest value is computed
                        publish(run, computed, null);
                    }
                    if (livePending) {
                        livePending = false;
                        startLive(generation.get());
                    }
                }, uiExecutor);
        if (live != watch) {
            return;   // done already (an executor that runs tasks at once)
        }
        // progress within 100 ms of a change whose answer takes longer
        CompletableFuture.delayedExecutor(SHOW_PROGRESS_MS, TimeUnit.MILLISECONDS, uiExecutor).execute(() -> {
            if (live == watch && run == generation.get() && cancelled.get() != run) {
                status.set("computing the gradients for the new settings…");
                showWorking(true, watch.fraction());
                watch.report();
            }
        });
    }

    /** Shows or hides the progress bar and the Cancel button. */
    private void showWorking(boolean on, double fraction) {
        progress.set(fraction);
        working.set(on);
    }

    /**
     * Waits (see {@link #setFullDelayMs}) before the products, so that while a slider moves they do not take the
     * cores that the next cheap analysis and the frames need, and no position in passing pays for them.
     */
    private void startFull(long run, CompletableFuture<List<Analyzer.Prepared>> runs, double[] scales) {
        boolean spectraMissing = results.get().stream().anyMatch(r -> r.spectra() == null);
        Runnable next = () -> {
            if (run != generation.get() || cancelled.get() == run) {
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
        // forward and backward again, then an eigen- and a singular value decomposition per recurrent matrix
        long work = runs.join().stream().mapToLong(p -> 2L * p.spec().steps()
                + 2L * p.spec().cell().recurrentNames().size()).sum();
        Watch watch = new Watch(run, work, start);
        showWorking(true, 0);
        status.set(status.get() + "   ·   spectra…");
        watch.report();
        List<CompletableFuture<RunResult>> parts = new ArrayList<>(scales.length);
        for (int i = 0; i < scales.length; i++) {
            int k = i;
            parts.add(runs.thenApplyAsync(list -> watch.run(
                    () -> list.get(k).analyze(scales[k], Quantities.LIVE, null)), computeExecutor));
        }
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(done -> new Computed(parts.stream().map(CompletableFuture::join).toList(),
                        System.nanoTime() - start))
                .whenCompleteAsync((computed, failure) -> {
                    if (run != generation.get()) {
                        return;
                    }
                    computingFull.set(false);
                    showWorking(false, 0);
                    if (cancelled.get() == run) {
                        return;
                    }
                    publish(run, computed, failure);
                    if (failure == null) {
                        computeFull(run, runs, scales);
                    }
                }, uiExecutor);
    }

    /**
     * Delays the Jacobian products until the picture has stayed unchanged this long (the app uses a few
     * hundred milliseconds; 0, the default, starts them as soon as the cheap views are published).
     */
    void setFullDelayMs(long ms) {
        fullDelayMs = Math.max(0, ms);
    }

    /**
     * The Jacobian products (Quantities.FULL) after the cheap views are drawn: one task per run, each checking
     * once per time step whether a newer change or the cancel button made it stale.
     */
    private void computeFull(long run, CompletableFuture<List<Analyzer.Prepared>> runs, double[] scales) {
        computingFull.set(true);
        fullProgress.set(0);
        showWorking(true, 0);
        long total = (long) currentSteps.getAsInt() * scales.length;
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
                    if (run == generation.get() && cancelled.get() != run) {
                        fullProgress.set(percent / 100.0);
                        DashboardAnalysis.this.progress.set(percent / 100.0);
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
                // the forward and backward passes before the products stop too
                return StepWatch.watched(() -> {
                    if (run != generation.get() || cancelled.get() == run) {
                        throw new CancellationException("superseded");
                    }
                }, () -> list.get(k).analyze(scales[k], Quantities.FULL, progress));
            }, computeExecutor));
        }
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(x -> parts.stream().map(CompletableFuture::join).toList())
                .whenCompleteAsync((list, failure) -> {
                    if (run != generation.get() || cancelled.get() == run) {
                        return;   // superseded, or cancelled (and said so) by the button
                    }
                    computingFull.set(false);
                    showWorking(false, 0);
                    if (failure == null) {
                        fullGeneration = run;
                        fullResults.set(list);
                        fullProgress.set(1);
                    } else if (isCancellation(failure)) {
                        status.set(status.get() + "   ·   Jacobian products cancelled");
                    } else {
                        analysisFailed("Jacobian products failed: " + failure.getMessage());
                    }
                }, uiExecutor);
    }

    /**
     * Stops what runs for the picture on screen (a slow analysis, the spectra, the Jacobian products) at once: the
     * UI is idle again now and the engine stops at its next step; what is on show stays.
     */
    void cancelFull() {
        long run = generation.get();
        cancelled.set(run);
        boolean wasWorking = working.get() || computingFull.get();
        computingFull.set(false);
        showWorking(false, 0);
        if (wasWorking) {
            boolean liveToo = live != null && live.run == run;
            status.set(status.get() + (liveToo ? "   ·   cancelled: the picture shows the settings before"
                    : "   ·   Jacobian products cancelled"));
        }
    }

    static boolean isCancellation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CancellationException) {
                return true;
            }
        }
        return false;
    }

    /** Shows a message in the error line; the empty string clears it. */
    void reportError(String message) {
        error.set(message == null ? "" : message);
        errorFromAnalysis = false;
    }

    /** Shows a failure of an analysis; the next successful analysis clears it. */
    void analysisFailed(String message) {
        error.set(message);
        errorFromAnalysis = true;
    }

    /** The cause a CompletableFuture wrapped, else failure itself. */
    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private void publish(long run, Computed computed, Throwable failure) {
        if (failure != null) {
            Throwable cause = unwrap(failure);
            String why = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            analysisFailed("analysis failed: " + why);
            return;
        }
        if (errorFromAnalysis) {
            reportError("");
        }
        resultsGeneration = run;
        results.set(computed.results());
        curves.set(computed.results().stream().map(Curve::of).toList());
        summaries.set(computed.results().stream().map(RunSummary::of).toList());
        int count = computed.results().size();
        status.set(String.format(Locale.ROOT, "W scale %.2f   ·   T = %d   ·   %d %s   ·   computed in %.1f ms",
                computed.results().get(0).spec().scale(), computed.results().get(0).spec().steps(),
                count, count == 1 ? "run" : "runs",
                computed.nanos() / NANOS_PER_MS));
    }

    private record Computed(List<RunResult> results, long nanos) {
    }

    /**
     * The engine's steps of one piece of work for one change (all its runs): counts them for the progress bar and
     * stops them, at the next step, once a newer change, the Cancel button or {@link #stop} made the work stale.
     */
    private final class Watch implements StepWatch.Watcher {
        final long run;
        private final long total;
        private final long startNanos;
        private final AtomicLong done = new AtomicLong();
        private final AtomicInteger shownPercent = new AtomicInteger();
        /** Set on the UI thread: a newer change is to be computed instead of this one. */
        volatile boolean stop;
        private volatile boolean reporting;

        Watch(long run, long total, long startNanos) {
            this.run = run;
            this.total = Math.max(1, total);
            this.startNanos = startNanos;
        }

        <T> T run(Supplier<T> work) {
            check();
            return StepWatch.watched(this, work);
        }

        @Override
        public void check() {
            // Cancel stops the work of the change on screen and of every older one
            if (stop || cancelled.get() >= run) {
                throw new CancellationException("superseded");
            }
        }

        @Override
        public void step() {
            check();
            long d = done.incrementAndGet();
            if (!reporting) {
                return;
            }
            int percent = (int) (PROGRESS_UPDATES * Math.min(d, total) / total);
            int was = shownPercent.get();
            if (percent > was && shownPercent.compareAndSet(was, percent)) {
                uiExecutor.execute(() -> {
                    if (working.get() && run == generation.get() && cancelled.get() != run) {
                        progress.set(percent / (double) PROGRESS_UPDATES);
                    }
                });
            }
        }

        /** From now on its progress is shown. */
        void report() {
            reporting = true;
        }

        double fraction() {
            return Math.min(1.0, done.get() / (double) total);
        }

        /** Whether finishing would take longer than {@link #FINISH_MS}, estimated from the steps done so far. */
        boolean slow() {
            double elapsed = System.nanoTime() - startNanos;
            double f = fraction();
            double remaining = f > 0 ? elapsed * (1 - f) / f : elapsed;
            return remaining > FINISH_MS * 1e6;
        }
    }
}
