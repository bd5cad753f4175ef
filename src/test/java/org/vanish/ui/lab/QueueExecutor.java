package org.vanish.ui.lab;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/**
 * Holds every task until the test runs it, one at a time, oldest first; tasks queued while one runs wait their
 * turn (a chain of training chunks advances one chunk per {@link #runNext()}). For tests.
 */
final class QueueExecutor implements Executor {
    private final Deque<Runnable> queue = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
        queue.add(task);
    }

    int size() {
        return queue.size();
    }

    /** Runs the oldest task; false if there was none. */
    boolean runNext() {
        Runnable task = queue.poll();
        if (task == null) {
            return false;
        }
        task.run();
        return true;
    }

    /** Runs tasks until none is left, at most limit of them. */
    int runAll(int limit) {
        int n = 0;
        while (n < limit && runNext()) {
            n++;
        }
        return n;
    }
}
