package org.vanish.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * {@link Stack#inParallel} on the {@link SpinningExecutor} the analyses use: every task runs exactly once, whoever takes
 * it, with several callers sharing the one thread; a failure on either side is thrown after every begun task has ended.
 */
class InParallelTest {
    private static final SpinningExecutor HELPER = new SpinningExecutor("test-helper");

    @Test
    void everyTaskRunsOnceWhetherTheHelperOrTheCallerTakesIt() throws Exception {
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        for (int rep = 0; rep < 200; rep++) {
            Stack.inParallel(List.of(0, 1, 2, 3), k -> {
                runs.incrementAndGet(k);
                // long enough for the helper to wake and take some (which thread takes what is not asserted: on a
                // loaded machine the caller may take all)
                long until = System.nanoTime() + 100_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }, HELPER);
        }
        for (int k = 0; k < 4; k++) {
            assertEquals(200, runs.get(k), "task " + k);
        }
        // an executor that never runs anything: the caller runs every task itself, and nothing waits forever
        AtomicIntegerArray alone = new AtomicIntegerArray(3);
        Stack.inParallel(List.of(0, 1, 2), alone::incrementAndGet, r -> { });
        assertEquals("[1, 1, 1]", alone.toString());
    }

    @Test
    void callersSharingTheHelperEachGetAllTheirTasksRun() throws Exception {
        int callers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            AtomicIntegerArray runs = new AtomicIntegerArray(callers * 2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int base = 2 * c;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int rep = 0; rep < 100; rep++) {
                        Stack.inParallel(List.of(base, base + 1), runs::incrementAndGet, HELPER);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            for (int k = 0; k < callers * 2; k++) {
                assertEquals(100, runs.get(k), "task " + k);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailureIsThrownAfterTheOtherTaskEndsAndAnUnbegunTaskIsDropped() {
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicIntegerArray ended = new AtomicIntegerArray(2);
        // the helper's task fails, the caller's ends: the helper's failure reaches the caller
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Stack.inParallel(List.of(0, 1),
                k -> {
                    if (k == 0) {
                        throw boom;
                    }
                    ended.incrementAndGet(k);
                }, HELPER));
        assertSame(boom, thrown);
        assertEquals(1, ended.get(1));
        // the caller's own task fails (a cancelled analysis) before any thread took the other: it is never begun
        AtomicIntegerArray begun = new AtomicIntegerArray(2);
        assertThrows(IllegalStateException.class, () -> Stack.inParallel(List.of(0, 1), k -> {
            begun.incrementAndGet(k);
            if (k == 1) {
                throw boom;
            }
        }, r -> { }));
        assertEquals("[0, 1]", begun.toString());
    }

    /**
     * Cancelling an analysis (a watcher that throws, {@link StepWatch}) stops the half a helper thread runs too, and the
     * helper's steps count for the progress: the watcher is the caller's, not the thread's. Before, the helper's half
     * ran to its end unwatched, keeping the one helper and the waiting caller busy long after Cancel.
     */
    @Test
    void theCallersWatcherStopsAndCountsTheHelpersTask() throws Exception {
        CountDownLatch helperStarted = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong helperSteps = new java.util.concurrent.atomic.AtomicLong();
        StepWatch.Watcher watcher = new StepWatch.Watcher() {
            @Override
            public void step() {
                counted.incrementAndGet();
                check();
            }

            @Override
            public void check() {
                if (cancel.get()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
            }
        };
        // a thread of its own for the other task, so that the caller cannot claim it back
        java.util.concurrent.Executor own = r -> new Thread(r, "test-own").start();
        long start = System.nanoTime();
        assertThrows(java.util.concurrent.CancellationException.class, () -> StepWatch.watched(watcher, () -> {
            Stack.inParallel(List.of(0, 1), k -> {
                if (k == 0) {
                    helperStarted.countDown();
                    long until = System.nanoTime() + 5_000_000_000L;
                    while (System.nanoTime() < until) {
                        StepWatch.step();
                        helperSteps.incrementAndGet();
                        LockSupport.parkNanos(100_000);
                    }
                } else {
                    try {
                        helperStarted.await();
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    cancel.set(true);
                    StepWatch.step();
                }
            }, own);
            return null;
        }));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 2, "the helper's task ran on after the cancel: " + seconds + " s");
        assertTrue(helperSteps.get() > 0);
        assertTrue(counted.get() > helperSteps.get(), "the helper's steps are counted: " + counted + " counted, "
                + helperSteps + " on the helper");
    }

    /**
     * An interrupted caller waiting for the helper's task does not turn the wait into a busy loop (every park would
     * return at once): it waits, about as much CPU as wall time at most, and keeps its interrupt for later.
     */
    @Test
    void anInterruptedCallerWaitsQuietlyAndKeepsItsInterrupt() {
        CountDownLatch taken = new CountDownLatch(1);
        AtomicIntegerArray ran = new AtomicIntegerArray(2);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        Stack.inParallel(List.of(0, 1), k -> {
            ran.incrementAndGet(k);
            if (k == 0) {
                taken.countDown();
                LockSupport.parkNanos(300_000_000L);   // the helper's task: 0.3 s
            } else {
                try {
                    taken.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                Thread.currentThread().interrupt();    // then the caller waits, interrupted
            }
        }, HELPER);
        long cpuMs = (mx.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
        assertTrue(Thread.interrupted(), "the interrupt is kept");
        assertEquals("[1, 1]", ran.toString());
        assertTrue(cpuMs < 150, "the caller spun for " + cpuMs + " ms of CPU while waiting 300 ms");
    }
}
