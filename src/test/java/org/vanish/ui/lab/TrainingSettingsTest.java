package org.vanish.ui.lab;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vanish.engine.CellType;
import org.vanish.train.Task;
import org.vanish.train.TrainConfig;

class TrainingSettingsTest {

    @Test
    void theLabTrainsTheBenchsNetworkLiveButRefusesOneWhoseStepTakesSeconds() {
        TrainConfig bench = TrainConfig.defaults(Task.ADDING, CellType.LSTM).withLength(100);
        assertDoesNotThrow(() -> TrainingSettings.checkLive(bench));

        // measured by a review: 5.3 s a step and 31 s an evaluation, with nothing able to interrupt either
        TrainConfig huge = bench.withOptimizer(bench.optimizer(), bench.learningRate(), bench.momentum(), 16)
                .withLength(2000).withHiddenSize(256);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSettings.checkLive(huge));
        assertTrue(e.getMessage().startsWith("T, n, batch: a step of 16 sequences of 2000 steps with 256 units"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(vanish train has no such limit)"), e.getMessage());
    }
}
