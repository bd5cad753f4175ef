package org.vanish.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread that, after each task, waits for the next one by spinning for a short while before it parks.
 * An analysis of a stacked run hands one direction of a layer to another thread four times (two levels forward, two
 * back); a parked thread takes about 100 µs to wake on a virtual machine, which on a 5 ms analysis is a tenth of it.
 * A thread that has just finished a task is likely to get the next within a fraction of a millisecond, so it spins
 * ({@link Thread#onSpinWait}) for {@link #SPIN_NANOS} first; idle longer, it parks and costs nothing.
 * <p>
 * Tasks run in the order given. Used with {@link Stack#inParallel}, whose caller runs a task itself if the thread has
 * not taken it yet, so nothing waits on this executor alone, however many callers share it.
 */
final class SpinningExecutor implements Executor {
    /** How long the thread spins, having finished a task, before it parks. */
    static final long SPIN_NANOS = 500_000;

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean parked;

    SpinningExecutor(String name) {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues task and wakes the thread if it is parked. */
    @Override
    public void execute(Runnable task) {
        queue.offer(task);
        // the thread sets parked before it looks at the queue a last time, so one of the two sees the other
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    private void loop() {
        long idleSince = System.nanoTime();
        while (true) {
            Runnable r = queue.poll();
            if (r != null) {
                try {
                    r.run();
                } catch (Throwable e) {
                    // the task reports its own failure (Stack.inParallel); whatever escapes it, this thread keeps
                    // serving the others (were it to end, its queue would only grow)
                }
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                parked = true;
                if (queue.isEmpty()) {
                    LockSupport.park(this);
                }
                parked = false;
                idleSince = System.nanoTime();
            }
        }
    }
}
