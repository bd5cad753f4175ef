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
import org.vanish.preset.Preset;

/**
 * The dashboard's analysis scheduling: the prepared runs of the preset on screen, the cheap analysis after every
 * change, then (once the picture stands still) the spectra at large n and the Jacobian products, and the status
 * and error lines that report them. Runs on the UI thread; the engine runs on the compute executor and a result
 * that a newer change made stale (a newer generation) is dropped.
 */
final class DashboardAnalysis {
    private static final double NANOS_PER_MS = 1e6;
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

    /** The prepared runs of the preset on screen; null before the first preset. */
    CompletableFuture<List<Analyzer.Prepared>> prepared() {
        return prepared;
    }

    /** True when results were made for the very change now on screen (full: with the Jacobian products). */
    boolean isCurrent(boolean full) {
        return (full ? fullGeneration : resultsGeneration) == generation.get();
    }

    /** Drops the Jacobian products on show: those of another preset must not stand under this one's name. */
    void clearFull() {
        fullResults.set(List.of());
    }

    /** Starts drawing p's parameters and input drive (they survive scale changes), off this thread. */
    void prepare(Preset p) {
        prepared = CompletableFuture.supplyAsync(() -> p.toRunSpecs().stream().map(analyzer::prepare).toList(),
                computeExecutor);
    }

    /**
     * Analyses every run at the current scale, off the UI thread; called on every change. The runs are
     * separate tasks, so a compute executor with several threads analyses them side by side.
     */
    void recompute() {
        long run = generation.incrementAndGet();
        CompletableFuture<List<Analyzer.Prepared>> runs = prepared;
        if (runs == null) {
            return;
        }
        double[] scales = currentScales.get();
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
                            onPublished.run();
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
                        analysisFailed("Jacobian products failed: " + failure.getMessage());
                    }
                }, uiExecutor);
    }

    /** Stops the running Jacobian products; the cheap views stay. */
    void cancelFull() {
        cancelled.set(generation.get());
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

    private void publish(Computed computed, Throwable failure) {
        if (failure != null) {
            Throwable cause = unwrap(failure);
            String why = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            analysisFailed("analysis failed: " + why);
            return;
        }
        if (errorFromAnalysis) {
            reportError("");
        }
        resultsGeneration = generation.get();
        results.set(computed.results());
        curves.set(computed.results().stream().map(Curve::of).toList());
        summaries.set(computed.results().stream().map(RunSummary::of).toList());
        status.set(String.format(Locale.ROOT, "W scale %.2f   ·   T = %d   ·   %d runs   ·   computed in %.1f ms",
                computed.results().get(0).spec().scale(), currentSteps.getAsInt(), computed.results().size(),
                computed.nanos() / NANOS_PER_MS));
    }

    private record Computed(List<RunResult> results, long nanos) {
    }
}
