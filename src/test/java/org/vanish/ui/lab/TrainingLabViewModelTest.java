package org.vanish.ui.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanish.engine.CellType;
import org.vanish.figure.TrainingSnapshot;
import org.vanish.preset.PresetCodec;
import org.vanish.train.Task;
import org.vanish.train.TrainConfig;
import org.vanish.ui.lab.TrainingLabViewModel.State;

/**
 * The lab's state machine without a toolkit: the training thread is a queue the test runs a task at a time, a
 * chunk takes exactly one step (no clock in the loop), the trainer is a {@link FakeSession}.
 */
class TrainingLabViewModelTest {
    private QueueExecutor train;
    private final Executor now = Runnable::run;
    private final FakeSession.Factory sessions = new FakeSession.Factory();
    private TrainingLabViewModel vm;

    @BeforeEach
    void setUp() {
        vm = lab(now);
    }

    /** A lab whose training thread is a fresh queue. */
    private TrainingLabViewModel lab(Executor ui) {
        train = new QueueExecutor();
        TrainingLabViewModel m = new TrainingLabViewModel(train, now, ui, sessions);
        m.setClock(() -> 0L, 0);
        m.setViewSize(0, 0, 1);
        return m;
    }

    @Test
    void theStartShowsTheUntrainedNetworkAtStepZero() {
        assertEquals(State.READY, vm.stateProperty().get());
        assertNull(vm.snapshotProperty().get());
        train.runAll(10);
        TrainingSnapshot s = vm.snapshotProperty().get();
        assertEquals(0, s.stepsDone());
        assertEquals(0, s.points());
        assertArrayEquals(new double[] {0}, s.evalStep(), "the held-out loss before training");
        assertArrayEquals(new double[] {0.5, -0.5}, s.initialRe());
        assertEquals(State.READY, vm.stateProperty().get());
    }

    @Test
    void preparingShowsItsProgressUntilTheUntrainedNetworkIsShown() {
        assertEquals(0, vm.preparingProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("preparing: drawing 10,000 training sequences"),
                vm.statusProperty().get());
        java.util.List<Double> seen = new java.util.ArrayList<>();
        sessions.whilePreparing = () -> seen.add(vm.preparingProperty().get());
        train.runAll(10);
        assertTrue(seen.get(0) > 0 && seen.get(0) < 1, "part of the way: " + seen);
        assertEquals(-1, vm.preparingProperty().get(), "prepared once the untrained network is shown");
        assertTrue(vm.statusProperty().get().startsWith("ready · step 0"), vm.statusProperty().get());
    }

    @Test
    void aNewerRunStopsTheOldOnesPreparation() {
        sessions.whilePreparing = () -> {
            sessions.whilePreparing = () -> { };
            vm.reset();   // a settings change while the data is drawn
        };
        train.runAll(10);
        assertEquals(1, sessions.cancelled, "the superseded run stopped drawing");
        assertEquals(1, sessions.made.size(), "only the newer run was made");
        assertEquals("", vm.errorProperty().get(), "stopping is not an error");
        assertEquals(-1, vm.preparingProperty().get());
        assertEquals(0, vm.snapshotProperty().get().stepsDone());
    }

    @Test
    void playTrainsChunkAfterChunkUntilPaused() {
        vm.play();
        assertEquals(State.RUNNING, vm.stateProperty().get());
        train.runNext();   // the step-0 view
        for (int i = 1; i <= 5; i++) {
            train.runNext();
            assertEquals(i, vm.stepsProperty().get());
            assertEquals(1, train.size(), "each chunk queues the next");
        }
        vm.pause();
        assertEquals(State.PAUSED, vm.stateProperty().get());
        train.runAll(100);
        assertEquals(5, sessions.last().steps, "the queued chunk stops before stepping");
        assertTrue(vm.statusProperty().get().startsWith("paused · step 5 · loss 0.2"), vm.statusProperty().get());
    }

    @Test
    void stepMakesOneUpdateAndIsIgnoredWhilePlaying() {
        vm.step();
        vm.step();
        train.runAll(100);
        assertEquals(2, vm.stepsProperty().get());
        assertEquals(State.PAUSED, vm.stateProperty().get());
        assertEquals(1, sessions.made.size(), "one trainer for the whole run");

        vm.play();
        vm.step();
        train.runNext();
        assertEquals(3, vm.stepsProperty().get());
        assertEquals(1, train.size(), "only the next chunk is queued, no extra step");
    }

