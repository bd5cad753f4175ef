package org.vanish.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.vanish.engine.Activation;
import org.vanish.engine.CellType;
import org.vanish.engine.GruVariant;
import org.vanish.engine.InitScheme;
import org.vanish.engine.Inputs;
import org.vanish.engine.RunSpec;

/**
 * Everything that determines a training run; the run is deterministic from it (same config, bit-identical
 * {@link StepStats}). The network is drawn by the engine's {@link org.vanish.engine.Initializer} from
 * {@link #runSpec()}, so the untrained network is the one the dashboard analyses for the same cell, sizes,
 * init, gain, biases and seed (W scale 1, no chrono initialisation).
 *
 * @param length T, the delay of the task (the sequence is {@link Task#sequenceLength} steps long)
 * @param datasetSize number of training sequences; minibatches are drawn from them in a seeded order, one shuffled
 *        pass after another (a set smaller than a batch is cycled through)
 * @param activation φ of the rnn and additive cells (ignored by lstm and gru)
 * @param biases constant value per bias name of the cell; missing names are 0
 * @param momentum μ of SGD (ignored by Adam)
 * @param gruVariant which GRU a gru network is (ignored by the other cells)
 * @param clip whether to clip the gradient by its global norm at clipThreshold (Pascanu et al. 2013, Algorithm 1)
 * @throws IllegalArgumentException one line naming the field and the allowed range
 */
