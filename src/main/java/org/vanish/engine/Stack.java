package org.vanish.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Recurrent layers wired in order: at every step, unit k (one layer in one direction) reads the concatenation of
 * its sources at the same input position, each either the model input x_p or the h part of an earlier unit's
 * state after that unit read position p. A unit may run reversed, reading x_T first; its processing step τ
 * reads position p = T + 1 − τ. PyTorch's num_layers and bidirectional are {@link #pytorch}: layer l+1 reads
 * [h_t forward; h_t backward] of layer l. The loss reads the final states (processing step T) of the output units.
 * <p>
 * Backpropagation is {@link StackFlow}; every unit's own quantities (Jacobian products, spectra) are those of its
 * cell on its own trajectory, the inputs held fixed.
 */
public final class Stack {
    /** A source meaning the model input x. */
    public static final int INPUT = -1;

    /**
     * One layer in one direction.
     * @param sources what it reads, concatenated in this order: {@link #INPUT} or the index of an earlier unit
     * @param initialState s_0, length d. Not modified.
     */
    public record Unit(Cell cell, boolean reversed, int[] sources, double[] initialState) {
        /** Whether the unit reads the model input alone, so its drive survives a change of the W scale. */
        public boolean readsInputOnly() {
            return sources.length == 1 && sources[0] == INPUT;
        }
    }

    private final List<Unit> units;
    private final int[] outputs;
    private final int steps;
    private final int m;

    /**
     * @param outputs the units whose final h the readout reads, concatenated in this order
     * @param m the model input's width
     * @throws IllegalArgumentException if a unit's input width is not that of its sources, or reads a later unit
     */
    public Stack(List<Unit> units, int[] outputs, int steps, int m) {
        this.units = List.copyOf(units);
        this.outputs = outputs.clone();
        this.steps = steps;
        this.m = m;
        for (int k = 0; k < units.size(); k++) {
            int width = 0;
            for (int s : units.get(k).sources()) {
                if (s >= k || s < INPUT) {
                    throw new IllegalArgumentException("unit " + k + " reads unit " + s + ", not an earlier one");
                }
                width += s == INPUT ? m : units.get(s).cell().hiddenSize();
            }
            if (width != units.get(k).cell().inputSize()) {
                throw new IllegalArgumentException("unit " + k + " reads " + width + " values into a cell of "
                        + units.get(k).cell().inputSize() + " inputs");
            }
        }
    }

    /**
     * PyTorch's wiring of `layers` layers: units in the order layer 0 forward, layer 0 backward, layer 1 forward,
     * ...; layer 0 reads x, layer l+1 reads layer l's forward h (and its backward h after it); the outputs are the
     * top layer's directions, forward first.
     * @param cells one per unit in that order
     */
    public static Stack pytorch(List<Cell> cells, int layers, boolean bidirectional, double[] initialState, int steps,
                                int m) {
        return pytorch(cells, layers, bidirectional, false, initialState, steps, m);
    }

