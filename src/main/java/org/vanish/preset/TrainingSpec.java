package org.vanish.preset;

import org.vanish.train.Optimizer;
import org.vanish.train.Task;
import org.vanish.train.TrainConfig;

/**
 * The "training" block of a preset: what the training lab and {@code vanish train} do with the preset's network
 * (its first run gives the cell, activation, hidden size, init, gain, biases and seed).
 *
 * @param length T, the task's delay
 * @param steps how many updates {@code vanish train} makes when --steps is not given
 */
public record TrainingSpec(Task task, int length, int datasetSize, int batchSize, Optimizer optimizer,
                           double learningRate, double momentum, boolean clip, double clipThreshold, int steps) {
    public static final int MAX_STEPS = 10_000_000;

    /** The training run of the given network. */
    public TrainConfig toConfig(RunConfig run) {
        return new TrainConfig(task, length, datasetSize, run.cell(), run.activation(), run.hiddenSize(), run.init(),
                run.gain(), run.biases(), run.seed(), batchSize, optimizer, learningRate, momentum, clip,
                clipThreshold, run.gruVariant());
    }

    /** The block describing config, with the given number of steps. */
    public static TrainingSpec of(TrainConfig c, int steps) {
        return new TrainingSpec(c.task(), c.length(), c.datasetSize(), c.batchSize(), c.optimizer(), c.learningRate(),
                c.momentum(), c.clip(), c.clipThreshold(), steps);
    }
}
