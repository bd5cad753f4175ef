package org.vanish.train;

import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.vanish.engine.Initializer;
import org.vanish.engine.RunFailure;
import org.vanish.engine.Seeds;

/**
 * Trains one network on one task by minibatch gradient descent with full BPTT, deterministically from its
 * {@link TrainConfig}: the training set, the held-out set, the order of the minibatches and the initial weights are
 * all drawn from the seed (the cell's by the engine's {@link Initializer}, the readout V with entries N(0, 1/n) and
 * c = 0). Each {@link #step} measures the minibatch loss and gradient, clips by global norm if asked (Pascanu et
 * al. 2013, Algorithm 1: ĝ ← threshold·ĝ/‖ĝ‖ when ‖ĝ‖ &gt; threshold) and updates with Adam or SGD.
 * Thread-confined: call every method from one thread (the lab's training thread).
 */
public final class Trainer {
    /** Size of the held-out set (rounded up to whole minibatches). */
    public static final int EVAL_SEQUENCES = 256;
    /**
     * The largest |weight| training goes to; a step beyond stops it as diverged. A tenth of the preset reader's
     * limit on explicit values (±1e6), so a trained network, and the readout vectors made from differences of its
     * readout rows, can always be saved as a preset and read back.
     */
    public static final double MAX_WEIGHT = 1e5;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final TrainConfig config;
    private final int steps;
    private final Sequence[] train;
    private final Sequence[] held;
    private final Random order;
    private final int[] perm;
    private int next;
    private final Params initial;
    private final Params theta;
    private final Params grad;
    private final Params moment1;
    private final Params moment2;
    private final Network network;
    private final Network.Pass pass;
    private final Sequence[] batch;
    private int done;
    private double[][] eigen;
    private int eigenStep = -1;

    /**
     * Told how far drawing the data (and a first evaluation) has come, as a fraction from 0 to 1, every few
     * sequences; answering false stops the work with a {@link java.util.concurrent.CancellationException}. At
     * T = 1000 drawing 10 000 sequences takes seconds: the lab shows this progress and drops a superseded run.
     */
    @FunctionalInterface
    public interface Preparation {
        Preparation NONE = fraction -> true;

        boolean progress(double fraction);
    }

    /** Share of the preparation's progress given to drawing the training data (the held-out set has the rest). */
    private static final double TRAIN_SHARE = 0.8;

    /** Draws the data and the initial weights from the seed. */
    public Trainer(TrainConfig config) {
        this(config, Preparation.NONE);
    }

