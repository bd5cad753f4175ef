package org.vanish.ui.lab;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.vanish.figure.Figures;
import org.vanish.figure.SlideStyle;
import org.vanish.figure.TrainingFigures;
import org.vanish.figure.TrainingSnapshot;
import org.vanish.files.AtomicFile;
import org.vanish.files.WriteFailure;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.train.Optimizer;
import org.vanish.train.StepStats;
import org.vanish.train.Task;
import org.vanish.train.TrainConfig;

/**
 * The training lab's state and logic: the settings, Play / Pause / Step / Reset, the history of the run and
 * the four views rendered as images. Testable without a toolkit: every executor is injected.
 *
 * <p>Threads. The settings and every property live on the UI thread. The trainer lives on one training thread
 * (never the UI thread): Play queues a chunk of steps that runs until a frame's time ({@link #FRAME_NANOS}) has
 * passed, publishes a {@link Frame} and queues the next chunk, so Pause (or Reset) takes effect after the step
 * under way. Frames are coalesced: while one waits for the UI thread, newer ones replace it and no second is
 * queued. The charts are built and drawn to images on a render thread, one set at a time, always of the newest
 * frame; the UI thread only shows the images.
 *
 * <p>A run is identified by a generation number: Reset, or any change of a setting, starts a new generation,
 * and whatever an older generation still publishes is dropped.
 */
public final class TrainingLabViewModel {
    /** What the buttons offer. */
    public enum State { READY, RUNNING, PAUSED }

    /** About 30 frames a second: a chunk of steps runs at least this long before it publishes. */
    static final long FRAME_NANOS = 33_000_000L;
    /** The held-out set is evaluated before training and after every this many steps. */
    static final int EVAL_EVERY = 50;
    /** The views are laid out at least this wide and then scaled to the screen, so slide fonts fit a quarter. */
    static final double LAYOUT_WIDTH = 800;
    private static final double MIN_SHRINK = 0.5;

    /** What a chunk of training published: the snapshot and the speed, for one generation. */
    record Frame(long generation, TrainingSnapshot snapshot, double stepsPerSecond, double loss, boolean running) {
    }

    private final Executor trainExecutor;
    private final Executor renderExecutor;
    private final Executor uiExecutor;
    private final TrainingSession.Factory sessions;
    private final List<ExecutorService> owned = new ArrayList<>();
    private LongSupplier clock = System::nanoTime;
    private long frameNanos = FRAME_NANOS;