public record TrainConfig(Task task, int length, int datasetSize, CellType cell, Activation activation,
                          int hiddenSize, InitScheme init, double gain, Map<String, Double> biases, long seed,
                          int batchSize, Optimizer optimizer, double learningRate, double momentum, boolean clip,
                          double clipThreshold, GruVariant gruVariant) {
    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 2000;
    public static final int MAX_DATASET = 200_000;
    public static final int MAX_HIDDEN = 512;
    public static final int MAX_BATCH = 1024;
    public static final double MAX_GAIN = 100.0;
    public static final double MAX_BIAS = 50.0;
    public static final double MAX_LEARNING_RATE = 10.0;
    public static final double MAX_CLIP = 1e6;
    /** What the stored forward pass of one minibatch, and what the generated data, may each take. */
    public static final long MAX_BATCH_BYTES = 1L << 30;

    public TrainConfig {
        gruVariant = gruVariant == null ? GruVariant.CHO : gruVariant;
        require(task != null, "task: missing; allowed adding, copy, agreement");
        require(cell != null, "cell: missing; allowed rnn, additive, lstm, gru");
        require(activation != null, "activation: missing; allowed tanh, sigmoid, relu, linear");
        require(init != null, "init: missing; allowed gaussian, orthogonal, identity, pytorch");
        require(optimizer != null, "optimizer: missing; allowed adam, sgd");
        range("length", length, MIN_LENGTH, MAX_LENGTH);
        range("hiddenSize", hiddenSize, 1, MAX_HIDDEN);
        range("batchSize", batchSize, 1, MAX_BATCH);
        range("datasetSize", datasetSize, 1, MAX_DATASET);
        range("seed", seed, 0, Long.MAX_VALUE);
        range("gain", gain, 0.0, MAX_GAIN);
        require(learningRate > 0 && learningRate <= MAX_LEARNING_RATE,
                "learningRate: " + fmt(learningRate) + " is out of range; allowed above 0 up to " + fmt(MAX_LEARNING_RATE));
        require(momentum >= 0 && momentum < 1, "momentum: " + fmt(momentum) + " is out of range; allowed 0 to below 1");
        require(clipThreshold > 0 && clipThreshold <= MAX_CLIP,
                "clipThreshold: " + fmt(clipThreshold) + " is out of range; allowed above 0 up to " + fmt(MAX_CLIP));
        Map<String, Double> b = new LinkedHashMap<>();
        if (biases != null) {
            for (Map.Entry<String, Double> e : biases.entrySet()) {
                require(cell.biasNames(gruVariant).contains(e.getKey()), "biases." + e.getKey() + ": not a bias of the "
                        + cell.id() + " cell; allowed " + String.join(", ", cell.biasNames(gruVariant)));
                range("biases." + e.getKey(), e.getValue(), -MAX_BIAS, MAX_BIAS);
                b.put(e.getKey(), e.getValue());
            }
        }
        biases = Collections.unmodifiableMap(b);
        long bytes = batchBytes(task, length, cell, hiddenSize, batchSize);
        require(bytes <= MAX_BATCH_BYTES, String.format(Locale.ROOT,
                "length, hiddenSize, batchSize: one minibatch of %d sequences of %d steps with %d units needs %.1f GB; "
                        + "allowed %.1f GB: lower one of them", batchSize, task.sequenceLength(length), hiddenSize,
                bytes / 1e9, MAX_BATCH_BYTES / 1e9));
        long data = 8L * (datasetSize + Trainer.EVAL_SEQUENCES + batchSize) * task.sequenceLength(length)
                * task.inputSize();
        require(data <= MAX_BATCH_BYTES, String.format(Locale.ROOT,
                "datasetSize, length: %d sequences of %d steps need %.1f GB; allowed %.1f GB: lower one of them",
                datasetSize, task.sequenceLength(length), data / 1e9, MAX_BATCH_BYTES / 1e9));
    }

    /**
     * Sensible defaults for the lab: T = 50 (adding), 20 (copy) or 30 (agreement), 64 units, gaussian init with gain 1,
     * Adam at 1e-3 on batches of 32 from 10 000 sequences, clipping at global norm 1; the LSTM's forget bias 1
     * (Jozefowicz et al. 2015) and, mirroring it, the GRU's update bias −1 (retention 1 − u ≈ 0.73).
     */
    public static TrainConfig defaults(Task task, CellType cell) {
        int length = task == Task.ADDING ? 50 : task == Task.COPY ? 20 : 30;
        Map<String, Double> biases = cell == CellType.LSTM ? Map.of("b_f", 1.0)
                : cell == CellType.GRU ? Map.of("b_u", -1.0) : Map.of();
        return new TrainConfig(task, length, 10_000, cell, Activation.TANH, 64, InitScheme.GAUSSIAN, 1.0, biases, 1L,
                32, Optimizer.ADAM, 1e-3, 0.9, true, 1.0);
    }

    /** A network of the seeds' cells (Cho's GRU for a gru run). */
    public TrainConfig(Task task, int length, int datasetSize, CellType cell, Activation activation,
                       int hiddenSize, InitScheme init, double gain, Map<String, Double> biases, long seed,
                       int batchSize, Optimizer optimizer, double learningRate, double momentum, boolean clip,
                       double clipThreshold) {
        this(task, length, datasetSize, cell, activation, hiddenSize, init, gain, biases, seed, batchSize, optimizer,
                learningRate, momentum, clip, clipThreshold, GruVariant.CHO);
    }

    /** The same run with the other GRU (ignored by the other cells); b_hn is kept only for PyTorch's. */
    public TrainConfig withGruVariant(GruVariant v) {
        Map<String, Double> kept = new LinkedHashMap<>(biases);
        kept.keySet().retainAll(cell.biasNames(v));
        return new TrainConfig(task, length, datasetSize, cell, activation, hiddenSize, init, gain, kept, seed,
                batchSize, optimizer, learningRate, momentum, clip, clipThreshold, v);
    }

    /** S, the steps of one sequence. */
    public int sequenceLength() {
        return task.sequenceLength(length);
    }

    /**
     * The engine's description of this network for the given inputs and readout (W scale 1, zero initial state),
     * from which {@link org.vanish.engine.Initializer#draw} draws the initial parameters.
     */
    public RunSpec runSpec(double[] inputs, double[] readout) {
        return new RunSpec(cell.usesActivation() ? cell.id() + " " + activation.id() : cell.id(), cell, activation,
                hiddenSize, task.inputSize(), sequenceLength(), seed, init, gain, 1.0, biases, false, 0.0, Map.of(),
                inputs, new double[cell.stateSize(hiddenSize)], readout, 1, false, gruVariant, java.util.List.of());
    }

    /** The spec with zero inputs and the seeded readout: enough for drawing the parameters. */
    public RunSpec runSpec() {
        return runSpec(new double[sequenceLength() * task.inputSize()], Inputs.readout(hiddenSize, seed));
    }

    /** Bytes the stored forward and backward pass of one minibatch take (states, gate caches, deltas). */
    static long batchBytes(Task task, int length, CellType cell, int n, int batch) {
        // PyTorch's GRU keeps one more value per unit (W_h h + b_hn) and no r∘h: the same count
        long perStep = (long) n * (Network.cacheWidth(cell) + (cell.hasCellState() ? 2 : 1) + cell.gateCount()
                + (cell == CellType.GRU ? 1 : 0));
        return 8L * batch * (task.sequenceLength(length) + 1) * perStep;
    }

    public TrainConfig withTask(Task t, int len) {
        return new TrainConfig(t, len, datasetSize, cell, activation, hiddenSize, init, gain, biases, seed, batchSize,
                optimizer, learningRate, momentum, clip, clipThreshold, gruVariant);
    }

    public TrainConfig withLength(int len) {
        return withTask(task, len);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(task, length, datasetSize, cell, activation, hiddenSize, init, gain, biases, s, batchSize,
                optimizer, learningRate, momentum, clip, clipThreshold, gruVariant);
    }

    public TrainConfig withHiddenSize(int n) {
        return new TrainConfig(task, length, datasetSize, cell, activation, n, init, gain, biases, seed, batchSize,
                optimizer, learningRate, momentum, clip, clipThreshold, gruVariant);
    }

    public TrainConfig withDatasetSize(int size) {
        return new TrainConfig(task, length, size, cell, activation, hiddenSize, init, gain, biases, seed, batchSize,
                optimizer, learningRate, momentum, clip, clipThreshold, gruVariant);
    }

    /** The same run with another cell; biases that the new cell lacks are dropped. */
    public TrainConfig withCell(CellType c, Activation a) {
        Map<String, Double> kept = new LinkedHashMap<>();
        biases.forEach((k, v) -> {
            if (c.biasNames(gruVariant).contains(k)) {
                kept.put(k, v);
            }
        });
        return new TrainConfig(task, length, datasetSize, c, a, hiddenSize, init, gain, kept, seed, batchSize,
                optimizer, learningRate, momentum, clip, clipThreshold, gruVariant);
    }

    public TrainConfig withInit(InitScheme i, double g) {
        return new TrainConfig(task, length, datasetSize, cell, activation, hiddenSize, i, g, biases, seed, batchSize,
                optimizer, learningRate, momentum, clip, clipThreshold, gruVariant);
    }

    public TrainConfig withBiases(Map<String, Double> b) {
        return new TrainConfig(task, length, datasetSize, cell, activation, hiddenSize, init, gain, b, seed, batchSize,
                optimizer, learningRate, momentum, clip, clipThreshold, gruVariant);
    }

    public TrainConfig withOptimizer(Optimizer o, double lr, double mu, int batch) {
        return new TrainConfig(task, length, datasetSize, cell, activation, hiddenSize, init, gain, biases, seed, batch,
                o, lr, mu, clip, clipThreshold, gruVariant);
    }

    public TrainConfig withClipping(boolean on, double threshold) {
        return new TrainConfig(task, length, datasetSize, cell, activation, hiddenSize, init, gain, biases, seed,
                batchSize, optimizer, learningRate, momentum, on, threshold, gruVariant);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void range(String field, long x, long min, long max) {
        require(x >= min && x <= max, field + ": " + x + " is out of range; allowed " + min + " to " + max);
    }

    private static void range(String field, double x, double min, double max) {
        require(x >= min && x <= max, field + ": " + fmt(x) + " is out of range; allowed " + fmt(min) + " to " + fmt(max));
    }

    static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