    /**
     * {@link #pytorch(List, int, boolean, double[], int, int)} with, if skip, every layer above the first also reading
     * x after the layer below (Graves 2013's skip connections from the input): layer l+1 reads [h_l; x].
     */
    public static Stack pytorch(List<Cell> cells, int layers, boolean bidirectional, boolean skip,
                                double[] initialState, int steps, int m) {
        int dirs = bidirectional ? 2 : 1;
        List<Unit> units = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            int[] below = bidirectional ? new int[] {(l - 1) * 2, (l - 1) * 2 + 1} : new int[] {l - 1};
            int[] sources = l == 0 ? new int[] {INPUT} : skip
                    ? IntStream.concat(Arrays.stream(below), IntStream.of(INPUT)).toArray() : below;
            for (int dir = 0; dir < dirs; dir++) {
                units.add(new Unit(cells.get(l * dirs + dir), dir == 1, sources, initialState));
            }
        }
        int[] outputs = bidirectional ? new int[] {(layers - 1) * 2, (layers - 1) * 2 + 1} : new int[] {layers - 1};
        return new Stack(units, outputs, steps, m);
    }

    public List<Unit> units() {
        return units;
    }

    public int[] outputs() {
        return outputs.clone();
    }

    public int steps() {
        return steps;
    }

    /** The model input's width m. */
    public int inputSize() {
        return m;
    }

    /** The length of the readout: the output units' hidden sizes together. */
    public int readoutSize() {
        int len = 0;
        for (int o : outputs) {
            len += units.get(o).cell().hiddenSize();
        }
        return len;
    }

    /** x_1..x_T in reverse order, what a reversed unit reading x alone reads. */
    public static double[] reversed(double[] x, int steps, int width) {
        double[] out = new double[x.length];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(x, t * width, out, (steps - 1 - t) * width, width);
        }
        return out;
    }

    /**
     * Runs every unit in order.
     * @param x x_1..x_T, T×m row-major. Not modified.
     * @param drives per unit, a drive already made (for units reading x alone, which no scale change alters), or
     *               null entries to make it here
     * @throws RunFailure if a state leaves the double range
     */
    public Trajectory[] forward(double[] x, double[][] drives) {
        return forward(x, drives, null);
    }

    /**
     * Runs every unit, those of one level (the directions of a layer) concurrently on executor (null: one thread);
     * each unit's computation is its own, so the result is the same on any number of threads.
     */
    public Trajectory[] forward(double[] x, double[][] drives, Executor executor) {
        Trajectory[] tr = new Trajectory[units.size()];
        int[] level = levels();
        int top = java.util.Arrays.stream(level).max().orElse(0);
        for (int lv = 0; lv <= top; lv++) {
            List<Integer> same = new ArrayList<>();
            for (int k = 0; k < units.size(); k++) {
                if (level[k] == lv) {
                    same.add(k);
                }
            }
            inParallel(same, k -> {
                Unit u = units.get(k);
                double[] drive = drives == null ? null : drives[k];
                if (drive == null) {
                    drive = u.readsInputOnly()
                            ? u.cell().drive(u.reversed() ? reversed(x, steps, m) : x, steps)
                            : readsInPlace(k) ? driveInPlace(k, x, tr)
                            : u.cell().driveByRows(unitInput(k, x, tr), steps);
                }
                tr[k] = u.cell().forward(drive, steps, u.initialState());
            }, executor);
        }
        return tr;
    }

    /** Each unit's level: 0 for a unit reading x alone, else one more than the highest unit it reads. */
    int[] levels() {
        int[] level = new int[units.size()];
        for (int k = 0; k < units.size(); k++) {
            for (int s : units.get(k).sources()) {
                if (s != INPUT) {
                    level[k] = Math.max(level[k], level[s] + 1);
                }
            }
        }
        return level;
    }

    /**
     * Runs work for each index, all but the last offered to executor and the last here, and waits for all. A task no
     * thread of the executor has taken by the time the caller is done with its own, the caller runs itself, so a busy
     * or slow executor delays nothing and cannot deadlock. The first failure is thrown, after every task has ended.
     */
    static void inParallel(List<Integer> indices, IntConsumer work, Executor executor) {
        if (executor == null || indices.size() < 2) {
            indices.forEach(work::accept);
            return;
        }
        List<Handoff> others = new ArrayList<>();
        for (int i = 0; i < indices.size() - 1; i++) {
            int k = indices.get(i);
            Handoff h = new Handoff(() -> work.accept(k));
            others.add(h);
            executor.execute(h);
        }
        Throwable failure = null;
        try {
            work.accept(indices.get(indices.size() - 1));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Handoff h : others) {
            // after a failure (a cancelled analysis) a task no thread has begun is not begun
            h.runOrAwait(failure == null);
            if (failure == null) {
                failure = h.failure;
            }
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /**
     * A task run exactly once, by the executor's thread or by the caller, whichever claims it first. The caller, having
     * found it claimed, spins a short while for its end (the other thread is most likely near done), then parks. It runs
     * under the caller's {@link StepWatch} watcher on whichever thread, so a cancelled analysis stops both halves and
     * the progress counts both.
     */
    private static final class Handoff implements Runnable {
        private static final int NEW = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;
        private static final long SPIN_NANOS = 1_000_000;
        /** Dropped once run, so that a handoff the caller took back holds nothing while it waits in the queue. */
        private Runnable task;
        /** The caller's watcher, taken where the task is made. */
        private final StepWatch.Watcher watcher = StepWatch.current();
        private final AtomicInteger state = new AtomicInteger();
        private volatile Thread waiter;
        /** Written before state becomes DONE, read after. */
        private Throwable failure;

        Handoff(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (state.compareAndSet(NEW, RUNNING)) {
                runClaimed();
            }
        }

        private void runClaimed() {
            try {
                if (watcher == null) {
                    task.run();
                } else {
                    StepWatch.watched(watcher, () -> {
                        task.run();
                        return null;
                    });
                }
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                task = null;
                state.set(DONE);
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }

        /** Runs the task here if no thread has taken it (or, if run is false, drops it), else waits for its end. */
        void runOrAwait(boolean run) {
            if (state.compareAndSet(NEW, RUNNING)) {
                if (run) {
                    runClaimed();
                } else {
                    task = null;
                    state.set(DONE);
                }
                return;
            }
            long start = System.nanoTime();
            // an interrupt would make every park return at once, a busy loop: kept aside while waiting, then restored
            boolean interrupted = false;
            while (state.get() != DONE) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    waiter = Thread.currentThread();
                    if (state.get() != DONE) {
                        LockSupport.parkNanos(this, 1_000_000);
                        interrupted |= Thread.interrupted();
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Position p = 1..T that unit k reads at its processing step τ. */
    int position(int k, int tau) {
        return units.get(k).reversed() ? steps + 1 - tau : tau;
    }

    /**
     * Whether unit k's drive can read its sources where they lie ({@link Cell#driveBySegments}): every source but the
     * last is a multiple of four wide, so the bits are those of the drive of the concatenated rows (with the fused
     * kernels any widths would do; the plain ones, on CPUs without fma, sum fours of rows).
     */
    private boolean readsInPlace(int k) {
        int[] sources = units.get(k).sources();
        for (int i = 0; i < sources.length - 1; i++) {
            int width = sources[i] == INPUT ? m : units.get(sources[i]).cell().hiddenSize();
            if (width % 4 != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Unit k's drive from its sources read in place: at its processing step τ, source s at the position it read
     * there; from one step to the next that moves by one row of s (forwards or backwards).
     */
    private double[] driveInPlace(int k, double[] x, Trajectory[] tr) {
        Unit u = units.get(k);
        int[] sources = u.sources();
        double[][] src = new double[sources.length][];
        int[] off = new int[sources.length];
        int[] stride = new int[sources.length];
        int[] width = new int[sources.length];
        int p1 = position(k, 1);
        int dir = u.reversed() ? -1 : 1;
        for (int i = 0; i < sources.length; i++) {
            int s = sources[i];
            if (s == INPUT) {
                src[i] = x;
                off[i] = (p1 - 1) * m;
                stride[i] = dir * m;
                width[i] = m;
            } else {
                Trajectory ts = tr[s];
                src[i] = ts.states;
                off[i] = ts.stateOffset(position(s, p1));
                stride[i] = (units.get(s).reversed() ? -dir : dir) * ts.stateSize();
                width[i] = units.get(s).cell().hiddenSize();
            }
        }
        return u.cell().driveBySegments(steps, src, off, stride, width);
    }

    /** The rows unit k reads, in its processing order: its sources at each position, concatenated. */
    private double[] unitInput(int k, double[] x, Trajectory[] tr) {
        Unit u = units.get(k);
        int width = u.cell().inputSize();
        double[] in = new double[steps * width];
        for (int tau = 1; tau <= steps; tau++) {
            int p = position(k, tau);
            int off = (tau - 1) * width;
            for (int s : u.sources()) {
                if (s == INPUT) {
                    System.arraycopy(x, (p - 1) * m, in, off, m);
                    off += m;
                } else {
                    int hs = units.get(s).cell().hiddenSize();
                    System.arraycopy(tr[s].states, tr[s].stateOffset(position(s, p)), in, off, hs);
                    off += hs;
                }
            }
        }
        return in;
    }
}
