package org.vanish.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * A few daemon threads that, after each task, wait for the next one by spinning for a short while before they park.
 * An analysis of a stacked run hands one direction of a layer to another thread four times (two levels forward, two
 * back); a parked thread takes about 100 µs to wake on a virtual machine, which on a 5 ms analysis is a tenth of it.
 * A thread that has just finished a task is likely to get the next within a fraction of a millisecond, so it spins
 * ({@link Thread#onSpinWait}) for {@link #SPIN_NANOS} first; idle longer, it parks and costs nothing.
 * <p>
 * Tasks run in the order given, each on whichever thread takes it first. Used with {@link Stack#inParallel}, whose
 * caller runs a task itself if no thread has taken it yet, so nothing waits on this executor alone.
 */
final class SpinningExecutor implements Executor {
    /** How long a thread that has finished a task spins before it parks. */
    static final long SPIN_NANOS = 500_000;

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final Worker[] workers;

    /** @param threads at least 1 */
    SpinningExecutor(int threads, String name) {
        workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker();
            Thread t = new Thread(workers[i]::loop, name);
            t.setDaemon(true);
            workers[i].thread = t;
        }
        for (Worker w : workers) {
            w.thread.start();
        }
    }

    /**
     * Queues task and wakes a parked thread if there is one. With several threads it wakes the first parked one, which
     * may be waking anyway while another stays parked: a task may then wait for a busy thread (Analyzer uses one).
     */
    @Override
    public void execute(Runnable task) {
        queue.offer(task);
        for (Worker w : workers) {
            // the worker sets parked before it looks at the queue a last time, so one of the two sees the other
            if (w.parked) {
                LockSupport.unpark(w.thread);
                return;
            }
        }
    }

    private final class Worker {
        Thread thread;
        volatile boolean parked;

        void loop() {
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
}
