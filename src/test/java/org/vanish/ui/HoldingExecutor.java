package org.vanish.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;

/** Runs tasks at once until told to hold them; then runs the held ones in order or newest first. For tests. */
final class HoldingExecutor implements Executor {
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;

    void hold() {
        holding = true;
    }

    /** Stops holding and runs what was held, oldest first (tasks they add run at once). */
    void runHeldInOrder() {
        holding = false;
        List<Runnable> now = new ArrayList<>(held);
        held.clear();
        now.forEach(Runnable::run);
    }

    /** Stops holding and runs what was held, newest first: older results then arrive last, as stale ones. */
    void runHeldInReverse() {
        holding = false;
        List<Runnable> newestFirst = new ArrayList<>(held);
        held.clear();
        Collections.reverse(newestFirst);
        newestFirst.forEach(Runnable::run);
    }

    @Override
    public void execute(Runnable task) {
        if (holding) {
            held.add(task);
        } else {
            task.run();
        }
    }
}