    @Test
    void framesWaitingForTheUiThreadAreCoalescedIntoTheNewest() {
        QueueExecutor ui = new QueueExecutor();
        vm = lab(ui);
        ui.runAll(10);
        vm.play();
        train.runNext();   // the preparation and the step-0 view
        ui.runAll(10);
        for (int i = 0; i < 5; i++) {
            train.runNext();
        }
        assertEquals(1, ui.size(), "six frames, one delivery queued");
        assertEquals(0, vm.stepsProperty().get());
        ui.runNext();
        assertEquals(5, vm.stepsProperty().get(), "the delivery shows the newest frame");
        assertEquals(5, vm.snapshotProperty().get().points());
        train.runNext();
        assertEquals(1, ui.size(), "a frame after the delivery queues a new one");
    }

    @Test
    void resetDropsTheRunAndWhatItStillPublishes() {
        QueueExecutor ui = new QueueExecutor();
        vm = lab(ui);
        vm.play();
        train.runAll(4);
        vm.reset();
        assertEquals(State.READY, vm.stateProperty().get());
        ui.runAll(10);
        assertEquals(0, vm.stepsProperty().get(), "the old run's frame is dropped");
        train.runAll(100);
        ui.runAll(10);
        assertEquals(3, sessions.made.get(0).steps, "the old chain stopped at the reset");
        assertEquals(2, sessions.made.size(), "the new run has its own trainer");
        assertEquals(0, vm.snapshotProperty().get().stepsDone());
    }

    @Test
    void changingASettingAfterTrainingResetsAndSaysSo() {
        vm.step();
        train.runAll(100);
        assertEquals(1, vm.stepsProperty().get());

        vm.settings().hiddenSizeProperty().set(16);

        assertEquals(0, vm.stepsProperty().get());
        assertEquals(State.READY, vm.stateProperty().get());
        assertTrue(vm.statusProperty().get().endsWith("settings changed: reset to step 0"), vm.statusProperty().get());
        train.runAll(100);
        assertEquals(16, sessions.last().config.hiddenSize());
    }

    @Test
    void changingASettingWhilePlayingStopsTheOldRun() {
        vm.play();
        train.runAll(3);
        vm.settings().cellProperty().set(CellType.LSTM);
        assertEquals(State.READY, vm.stateProperty().get());
        train.runAll(100);
        assertEquals(2, sessions.made.get(0).steps);
        assertEquals(CellType.LSTM, sessions.last().config.cell());
        assertEquals(0, sessions.last().steps);
        assertEquals(1.0, sessions.last().config.biases().get("b_f"), "the lstm's default forget bias");
    }

    @Test
    void aChangeBeforeTrainingSaysNothing() {
        vm.settings().seedProperty().set(7);
        assertFalse(vm.statusProperty().get().contains("settings changed"));
        train.runAll(100);
        assertEquals(7, sessions.last().config.seed());
    }

    @Test
    void theTrainersMessageShowsAndTheRunStops() {
        sessions.failAt = 2;
        vm.play();
        train.runAll(100);
        assertEquals("learning rate too high: the loss overflowed at step 2", vm.errorProperty().get());
        assertEquals(State.PAUSED, vm.stateProperty().get());
        assertEquals(2, vm.stepsProperty().get());
    }

    @Test
    void settingsTheTrainerRefusesShowItsMessageAndPlayDoesNothing() {
        // one minibatch of 1024 sequences of 2000 steps with 512 units would need tens of gigabytes
        vm.settings().hiddenSizeProperty().set(512);
        vm.settings().lengthProperty().set(2000);
        train.runAll(100);
        vm.settings().batchSizeProperty().set(1024);
        assertTrue(vm.errorProperty().get().startsWith("length, hiddenSize, batchSize: "), vm.errorProperty().get());
        vm.play();
        vm.step();
        assertEquals(State.READY, vm.stateProperty().get());
        assertEquals(0, train.size(), "nothing reaches the training thread");
        vm.settings().batchSizeProperty().set(8);   // fits in memory now, but a step would take seconds
        assertTrue(vm.errorProperty().get().startsWith("T, n, batch: "), vm.errorProperty().get());
        vm.settings().lengthProperty().set(50);
        vm.settings().hiddenSizeProperty().set(64);
        assertEquals("", vm.errorProperty().get());
    }

