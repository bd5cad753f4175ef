package org.vanish.engine;

import java.util.function.Supplier;

/**
 * Progress and cancellation of long engine work, for the thread doing it. The engine's long loops (the forward
 * pass, back-propagation, the Jacobian products, the input drive) and the decompositions of the spectra call
 * {@link #step()} once per time step or matrix; a watcher installed around the work with {@link #watched} counts
 * those steps and stops the work by throwing {@link java.util.concurrent.CancellationException}.
 *
 * <p>Per thread rather than a parameter of every loop, so that the cells, back-propagation and the spectra keep
 * their signatures and the training engine, which installs no watcher, pays one thread-local read per step.
 */
public final class StepWatch {
    /** Told of every step of the watched work. */
    public interface Watcher {
        /** @throws java.util.concurrent.CancellationException to stop the work */
        void step();

        /** Inside a long step: stops the work if it is to stop, without counting a step. */
        default void check() {
        }
    }

    private static final ThreadLocal<Watcher> WATCHER = new ThreadLocal<>();

    private StepWatch() {
    }

    /** Runs work on this thread with watcher told of every step; the watcher before it is restored after. */
    public static <T> T watched(Watcher watcher, Supplier<T> work) {
        Watcher before = WATCHER.get();
        WATCHER.set(watcher);
        try {
            return work.get();
        } finally {
            if (before == null) {
                WATCHER.remove();
            } else {
                WATCHER.set(before);
            }
        }
    }

    /** The watcher of this thread's work, or null: for work handed to another thread, which is watched by it too. */
    static Watcher current() {
        return WATCHER.get();
    }

    /** A point inside a long step (a row block of a large product) where the work may stop. */
    public static void check() {
        Watcher w = WATCHER.get();
        if (w != null) {
            w.check();
        }
    }

    /** One step done; throws CancellationException if the watcher stops the work. Allocates nothing. */
    public static void step() {
        Watcher w = WATCHER.get();
        if (w != null) {
            w.step();
        }
    }
}