    private final TrainingSettings settings = new TrainingSettings();

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.READY);
    private final ReadOnlyIntegerWrapper steps = new ReadOnlyIntegerWrapper(this, "steps", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(this, "heading", "");
    /** How far drawing the data and the first evaluation have come (0 to 1); −1 when nothing is being prepared. */
    private final ReadOnlyDoubleWrapper preparing = new ReadOnlyDoubleWrapper(this, "preparing", -1);
    private volatile double preparedFraction;
    private final AtomicBoolean preparedPosted = new AtomicBoolean();
    private final ReadOnlyObjectWrapper<TrainingSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyObjectWrapper<List<BufferedImage>> images =
            new ReadOnlyObjectWrapper<>(this, "images", List.of());

    private final AtomicLong generation = new AtomicLong();
    /** Bumped by Play, Pause and Reset: a chunk chain continues only while its token is current. */
    private final AtomicLong playToken = new AtomicLong();
    private final AtomicReference<Frame> latest = new AtomicReference<>();
    private final AtomicBoolean posted = new AtomicBoolean();
    /** The run of the current generation; null when the settings are invalid. UI thread. */
    private Run run;
    private String note = "";
    /** The frame on screen (UI thread); null before the first of the run. */
    private Frame shown;
    private boolean rendering;
    private volatile boolean closed;
    private double viewWidth;
    private double viewHeight;
    private double outputScale = 1;

    /** One training run: its settings, and on the training thread its session and history. */
    private static final class Run {
        final long generation;
        final TrainConfig config;
        TrainingSession session;
        TrainingHistory history;
        double[] initialRe;
        double[] initialIm;

        Run(long generation, TrainConfig config) {
            this.generation = generation;
            this.config = config;
        }
    }

    /** The app's lab: its own training and render threads (daemons), publishing through uiExecutor. */
    public TrainingLabViewModel(Executor uiExecutor) {
        this(null, null, uiExecutor, TrainingSession::of);
    }

    /**
     * @param trainExecutor runs the trainer, one task at a time (null: a thread of its own)
     * @param renderExecutor builds and draws the charts (null: a thread of its own)
     * @param uiExecutor publishes ({@code Platform::runLater} in the app)
     * @param sessions makes the training session of a configuration (a fake in tests)
     */
    TrainingLabViewModel(Executor trainExecutor, Executor renderExecutor, Executor uiExecutor,
                         TrainingSession.Factory sessions) {
        this.trainExecutor = trainExecutor != null ? trainExecutor : own("vanish-training");
        this.renderExecutor = renderExecutor != null ? renderExecutor : own("vanish-lab-render");
        this.uiExecutor = Objects.requireNonNull(uiExecutor);
        this.sessions = sessions;
        settings.addListener(this::settingsChanged);
        reset();
    }

    private ExecutorService own(String name) {
        ExecutorService e = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        owned.add(e);
        return e;
    }

    /** Tests: the clock and the least time a chunk trains before it publishes (0: one step per chunk). */
    void setClock(LongSupplier nanos, long chunkNanos) {
        this.clock = nanos;
        this.frameNanos = chunkNanos;
    }

    // ---- the settings ------------------------------------------------------------------------------------------

    /** The settings on screen: a change starts a new run. */
    public TrainingSettings settings() {
        return settings;
    }

    /** Shows c's settings (a preset's training block) and starts a new run from them, at step 0. */
    public void apply(TrainConfig c) {
        settings.apply(c);
        reset();
    }

    /** Shows message as an error (a preset whose training block the trainer refuses). */
    public void reportError(String message) {
        error.set(message);
    }

    private void settingsChanged() {
        boolean trained = steps.get() > 0 || state.get() == State.RUNNING;
        reset();
        if (trained) {
            note = "settings changed: reset to step 0";
            updateStatus();
        }
    }

    // ---- Play, Pause, Step, Reset (UI thread) -----------------------------------------------------------------

    /** Trains until paused. */
    public void play() {
        if (state.get() == State.RUNNING || run == null) {
            return;
        }
        Run r = run;
        long token = playToken.incrementAndGet();
        state.set(State.RUNNING);
        note = "";
        updateStatus();
        train(() -> chunk(r, token));
    }

    /** Stops after the step under way. */
    public void pause() {
        if (state.get() == State.RUNNING) {
            playToken.incrementAndGet();
            state.set(steps.get() > 0 ? State.PAUSED : State.READY);
            updateStatus();
        }
    }

    public void togglePlay() {
        if (state.get() == State.RUNNING) {
            pause();
        } else {
            play();
        }
    }

    /** One update (ignored while playing). */
    public void step() {
        if (state.get() == State.RUNNING || run == null) {
            return;
        }
        Run r = run;
        note = "";
        train(() -> guarded(r, () -> {
            if (r.generation != generation.get()) {
                return;   // a Reset or a settings change came after this press: the old network is gone
            }
            ensure(r);
            long t0 = clock.getAsLong();
            stepOnce(r);
            publish(r, 1, clock.getAsLong() - t0, false);
        }));
    }

    /** Drops the run and starts a new one from the settings on screen, at step 0. */
    public void reset() {
        playToken.incrementAndGet();
        long g = generation.incrementAndGet();
        state.set(State.READY);
        steps.set(0);
        shown = null;
        snapshot.set(null);
        images.set(List.of());
        note = "";
        error.set("");
        preparing.set(-1);
        try {
            run = new Run(g, settings.config());
            heading.set(title(run.config));
            preparing.set(0);
        } catch (IllegalArgumentException e) {
            run = null;
            error.set(e.getMessage());
        }
        updateStatus();
        Run r = run;
        if (r != null) {
            // the untrained network's views: held-out loss and eigenvalues at step 0 (skipped if already superseded)
            train(() -> {
                if (r.generation == generation.get()) {
                    guarded(r, () -> {
                        ensure(r);
                        publish(r, 0, 0, false);
                    });
                }
            });
        }
    }

    /** Stops training and the lab's own threads (the window is closing); the lab does nothing after. */
    public void close() {
        closed = true;
        playToken.incrementAndGet();
        generation.incrementAndGet();
        owned.forEach(ExecutorService::shutdownNow);
    }

    // ---- the training thread ----------------------------------------------------------------------------------

    /** Queues task on the training thread, unless the lab is closed. */
    private void train(Runnable task) {
        if (!closed) {
            trainExecutor.execute(task);
        }
    }

    private boolean live(Run r, long token) {
        return r.generation == generation.get() && token == playToken.get();
    }

    /** Steps until a frame's time has passed, then publishes and, if still playing, queues the next chunk. */
    private void chunk(Run r, long token) {
        if (!live(r, token)) {
            return;
        }
        guarded(r, () -> {
            ensure(r);
            long t0 = clock.getAsLong();
            int before = r.history.steps();
            do {
                stepOnce(r);
            } while (live(r, token) && clock.getAsLong() - t0 < frameNanos);
            boolean more = live(r, token);
            publish(r, r.history.steps() - before, clock.getAsLong() - t0, more);
            if (more) {
                train(() -> chunk(r, token));
            }
        });
    }

    private void ensure(Run r) {
        if (r.session != null) {
            return;
        }
        // drawing the data takes seconds at T = 1000: its progress shows, and a newer run stops it
        TrainingSession s = sessions.make(r.config, f -> prepared(r, PREPARE_SHARE * f));
        r.history = new TrainingHistory(s.sequenceLength() + 1, s.hasAccuracy());
        r.initialRe = s.eigenvaluesRe();
        r.initialIm = s.eigenvaluesIm();
        r.history.addEvaluation(s.evaluate(f -> prepared(r, PREPARE_SHARE + (1 - PREPARE_SHARE) * f)));
        r.session = s;
    }

    /** The share of the preparation's progress bar given to drawing the data; the first evaluation has the rest. */
    private static final double PREPARE_SHARE = 0.75;

    /** Training thread: posts the preparation's progress (coalesced); false once r is superseded or the lab closed. */
    private boolean prepared(Run r, double fraction) {
        if (closed || r.generation != generation.get()) {
            return false;
        }
        preparedFraction = fraction;
        if (preparedPosted.compareAndSet(false, true)) {
            uiExecutor.execute(() -> {
                preparedPosted.set(false);
                if (r.generation == generation.get() && preparing.get() >= 0) {
                    preparing.set(preparedFraction);
                    updateStatus();
                }
            });
        }
        return true;
    }

    private void stepOnce(Run r) {
        StepStats s = r.session.step();
        r.history.add(s);
        if (r.history.steps() % EVAL_EVERY == 0) {
            r.history.addEvaluation(r.session.evaluate());
        }
    }

    /** Runs work for r on the training thread; an error stops the run and shows its message. */
    private void guarded(Run r, Runnable work) {
        try {
            work.run();
        } catch (java.util.concurrent.CancellationException e) {
            // a superseded run's preparation stopped: the newer run has its own
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // an Error too: left to the thread it would end it silently and leave the lab saying "training"
            String message = e instanceof OutOfMemoryError
                    ? "training stopped: out of memory; lower T, n, the batch or the dataset size"
                    : e instanceof IllegalArgumentException && e.getMessage() != null ? e.getMessage()
                    : "training stopped: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            if (e instanceof OutOfMemoryError) {
                r.session = null;   // let the memory go
            }
            uiExecutor.execute(() -> {
                if (r.generation == generation.get()) {
                    playToken.incrementAndGet();
                    state.set(steps.get() > 0 ? State.PAUSED : State.READY);
                    preparing.set(-1);
                    error.set(message);
                    updateStatus();
                }
            });
        }
    }

    private void publish(Run r, int stepsTaken, long nanos, boolean running) {
        TrainingHistory h = r.history;
        TrainingHistory.Points p = h.snapshotArrays();
        TrainingSession s = r.session;
        TrainConfig c = r.config;
        TrainingSnapshot snap = new TrainingSnapshot(title(c), h.steps(), h.stride(), p.step(), p.loss(), p.accuracy(),
                p.gradNorm(), p.clipped(), p.evalStep(), p.evalLoss(), p.evalAccuracy(), s.baseline(),
                s.baselineDescription(), c.clip() ? c.clipThreshold() : Double.NaN, s.sequenceLength(), p.gradByTime(),
                s.matrixName(), r.initialRe, r.initialIm, s.eigenvaluesRe(), s.eigenvaluesIm());
        double rate = nanos > 0 ? stepsTaken * 1e9 / nanos : Double.NaN;
        double loss = p.loss().length > 0 ? p.loss()[p.loss().length - 1] : Double.NaN;
        latest.set(new Frame(r.generation, snap, rate, loss, running));
        if (posted.compareAndSet(false, true)) {
            uiExecutor.execute(this::deliver);
        }
    }

    /** "rnn tanh on the adding problem · T = 50 · n = 64 · adam η = 0.001 · clip at 1". */
    static String title(TrainConfig c) {
        String cellName = c.cell().usesActivation() ? c.cell().id() + " " + c.activation().id() : c.cell().id();
        String taskName = c.task() == Task.ADDING ? "the adding problem" : c.task() == Task.COPY ? "the copy task"
                : "agreement";
        String opt = c.optimizer() == Optimizer.ADAM ? "adam η = " + number(c.learningRate())
                : "sgd η = " + number(c.learningRate()) + ", μ = " + number(c.momentum());
        return cellName + " on " + taskName + "  ·  T = " + c.length() + "  ·  n = " + c.hiddenSize() + "  ·  " + opt
                + "  ·  " + (c.clip() ? "clip at " + number(c.clipThreshold()) : "no clipping");
    }

    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%.3g", v);
        return s.contains("e") ? s : s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    // ---- back on the UI thread ----------------------------------------------------------------------------------

    private void deliver() {
        posted.set(false);
        Frame f = latest.getAndSet(null);
        if (f == null || f.generation() != generation.get()) {
            return;
        }
        snapshot.set(f.snapshot());
        preparing.set(-1);
        steps.set(f.snapshot().stepsDone());
        if (state.get() == State.READY && f.snapshot().stepsDone() > 0) {
            state.set(State.PAUSED);
        }
        shown = f;
        updateStatus();
        render();
    }

    /** "training · step 1234 · loss 0.0123 · 850 steps/s · note": the speed only while training. */
    private void updateStatus() {
        Frame f = shown;
        StringBuilder sb = new StringBuilder();
        if (preparing.get() >= 0 && run != null) {
            sb.append(String.format(Locale.ROOT, "preparing: drawing %,d training sequences of length %d and"
                    + " evaluating the untrained network · %.0f %%", run.config.datasetSize(), run.config.length(),
                    100 * preparing.get()));
            if (state.get() == State.RUNNING) {
                sb.append(" · training starts when it is ready");
            }
            if (!note.isEmpty()) {
                sb.append(" · ").append(note);
            }
            status.set(sb.toString());
            return;
        }
        sb.append(state.get() == State.RUNNING ? "training" : state.get() == State.PAUSED ? "paused" : "ready");
        sb.append(" · step ").append(steps.get());
        if (f != null && Double.isFinite(f.loss())) {
            sb.append(" · loss ").append(String.format(Locale.ROOT, "%.4g", f.loss()));
        }
        if (f != null && f.running() && state.get() == State.RUNNING && Double.isFinite(f.stepsPerSecond())) {
            sb.append(" · ").append(String.format(Locale.ROOT, "%.0f", f.stepsPerSecond())).append(" steps/s");
        }
        if (!note.isEmpty()) {
            sb.append(" · ").append(note);
        }
        status.set(sb.toString());
    }

    // ---- the views as images ------------------------------------------------------------------------------------

    /**
     * The size of each of the four views on screen, in logical pixels, and the screen's output scale; 0 draws
     * nothing (tests). A change redraws the newest snapshot.
     */
    public void setViewSize(double width, double height, double scale) {
        viewWidth = width;
        viewHeight = height;
        outputScale = scale > 0 ? scale : 1;
        render();
    }

    /**
     * Draws the newest snapshot's views on the render thread, one set at a time. A newer snapshot is drawn next,
     * but no sooner than the last drawing took again: drawing takes at most half of a core from training.
     */
    private void render() {
        TrainingSnapshot s = snapshot.get();
        if (closed || rendering || s == null || viewWidth < 1 || viewHeight < 1) {
            return;
        }
        rendering = true;
        double w = viewWidth;
        double h = viewHeight;
        double scale = outputScale;
        long g = generation.get();
        long[] took = new long[1];
        CompletableFuture.supplyAsync(() -> {
            long t0 = clock.getAsLong();
            List<BufferedImage> drawn = draw(s, w, h, scale);
            took[0] = clock.getAsLong() - t0;
            return drawn;
        }, renderExecutor).whenCompleteAsync((drawn, failure) -> {
            rendering = false;
            if (failure != null) {
                error.set("could not draw the views: " + cause(failure).getMessage());
                return;
            }
            if (g == generation.get()) {
                images.set(drawn);
            }
            if (snapshot.get() != s || w != viewWidth || h != viewHeight) {
                if (took[0] > 0) {
                    CompletableFuture.delayedExecutor(took[0], TimeUnit.NANOSECONDS, uiExecutor).execute(this::render);
                } else {
                    render();
                }
            }
        }, uiExecutor);
    }

    /**
     * The four views of s, each w×h logical pixels on screen: laid out at least {@link #LAYOUT_WIDTH} wide (so the
     * slide fonts of the figures fit a quarter of the window) and drawn at the screen's resolution; without the
     * subtitle, which the lab shows once above them ({@link #headingProperty()}).
     */
    static List<BufferedImage> draw(TrainingSnapshot snapshot, double w, double h, double outputScale) {
        TrainingSnapshot s = snapshot.withTitle("");
        double shrink = Math.max(MIN_SHRINK, Math.min(1, w / LAYOUT_WIDTH));
        int lw = (int) Math.max(1, Math.round(w / shrink));
        int lh = (int) Math.max(1, Math.round(h / shrink));
        List<BufferedImage> out = new ArrayList<>();
        for (String name : TrainingFigures.NAMES) {
            out.add(Figures.render(TrainingFigures.chart(name, s), lw, lh, shrink * outputScale));
        }
        return out;
    }

    // ---- saving ---------------------------------------------------------------------------------------------------

    /**
     * The network now as a preset (initial and trained runs), made on the training thread and handed over on the
     * UI thread; fails with a message when the settings are invalid.
     */
    public CompletableFuture<Preset> trainedPreset() {
        Run r = run;
        if (r == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(error.get()));
        }
        return CompletableFuture.supplyAsync(() -> {
            ensure(r);
            return r.session.toPreset();
        }, trainExecutor).whenCompleteAsync((p, failure) -> {
            if (failure != null) {
                error.set("could not convert the network to a preset: " + cause(failure).getMessage());
            }
        }, uiExecutor);
    }

    /** Writes the network now as a preset to file, atomically; the outcome shows in the status or error line. */
    public CompletableFuture<Path> save(Path file) {
        return trainedPreset().thenApplyAsync(p -> {
            try {
                AtomicFile.write(file, PresetCodec.write(p));
                return file;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, renderExecutor).whenCompleteAsync((f, failure) -> {
            if (failure == null) {
                note = "saved " + file.getFileName();
                updateStatus();
            } else {
                Throwable c = cause(failure);
                error.set(c instanceof IOException ? WriteFailure.of(file, c).getMessage()
                        : "could not save " + file + ": " + c.getMessage());
            }
        }, uiExecutor);
    }

    /**
     * Writes the four views of the snapshot on screen into folder as {@code training-loss.png} ... at slide size
     * (1600×900) times pngScale, atomically, off the UI thread; the outcome shows in the status or error line.
     */
    public CompletableFuture<Path> exportViews(Path folder, int pngScale) {
        TrainingSnapshot s = snapshot.get();
        if (s == null) {
            error.set("nothing to export yet: the views appear once the network is drawn");
            return CompletableFuture.failedFuture(new IllegalStateException(error.get()));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                // all four or none: a full disk at the third leaves the folder as it was
                java.util.Map<Path, AtomicFile.Content> files = new java.util.LinkedHashMap<>();
                for (String name : TrainingFigures.NAMES) {
                    byte[] png = Figures.png(Figures.render(TrainingFigures.chart(name, s), SlideStyle.WIDTH,
                            SlideStyle.HEIGHT, pngScale));
                    files.put(folder.resolve(name + ".png"), out -> out.write(png));
                }
                AtomicFile.writeAll(files);
                return folder;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, renderExecutor).whenCompleteAsync((f, failure) -> {
            if (failure == null) {
                note = "exported the views at step " + s.stepsDone() + " to " + folder;
                updateStatus();
            } else {
                Throwable c = cause(failure);
                error.set(c instanceof IOException ? WriteFailure.of(folder, c).getMessage()
                        : "could not export to " + folder + ": " + c.getMessage());
            }
        }, uiExecutor);
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty stepsProperty() {
        return steps.getReadOnlyProperty();
    }

    /** How far the run's preparation has come, 0 to 1; −1 when it is prepared (or there is no run). */
    public ReadOnlyDoubleProperty preparingProperty() {
        return preparing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What is trained, in words ("rnn tanh on the adding problem · T = 50 · ..."). */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TrainingSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** The four views of the newest snapshot, in {@link TrainingFigures#NAMES} order; empty before the first. */
    public ReadOnlyObjectProperty<List<BufferedImage>> imagesProperty() {
        return images.getReadOnlyProperty();
    }
}
