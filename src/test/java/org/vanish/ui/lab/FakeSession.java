package org.vanish.ui.lab;

import java.util.ArrayList;
import java.util.List;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.preset.PresetException;
import org.vanish.train.Evaluation;
import org.vanish.train.StepStats;
import org.vanish.train.TrainConfig;

/**
 * A scripted training run: step k (0-based) has loss 1/(k + 1), gradient norm 5 on every third step and 0.5
 * otherwise (clipped when the config clips below it), and ‖∂L/∂s_t‖ = 10^(t - S). Counts what it was asked.
 */
final class FakeSession implements TrainingSession {
    /** Makes fakes and remembers them, in order. */
    static final class Factory implements TrainingSession.Factory {
        final List<FakeSession> made = new ArrayList<>();
        int failAt = -1;
        /** Runs halfway through drawing the data (between two progress reports). */
        Runnable whilePreparing = () -> { };
        /** How many preparations stopped because progress answered false. */
        int cancelled;

        @Override
        public TrainingSession make(TrainConfig c, org.vanish.train.Trainer.Preparation preparation) {
            for (double f : new double[] {0.25, 0.5}) {
                if (!preparation.progress(f)) {
                    cancelled++;
                    throw new java.util.concurrent.CancellationException("preparation cancelled");
                }
                if (f == 0.25) {
                    whilePreparing.run();
                }
            }
            FakeSession s = new FakeSession(c, failAt);
            made.add(s);
            return s;
        }

        FakeSession last() {
            return made.get(made.size() - 1);
        }
    }

    final TrainConfig config;
    private final int failAt;
    int steps;
    int evaluations;

    FakeSession(TrainConfig config, int failAt) {
        this.config = config;
        this.failAt = failAt;
    }

    static double loss(int k) {
        return 1.0 / (k + 1);
    }

    static double norm(int k) {
        return k % 3 == 0 ? 5 : 0.5;
    }

    @Override
    public StepStats step() {
        if (steps == failAt) {
            throw new IllegalArgumentException("learning rate too high: the loss overflowed at step " + steps);
        }
        int k = steps++;
        double[] g = new double[sequenceLength() + 1];
        for (int t = 0; t < g.length; t++) {
            g[t] = t - sequenceLength();
        }
        double n = norm(k);
        return new StepStats(k + 1, loss(k), hasAccuracy() ? 0.5 : Double.NaN, n,
                config.clip() && n > config.clipThreshold(), g);
    }

    @Override
    public Evaluation evaluate() {
        evaluations++;
        return new Evaluation(loss(steps), Double.NaN);
    }

    @Override
    public double baseline() {
        return 1.0 / 6;
    }

    @Override
    public String baselineDescription() {
        return "predict 1";
    }

    @Override
    public boolean hasAccuracy() {
        return config.task().hasAccuracy();
    }

    @Override
    public int sequenceLength() {
        return config.sequenceLength();
    }

    @Override
    public String matrixName() {
        return "W_h";
    }

    @Override
    public double[] eigenvaluesRe() {
        return new double[] {0.5 + 0.01 * steps, -0.5};
    }

    @Override
    public double[] eigenvaluesIm() {
        return new double[] {0, 0};
    }

    @Override
    public Preset toPreset() {
        try {
            return PresetCodec.parse("{\"name\": \"trained after " + steps + "\", \"steps\": 5, \"hiddenSize\": 2}");
        } catch (PresetException e) {
            throw new IllegalStateException(e);
        }
    }
}
