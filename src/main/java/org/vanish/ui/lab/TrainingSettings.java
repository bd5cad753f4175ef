package org.vanish.ui.lab;

import java.util.List;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.vanish.engine.Activation;
import org.vanish.engine.CellType;
import org.vanish.engine.GruVariant;
import org.vanish.train.Optimizer;
import org.vanish.train.Task;
import org.vanish.train.TrainConfig;
import org.vanish.train.Trainer;
import org.vanish.ui.NumberSpec;

/**
 * The training lab's controls as properties (UI thread), what each numeric one accepts, and the
 * {@link TrainConfig} they make. Init, gain and biases are not shown: they are those of the preset applied last
 * while its cell stays chosen, else the defaults of the task and cell ({@link TrainConfig#defaults}).
 */
public final class TrainingSettings {
    public static final NumberSpec LENGTH = NumberSpec.wholeLog("delay T", TrainConfig.MIN_LENGTH,
            TrainConfig.MAX_LENGTH);
    public static final NumberSpec HIDDEN = NumberSpec.wholeLog("hidden size n", 1, TrainConfig.MAX_HIDDEN);
    public static final NumberSpec SEED = NumberSpec.whole("seed", 0, 999_999_999);
    public static final NumberSpec DATASET = NumberSpec.wholeLog("dataset size", 1, TrainConfig.MAX_DATASET);
    public static final NumberSpec BATCH = NumberSpec.wholeLog("batch size", 1, TrainConfig.MAX_BATCH);
    public static final NumberSpec LEARNING_RATE = new NumberSpec("learning rate η", 1e-4, 1, false, true, 4);
    public static final NumberSpec MOMENTUM = NumberSpec.linear("momentum μ", 0, 0.99, 2);
    public static final NumberSpec THRESHOLD = new NumberSpec("clipping threshold", 0.01, 100, false, true, 2);

    private final ObjectProperty<Task> task = new SimpleObjectProperty<>(this, "task", Task.ADDING);
    private final ObjectProperty<CellType> cell = new SimpleObjectProperty<>(this, "cell", CellType.RNN);
    private final ObjectProperty<Activation> activation = new SimpleObjectProperty<>(this, "activation", Activation.TANH);
    private final ObjectProperty<GruVariant> gruVariant = new SimpleObjectProperty<>(this, "gruVariant",
            GruVariant.CHO);
    private final DoubleProperty length = new SimpleDoubleProperty(this, "length");
    private final DoubleProperty hiddenSize = new SimpleDoubleProperty(this, "hiddenSize");
    private final DoubleProperty seed = new SimpleDoubleProperty(this, "seed");
    private final DoubleProperty datasetSize = new SimpleDoubleProperty(this, "datasetSize");
    private final DoubleProperty batchSize = new SimpleDoubleProperty(this, "batchSize");
    private final ObjectProperty<Optimizer> optimizer = new SimpleObjectProperty<>(this, "optimizer");
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate");
    private final DoubleProperty momentum = new SimpleDoubleProperty(this, "momentum");
    private final BooleanProperty clip = new SimpleBooleanProperty(this, "clip");
    private final DoubleProperty clipThreshold = new SimpleDoubleProperty(this, "clipThreshold");

    /** The configuration last applied from a preset. */
    private TrainConfig applied;
    private boolean applying;

    TrainingSettings() {
        apply(TrainConfig.defaults(Task.ADDING, CellType.RNN));
    }

    private List<Observable> all() {
        return List.of(task, cell, activation, gruVariant, length, hiddenSize, seed, datasetSize, batchSize, optimizer,
                learningRate, momentum, clip, clipThreshold);
    }

    /** Calls change after a user's change of any setting (not after {@link #apply}). */
    void addListener(Runnable change) {
        InvalidationListener l = o -> {
            if (!applying) {
                change.run();
            }
        };
        all().forEach(p -> p.addListener(l));
    }

