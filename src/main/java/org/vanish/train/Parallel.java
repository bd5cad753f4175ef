package org.vanish.train;

import java.util.concurrent.ForkJoinTask;

/**
 * Splits an index range in two: one half runs on the common fork-join pool, the other on the calling thread.
 * Callers give each index its own output (examples of a minibatch, rows of a gradient), so results are the same
 * bit for bit however the range is split, and on one core the range simply runs in the caller.
 */
final class Parallel {
    /** Work on indices [from, to). */
    interface Range {
        void run(int from, int to);
    }

    private static final boolean SPLIT = Runtime.getRuntime().availableProcessors() > 1;

    private Parallel() {
    }

    static void forRange(int count, Range body) {
        if (!SPLIT || count < 2) {
            body.run(0, count);
            return;
        }
        int mid = count / 2;
        ForkJoinTask<?> other = ForkJoinTask.adapt(() -> body.run(mid, count)).fork();
        try {
            body.run(0, mid);
        } finally {
            other.join();
        }
    }
}