    @Test
    void applyingAPresetsTrainingShowsItsSettingsAndKeepsWhatTheLabDoesNotShow() {
        TrainConfig c = TrainConfig.defaults(Task.COPY, CellType.GRU).withSeed(9).withBiases(java.util.Map.of("b_u", -2.0))
                .withInit(org.vanish.engine.InitScheme.ORTHOGONAL, 1.5);
        vm.apply(c);
        assertEquals(State.READY, vm.stateProperty().get());
        assertEquals(Task.COPY, vm.settings().taskProperty().get());
        assertEquals(c.length(), vm.settings().lengthProperty().get());
        assertEquals(9, vm.settings().seedProperty().get());
        vm.step();
        train.runAll(100);
        assertEquals(c, sessions.last().config, "the preset's init, gain and biases too");
        vm.settings().cellProperty().set(CellType.RNN);
        train.runAll(100);
        assertEquals(TrainConfig.defaults(Task.COPY, CellType.RNN).init(), sessions.last().config.init(),
                "another cell takes the defaults");
    }

    @Test
    void theHeldOutSetIsEvaluatedEveryFiftySteps() {
        vm.play();
        train.runAll(1 + 2 * TrainingLabViewModel.EVAL_EVERY);
        vm.pause();
        TrainingSnapshot s = vm.snapshotProperty().get();
        assertArrayEquals(new double[] {0, 50, 100}, s.evalStep());
        assertEquals(FakeSession.loss(50), s.evalLoss()[1], 0);
        assertEquals(3, sessions.last().evaluations);
    }

    @Test
    void theSnapshotCarriesTheStepsThresholdAndClippedCount() {
        vm.settings().clipThresholdProperty().set(2);
        for (int i = 0; i < 9; i++) {
            vm.step();
        }
        train.runAll(100);
        TrainingSnapshot s = vm.snapshotProperty().get();
        assertEquals(9, s.points());
        assertEquals(2, s.clipThreshold());
        assertEquals(3, s.clippedSteps(), "steps 0, 3 and 6 have norm 5");
        assertEquals(FakeSession.loss(4), s.loss()[4], 0);
        assertEquals(s.length() + 1, s.gradByTime().length / s.points());
        vm.settings().clipProperty().set(false);
        vm.step();
        train.runAll(100);
        assertTrue(Double.isNaN(vm.snapshotProperty().get().clipThreshold()));
    }

    @Test
    void theViewsAreDrawnAtTheirSizeOnceThereIsASnapshot() {
        TrainingLabViewModel m = lab(now);
        m.setViewSize(400, 250, 1);
        assertTrue(m.imagesProperty().get().isEmpty());
        m.step();
        train.runAll(100);
        assertEquals(4, m.imagesProperty().get().size());
        assertEquals(400, m.imagesProperty().get().get(0).getWidth());
        assertEquals(250, m.imagesProperty().get().get(3).getHeight());
    }

    @Test
    void saveWritesTheTrainedNetworkAsAPreset(@TempDir Path dir) throws Exception {
        vm.step();
        vm.step();
        Path file = dir.resolve("trained.json");
        vm.save(file);
        train.runAll(100);
        assertEquals("trained after 2", PresetCodec.read(file).name());
        assertTrue(vm.statusProperty().get().endsWith("saved trained.json"), vm.statusProperty().get());
        assertTrue(Files.list(dir).allMatch(file::equals), "no temporary file left");
    }

    @Test
    void aRunIsDeterminedByItsSeed() {
        double[] first = trainedLosses(3);
        assertArrayEquals(first, trainedLosses(3), "the same seed trains the same way");
        assertFalse(java.util.Arrays.equals(first, trainedLosses(4)), "another seed, another run");
    }

    /** The minibatch losses of 6 steps of a small real rnn on the adding problem. */
    private static double[] trainedLosses(long seed) {
        QueueExecutor q = new QueueExecutor();
        TrainingLabViewModel m = new TrainingLabViewModel(q, Runnable::run, Runnable::run, TrainingSession::of);
        m.setClock(() -> 0L, 0);
        m.setViewSize(0, 0, 1);
        m.apply(TrainConfig.defaults(Task.ADDING, CellType.RNN).withHiddenSize(8).withLength(10)
                .withDatasetSize(64).withSeed(seed));
        for (int i = 0; i < 6; i++) {
            m.step();
        }
        q.runAll(100);
        assertEquals(6, m.stepsProperty().get());
        return m.snapshotProperty().get().loss();
    }

    @Test
    void theViewsExportAsSlides(@TempDir Path dir) throws Exception {
        vm.step();
        train.runAll(100);
        vm.exportViews(dir, 1);
        for (String name : org.vanish.figure.TrainingFigures.NAMES) {
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(dir.resolve(name + ".png").toFile());
            assertEquals(1600, img.getWidth(), name);
            assertEquals(900, img.getHeight(), name);
        }
        assertTrue(vm.statusProperty().get().endsWith("exported the views at step 1 to " + dir), vm.statusProperty().get());
    }
}
