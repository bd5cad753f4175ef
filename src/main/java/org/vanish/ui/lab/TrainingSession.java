package org.vanish.ui.lab;

import org.vanish.preset.Preset;
import org.vanish.preset.TrainedPresets;
import org.vanish.train.Evaluation;
import org.vanish.train.StepStats;
import org.vanish.train.TrainConfig;
import org.vanish.train.Trainer;

/**
 * What the lab asks of a training run: the {@link Trainer}'s methods it uses, so that the view-model's state
 * machine can be tested with a scripted fake. Confined to the training thread.
 */
interface TrainingSession {
    /** One update; what it measured before updating. */
    StepStats step();

    Evaluation evaluate();

    /** The held-out evaluation, telling progress how far it has come (false stops it). */
    default Evaluation evaluate(Trainer.Preparation progress) {
        return evaluate();
    }

    /** Makes the session of a configuration, telling preparation how far drawing its data has come. */
    @FunctionalInterface
    interface Factory {
        TrainingSession make(TrainConfig config, Trainer.Preparation preparation);
    }

    double baseline();

    String baselineDescription();

    boolean hasAccuracy();

    /** S, the steps of one sequence: each step's log10GradByTime has S + 1 entries. */
    int sequenceLength();

    /** The name of the matrix whose eigenvalues are given ("W_h"). */
    String matrixName();

    double[] eigenvaluesRe();

    double[] eigenvaluesIm();

    /** The network as a preset with two runs, initial and trained, with explicit parameters. */
    Preset toPreset();

    /** A session over a real {@link Trainer}. */
    static TrainingSession of(TrainConfig config, Trainer.Preparation preparation) {
        Trainer t = new Trainer(config, preparation);
        return new TrainingSession() {
            @Override
            public Evaluation evaluate(Trainer.Preparation progress) {
                return t.evaluate(progress);
            }

            @Override
            public StepStats step() {
                return t.step();
            }

            @Override
            public Evaluation evaluate() {
                return t.evaluate();
            }

            @Override
            public double baseline() {
                return t.baseline();
            }

            @Override
            public String baselineDescription() {
                return t.baselineDescription();
            }

            @Override
            public boolean hasAccuracy() {
                return t.hasAccuracy();
            }

            @Override
            public int sequenceLength() {
                return t.config().sequenceLength();
            }

            @Override
            public String matrixName() {
                return t.recurrentMatrixName();
            }

            @Override
            public double[] eigenvaluesRe() {
                return t.recurrentEigenvaluesRe();
            }

            @Override
            public double[] eigenvaluesIm() {
                return t.recurrentEigenvaluesIm();
            }

            @Override
            public Preset toPreset() {
                TrainConfig c = t.config();
                String cell = c.cell().usesActivation() ? c.cell().id() + " " + c.activation().id() : c.cell().id();
                return TrainedPresets.of(t, cell + " trained on " + c.task().id() + ", T = " + c.length() + ", "
                        + t.stepsDone() + " steps");
            }
        };
    }
}