    /**
     * The settings as a configuration.
     * @throws IllegalArgumentException naming the field the trainer refuses
     */
    public TrainConfig config() {
        TrainConfig base = applied != null && applied.cell() == cell.get() ? applied
                : TrainConfig.defaults(task.get(), cell.get());
        TrainConfig c = new TrainConfig(task.get(), (int) length.get(), (int) datasetSize.get(), cell.get(),
                activation.get(), (int) hiddenSize.get(), base.init(), base.gain(), base.biases(), (long) seed.get(),
                (int) batchSize.get(), optimizer.get(), learningRate.get(), momentum.get(), clip.get(),
                clipThreshold.get(), cell.get() == CellType.GRU ? gruVariant.get() : GruVariant.CHO);
        checkLive(c);
        return c;
    }

    /**
     * Multiply-adds the lab allows for one training step (forward and backward over the batch) and for one
     * held-out evaluation (forward over {@link Trainer#EVAL_SEQUENCES} sequences): about a second and two on this
     * 2-core machine (the bench's LSTM step, 1.6·10⁸, takes about 50 ms). Beyond them a step cannot be paused
     * mid-way and the lab stops answering; {@code vanish train} has no such limit.
     */
    static final double MAX_STEP_WORK = 3e9;
    static final double MAX_EVALUATION_WORK = 6e9;

    /** Refuses a configuration too slow to train live, naming the settings to lower. */
    static void checkLive(TrainConfig c) {
        int gates = c.cell() == CellType.LSTM ? 4 : c.cell() == CellType.GRU ? 3 : 1;
        double perSequence = (double) c.sequenceLength() * gates * c.hiddenSize()
                * (c.hiddenSize() + c.task().inputSize());
        double step = 3 * c.batchSize() * perSequence;
        double evaluation = Trainer.EVAL_SEQUENCES * perSequence;
        if (step > MAX_STEP_WORK || evaluation > MAX_EVALUATION_WORK) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "T, n, batch: a step of %d sequences of %d steps with %d units is %.1f·10⁹ multiply-adds and an "
                            + "evaluation %.1f·10⁹, seconds each; the lab stays live up to %.0f·10⁹ and %.0f·10⁹: "
                            + "lower T, n or the batch (vanish train has no such limit)",
                    c.batchSize(), c.sequenceLength(), c.hiddenSize(), step / 1e9, evaluation / 1e9,
                    MAX_STEP_WORK / 1e9, MAX_EVALUATION_WORK / 1e9));
        }
    }

    /** Shows c's settings and keeps its init, gain and biases; listeners are not told. */
    void apply(TrainConfig c) {
        applied = c;
        applying = true;
        try {
            task.set(c.task());
            cell.set(c.cell());
            activation.set(c.activation());
            gruVariant.set(c.gruVariant());
            length.set(c.length());
            hiddenSize.set(c.hiddenSize());
            seed.set(c.seed());
            datasetSize.set(c.datasetSize());
            batchSize.set(c.batchSize());
            optimizer.set(c.optimizer());
            learningRate.set(c.learningRate());
            momentum.set(c.momentum());
            clip.set(c.clip());
            clipThreshold.set(c.clipThreshold());
        } finally {
            applying = false;
        }
    }

    /** Which GRU a gru network is: the seeds' (Cho's) or PyTorch's. */
    public ObjectProperty<GruVariant> gruVariantProperty() {
        return gruVariant;
    }

    public ObjectProperty<Task> taskProperty() {
        return task;
    }

    public ObjectProperty<CellType> cellProperty() {
        return cell;
    }

    public ObjectProperty<Activation> activationProperty() {
        return activation;
    }

    public DoubleProperty lengthProperty() {
        return length;
    }

    public DoubleProperty hiddenSizeProperty() {
        return hiddenSize;
    }

    public DoubleProperty seedProperty() {
        return seed;
    }

    public DoubleProperty datasetSizeProperty() {
        return datasetSize;
    }

    public DoubleProperty batchSizeProperty() {
        return batchSize;
    }

    public ObjectProperty<Optimizer> optimizerProperty() {
        return optimizer;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public DoubleProperty momentumProperty() {
        return momentum;
    }

    public BooleanProperty clipProperty() {
        return clip;
    }

    public DoubleProperty clipThresholdProperty() {
        return clipThreshold;
    }
}