    /** Draws the data and the initial weights from the seed, telling preparation how far it has come. */
    public Trainer(TrainConfig config, Preparation preparation) {
        this.config = config;
        Task task = config.task();
        this.steps = config.sequenceLength();
        int n = config.hiddenSize();
        int bs = config.batchSize();
        train = draw(task, config.length(), config.datasetSize(), Seeds.forPurpose(config.seed(), "train data"),
                preparation, 0, TRAIN_SHARE);
        int evalCount = bs * ((EVAL_SEQUENCES + bs - 1) / bs);
        held = draw(task, config.length(), evalCount, Seeds.forPurpose(config.seed(), "held-out data"),
                preparation, TRAIN_SHARE, 1);
        order = Seeds.forPurpose(config.seed(), "batch order");
        perm = new int[train.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        next = perm.length;
        int k = task.outputSize();
        Random rv = Seeds.forPurpose(config.seed(), "trained readout");
        double[][] v = new double[k][n];
        double sd = 1.0 / Math.sqrt(n);
        for (double[] row : v) {
            for (int i = 0; i < n; i++) {
                row[i] = sd * rv.nextGaussian();
            }
        }
        initial = Params.of(config.cell(), Initializer.draw(config.runSpec()), v, new double[k]);
        theta = initial.copy();
        grad = theta.zerosLike();
        moment1 = theta.zerosLike();
        moment2 = theta.zerosLike();
        network = new Network(theta, config.activation());
        pass = network.new Pass(steps, bs);
        batch = new Sequence[bs];
    }

    private static Sequence[] draw(Task task, int length, int count, Random rnd, Preparation preparation,
                                   double from, double to) {
        Sequence[] out = new Sequence[count];
        for (int i = 0; i < count; i++) {
            if (i % 64 == 0) {
                tell(preparation, from + (to - from) * i / count);
            }
            out[i] = task.sample(length, rnd);
        }
        tell(preparation, to);
        return out;
    }

    private static void tell(Preparation preparation, double fraction) {
        if (!preparation.progress(fraction)) {
            throw new java.util.concurrent.CancellationException("preparation cancelled");
        }
    }

    public TrainConfig config() {
        return config;
    }

    /** Updates done so far. */
    public int stepsDone() {
        return done;
    }

    /** The trivial baseline loss of the task (drawn on the loss plot). */
    public double baseline() {
        return config.task().baseline(config.length());
    }

    /** The baseline in words. */
    public String baselineDescription() {
        return config.task().baselineDescription(config.length());
    }

    /** Whether the task reports an accuracy (copy, agreement). */
    public boolean hasAccuracy() {
        return config.task().hasAccuracy();
    }

    /** Accuracy of the trivial strategy (1/8 copy, 1/2 agreement; NaN adding). */
    public double baselineAccuracy() {
        return config.task().baselineAccuracy();
    }

    /** One minibatch update; returns what it measured before updating. */
    public StepStats step() {
        int bs = config.batchSize();
        for (int b = 0; b < bs; b++) {
            if (next == perm.length) {
                shuffle();
            }
            batch[b] = train[perm[next++]];
        }
        double loss = measure(batch, grad);
        double norm = grad.norm();
        if (!Double.isFinite(norm)) {
            throw new RunFailure("training diverged at step " + (done + 1) + ": the gradient is not finite;"
                    + " lower the learning rate or switch clipping on");
        }
        boolean clipped = config.clip() && norm > config.clipThreshold();
        if (clipped) {
            double s = config.clipThreshold() / norm;
            for (double[] a : grad.arrays()) {
                for (int i = 0; i < a.length; i++) {
                    a[i] *= s;
                }
            }
        }
        StepStats stats = new StepStats(done + 1, loss, accuracy(), norm, clipped, byTime());
        update();
        network.refresh();
        done++;
        return stats;
    }

    /**
     * The mean loss of the network on seqs (one minibatch) and, if out is given, its gradient into out.
     * Leaves the pass holding that minibatch's sweep.
     */
    double measure(Sequence[] seqs, Params out) {
        for (int b = 0; b < seqs.length; b++) {
            pass.x[b] = seqs[b].inputs();
        }
        TaskObjective objective = new TaskObjective(config.task(), seqs, steps);
        Parallel.forRange(seqs.length, (b0, b1) -> pass.run(b0, b1, objective, out != null));
        if (out != null) {
            pass.gradient(out);
        }
        return pass.meanLoss();
    }

    private void shuffle() {
        for (int i = perm.length - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            int s = perm[i];
            perm[i] = perm[j];
            perm[j] = s;
        }
        next = 0;
    }

    private double accuracy() {
        if (!hasAccuracy()) {
            return Double.NaN;
        }
        long right = 0;
        long scored = 0;
        for (int b = 0; b < pass.batch; b++) {
            right += pass.right[b];
            scored += pass.scored[b];
        }
        return scored == 0 ? Double.NaN : (double) right / scored;
    }

    private double[] byTime() {
        int bs = pass.batch;
        double[] out = new double[steps + 1];
        for (int t = 0; t <= steps; t++) {
            double s = 0.0;
            for (int b = 0; b < bs; b++) {
                s += pass.gradNorm[t * bs + b];
            }
            out[t] = Math.log10(s / bs);
        }
        return out;
    }

    /**
     * Adam (bias-corrected) or SGD with momentum on theta from grad. The step is first worked out without
     * changing anything: if it would take a weight beyond ±{@link #MAX_WEIGHT} (or to a non-finite value) training
     * stops with a {@link RunFailure} naming the weight, and the network stays as it was after the last good step,
     * one that can still be saved as a preset and opened again.
     */
    private void update() {
        java.util.List<double[]> p = theta.arrays();
        java.util.List<double[]> g = grad.arrays();
        java.util.List<double[]> m1 = moment1.arrays();
        java.util.List<double[]> m2 = moment2.arrays();
        boolean adam = config.optimizer() == Optimizer.ADAM;
        int t = done + 1;
        double c1 = 1.0 - StrictMath.pow(BETA1, t);
        double c2 = 1.0 - StrictMath.pow(BETA2, t);
        for (int pass = 0; pass < 2; pass++) {
            boolean apply = pass == 1;
            for (int a = 0; a < p.size(); a++) {
                double[] pa = p.get(a);
                double[] ga = g.get(a);
                double[] ma = m1.get(a);
                double[] va = m2.get(a);
                for (int i = 0; i < pa.length; i++) {
                    double next;
                    if (adam) {
                        double m = BETA1 * ma[i] + (1.0 - BETA1) * ga[i];
                        double v = BETA2 * va[i] + (1.0 - BETA2) * ga[i] * ga[i];
                        next = pa[i] - config.learningRate() * (m / c1) / (Math.sqrt(v / c2) + EPSILON);
                        if (apply) {
                            ma[i] = m;
                            va[i] = v;
                        }
                    } else {
                        double m = config.momentum() * ma[i] + ga[i];
                        next = pa[i] - config.learningRate() * m;
                        if (apply) {
                            ma[i] = m;
                        }
                    }
                    if (apply) {
                        pa[i] = next;
                    } else if (!(Math.abs(next) <= MAX_WEIGHT)) {
                        throw new RunFailure(String.format(java.util.Locale.ROOT, "training diverged at step %d: the "
                                + "update would take %s to %.4g, beyond ±%.0e, the largest weight training keeps; the "
                                + "network is kept as it was after step %d; lower the learning rate or switch clipping "
                                + "on", t, theta.name(a, i), next, MAX_WEIGHT, done));
                    }
                }
            }
        }
    }

    /** Loss and accuracy of the current network on the held-out set. */
    public Evaluation evaluate() {
        return evaluate(Preparation.NONE);
    }

    /** Loss and accuracy on the held-out set, telling progress how far it has come (false stops it). */
    public Evaluation evaluate(Preparation progress) {
        int bs = config.batchSize();
        double loss = 0.0;
        long right = 0;
        long scored = 0;
        for (int start = 0; start < held.length; start += bs) {
            tell(progress, (double) start / held.length);
            measure(java.util.Arrays.copyOfRange(held, start, start + bs), null);
            for (int b = 0; b < bs; b++) {
                loss += pass.loss[b];
                right += pass.right[b];
                scored += pass.scored[b];
            }
        }
        double acc = hasAccuracy() && scored > 0 ? (double) right / scored : Double.NaN;
        return new Evaluation(loss / held.length, acc);
    }

    /** The cell's current parameters by engine name (copies). */
    public Map<String, DMatrixRMaj> parameters() {
        return theta.cellMatrices();
    }

    /** The cell's parameters before training (copies): exactly Initializer.draw(config.runSpec()). */
    public Map<String, DMatrixRMaj> initialParameters() {
        return initial.cellMatrices();
    }

    /** The readout V (K×n) now, and c (K×1). */
    public DMatrixRMaj readout() {
        return readoutOf(theta);
    }

    public DMatrixRMaj readoutBias() {
        return new DMatrixRMaj(theta.c.length, 1, true, theta.c.clone());
    }

    /** The readout V before training. */
    public DMatrixRMaj initialReadout() {
        return readoutOf(initial);
    }

    private static DMatrixRMaj readoutOf(Params p) {
        DMatrixRMaj v = new DMatrixRMaj(p.k, p.n);
        for (int j = 0; j < p.k; j++) {
            System.arraycopy(p.v[j], 0, v.data, j * p.n, p.n);
        }
        return v;
    }

    /** The first held-out sequence: x as S×m row-major, its target and labels. */
    public Sequence sampleSequence() {
        return held[0];
    }

    /** The recurrent matrix whose eigenvalues the lab shows: W_h (rnn, additive, gru; the gru's candidate), W_c (lstm). */
    public String recurrentMatrixName() {
        return config.cell().recurrentNames().contains("W_h") ? "W_h" : "W_c";
    }

    /** Real parts of the eigenvalues of {@link #recurrentMatrixName()} now. */
    public double[] recurrentEigenvaluesRe() {
        return eigenvalues()[0].clone();
    }

    /** Imaginary parts, in the order of {@link #recurrentEigenvaluesRe()}. */
    public double[] recurrentEigenvaluesIm() {
        return eigenvalues()[1].clone();
    }

    private double[][] eigenvalues() {
        if (eigenStep == done && eigen != null) {
            return eigen;
        }
        eigen = decompose();
        eigenStep = done;
        return eigen;
    }

    private double[][] decompose() {
        DMatrixRMaj w = theta.cellMatrices().get(recurrentMatrixName());
        int n = w.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
        double[][] out = new double[2][n];
        if (!eig.decompose(w)) {
            java.util.Arrays.fill(out[0], Double.NaN);
            java.util.Arrays.fill(out[1], Double.NaN);
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[0][i] = eig.getEigenvalue(i).real;
            out[1][i] = eig.getEigenvalue(i).imaginary;
        }
        return out;
    }

    /** For tests: the parameters being trained (live), the training set and the sweep of the last minibatch. */
    Params theta() {
        return theta;
    }

    Network network() {
        return network;
    }

    Sequence[] trainingSet() {
        return train;
    }

    Network.Pass pass() {
        return pass;
    }
}
