package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vanish.engine.CellType;
import org.vanish.preset.Preset;

/** Coalescing of changes, progress and Cancel of the dashboard's analyses, without a toolkit. */
class DashboardSchedulingTest {
    /** A drag of T through this many values, one after the other, faster than any analysis. */
    private static final int DRAG_VALUES = 40;

    /** Runs tasks only when drained, on the test's thread, like a busy compute thread and FX thread would. */
    private static final class QueueExecutor implements Executor {
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        boolean runOne() {
            Runnable r = tasks.poll();
            if (r != null) {
                r.run();
            }
            return r != null;
        }
    }

    @Test
    void aDraggedTIsComputedAtTheValueInFlightAndTheNewestOnlyNeverAtTheValuesBetween() {
        QueueExecutor compute = new QueueExecutor();
        QueueExecutor ui = new QueueExecutor();
        DashboardViewModel vm = new DashboardViewModel(compute, ui);
        vm.loadDefault();
        drain(compute, ui);
        List<Integer> shown = new ArrayList<>();
        vm.resultsProperty().addListener((obs, was, now) -> shown.add(now.get(0).spec().steps()));

        for (int i = 1; i <= DRAG_VALUES; i++) {
            int t = 100 + 10 * i;
            vm.edit(p -> PresetEdits.steps(p, t), "steps");
        }
        int queued = compute.tasks.size();
        drain(compute, ui);

        // one preparation and one task per run for the value in flight; the others were never queued
        assertTrue(queued <= 1 + vm.getPreset().runs().size(), "tasks queued by the drag: " + queued);
        // at most the value that was in flight (if its preparation was not stale by then), then the newest
        assertTrue(shown.size() <= 2 && shown.stream().allMatch(t -> t == 110 || t == 100 + 10 * DRAG_VALUES),
                "shown: " + shown);
        assertEquals(100 + 10 * DRAG_VALUES, vm.getResults().get(0).spec().steps());
    }

    @Test
    void aLargeRunShowsProgressSoonAndCancelStopsTheEngineAtOnce() throws Exception {
        ThreadPoolExecutor compute = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
        try {
            DashboardViewModel vm = new DashboardViewModel(compute, Runnable::run);
            vm.setFullDelayMs(600_000);   // the Jacobian products stay out of the timing
            vm.loadDefault();
            awaitIdle(compute);
            // an LSTM with n = 256 over T = 9999, the longest but one: about a second of work (the engine has grown
            // faster: at T = 4000 a run took 0.4 s, close to what stopping costs); first timed to the end, uncancelled
            long whole = System.nanoTime();
            vm.edit(p -> PresetEdits.steps(PresetEdits.hiddenSize(lstmOnly(p), 256), 9999), null);
            awaitIdle(compute);
            long wholeMs = elapsedMs(whole);
            assertEquals(9999, vm.getResults().get(0).spec().steps());

            long changed = System.nanoTime();
            vm.edit(p -> PresetEdits.steps(p, 10000), null);
            while (!vm.workingProperty().get() && elapsedMs(changed) < wholeMs) {
                Thread.sleep(1);
            }
            long progressMs = elapsedMs(changed);
            assertTrue(vm.workingProperty().get(), "no progress shown within " + wholeMs + " ms");
            long cancelled = System.nanoTime();
            vm.cancelFull();
            assertFalse(vm.workingProperty().get());
            assertTrue(vm.statusProperty().get().contains("cancelled"), vm.statusProperty().get());
            awaitIdle(compute);
            long stoppedMs = elapsedMs(cancelled);
            // the engine stops at its next step, not after the run (which would take about wholeMs from there)
            assertTrue(progressMs < wholeMs / 4 && stoppedMs < wholeMs / 4,
                    "progress after " + progressMs + " ms, stopped " + stoppedMs + " ms after Cancel; the run takes "
                            + wholeMs + " ms");
            // the picture stays that of the settings before
            assertEquals(9999, vm.getResults().get(0).spec().steps());
        } finally {
            compute.shutdownNow();
        }
    }

    private static Preset lstmOnly(Preset p) {
        return p.withRuns(p.runs().stream().filter(r -> r.cell() == CellType.LSTM).toList());
    }

    private static long elapsedMs(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    /**
     * Waits until the pool has neither a running nor a queued task, seen at three polls in a row: a worker that has
     * just taken a task from the queue counts as active only a moment later, and one poll in that moment once ended
     * the wait before the work had begun.
     */
    private static void awaitIdle(ThreadPoolExecutor pool) throws InterruptedException {
        long start = System.nanoTime();
        int idlePolls = 0;
        while (idlePolls < 3 && elapsedMs(start) < 60_000) {
            boolean idle = pool.getActiveCount() == 0 && pool.getQueue().isEmpty();
            idlePolls = idle ? idlePolls + 1 : 0;
            Thread.sleep(1);
        }
    }

    private static void drain(QueueExecutor compute, QueueExecutor ui) {
        while (compute.runOne() || ui.runOne()) {
            // until both are empty
        }
    }
}
