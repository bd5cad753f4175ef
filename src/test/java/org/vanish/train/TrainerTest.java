package org.vanish.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vanish.engine.CellType;
import org.vanish.engine.Initializer;

/** The optimisers, clipping, determinism and the contract with the engine's initialiser. */
class TrainerTest {
    private static final double TIGHT = 1e-12;

    /** A small LSTM on the adding problem whose dataset is exactly one minibatch. */
    private static TrainConfig small(Optimizer opt, double lr, double momentum, boolean clip, double threshold) {
        return TrainConfig.defaults(Task.ADDING, CellType.LSTM).withLength(12).withHiddenSize(5).withDatasetSize(4)
                .withOptimizer(opt, lr, momentum, 4).withClipping(clip, threshold);
    }

    /** The gradient of the first step's minibatch at the initial weights, measured apart. */
    private static Params firstGradient(TrainConfig config) {
        Trainer probe = new Trainer(config);
        Params g = probe.theta().zerosLike();
        // with datasetSize = batchSize the first minibatch is the whole set in the first shuffled order
        probe.step();
        Trainer fresh = new Trainer(config);
        fresh.measure(firstBatch(fresh, config), g);
        return g;
    }

    private static Sequence[] firstBatch(Trainer t, TrainConfig config) {
        // replay the trainer's shuffle: Fisher–Yates with the "batch order" stream
        java.util.Random order = org.vanish.engine.Seeds.forPurpose(config.seed(), "batch order");
        int[] perm = new int[config.datasetSize()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        for (int i = perm.length - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            int s = perm[i];
            perm[i] = perm[j];
            perm[j] = s;
        }
        Sequence[] batch = new Sequence[config.batchSize()];
        for (int b = 0; b < batch.length; b++) {
            batch[b] = t.trainingSet()[perm[b]];
        }
        return batch;
    }

    @Test
    void adamsFirstStepMovesEveryParameterByTheLearningRateAgainstItsGradientsSign() {
        double lr = 0.01;
        TrainConfig config = small(Optimizer.ADAM, lr, 0.0, false, 1.0);
        Params g = firstGradient(config);
        Trainer t = new Trainer(config);
        Params before = t.theta().copy();
        t.step();
        List<double[]> p0 = before.arrays();
        List<double[]> p1 = t.theta().arrays();
        List<double[]> ga = g.arrays();
        for (int a = 0; a < p0.size(); a++) {
            for (int i = 0; i < p0.get(a).length; i++) {
                double gi = ga.get(a)[i];
                // m̂ = g, v̂ = g²: θ₁ = θ₀ − η g / (|g| + ε)
                double expected = p0.get(a)[i] - lr * gi / (Math.abs(gi) + 1e-8);
                assertEquals(expected, p1.get(a)[i], TIGHT, "array " + a + " entry " + i);
            }
        }
    }

    @Test
    void sgdWithMomentumAccumulatesVelocity() {
        double lr = 0.05;
        double mu = 0.9;
        TrainConfig config = small(Optimizer.SGD, lr, mu, false, 1.0);
        Trainer t = new Trainer(config);
        Params p0 = t.theta().copy();
        Params g0 = t.theta().zerosLike();
        t.measure(firstBatch(t, config), g0);
        t.step();
        Params p1 = t.theta().copy();
        // the second minibatch is the same set in the next shuffled order: the same mean gradient up to rounding
        Params g1 = t.theta().zerosLike();
        t.measure(t.trainingSet(), g1);
        t.step();
        Params p2 = t.theta().copy();
        for (int a = 0; a < p0.arrays().size(); a++) {
            for (int i = 0; i < p0.arrays().get(a).length; i++) {
                double v1 = g0.arrays().get(a)[i];
                assertEquals(p0.arrays().get(a)[i] - lr * v1, p1.arrays().get(a)[i], TIGHT);
                double v2 = mu * v1 + g1.arrays().get(a)[i];
                assertEquals(p1.arrays().get(a)[i] - lr * v2, p2.arrays().get(a)[i], 1e-9);
            }
        }
    }

    @Test
    void clippingRescalesToTheThresholdAndKeepsTheDirection() {
        double lr = 0.1;
        Trainer plain = new Trainer(small(Optimizer.SGD, lr, 0.0, false, 1.0));
        Params start = plain.theta().copy();
        StepStats s0 = plain.step();
        double threshold = s0.gradNorm() / 7.0;
        Trainer clipped = new Trainer(small(Optimizer.SGD, lr, 0.0, true, threshold));
        StepStats s1 = clipped.step();
        // the measured gradient is the same with clipping on: it is recorded before clipping
        assertEquals(s0.gradNorm(), s1.gradNorm(), 0.0);
        assertEquals(s0.loss(), s1.loss(), 0.0);
        assertArrayEquals(s0.log10GradByTime(), s1.log10GradByTime(), 0.0);
        assertFalse(s0.clipped());
        assertTrue(s1.clipped());
        double moved = 0.0;
        for (int a = 0; a < start.arrays().size(); a++) {
            for (int i = 0; i < start.arrays().get(a).length; i++) {
                double d0 = plain.theta().arrays().get(a)[i] - start.arrays().get(a)[i];
                double d1 = clipped.theta().arrays().get(a)[i] - start.arrays().get(a)[i];
                assertEquals(d0 / 7.0, d1, 1e-12 + 1e-9 * Math.abs(d0), "direction kept, length scaled");
                moved += d1 * d1;
            }
        }
        // SGD without momentum moves by η·ĝ with ‖ĝ‖ = threshold
        assertEquals(lr * threshold, Math.sqrt(moved), 1e-9 * lr * threshold);
        // a threshold above the norm leaves the step alone
        Trainer loose = new Trainer(small(Optimizer.SGD, lr, 0.0, true, s0.gradNorm() * 2));
        assertFalse(loose.step().clipped());
        assertArrayEquals(plain.theta().arrays().get(0), loose.theta().arrays().get(0), 0.0);
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void theSameConfigGivesBitIdenticalSteps(CellType cell) {
        TrainConfig config = TrainConfig.defaults(Task.COPY, cell).withLength(6).withHiddenSize(8)
                .withDatasetSize(40).withOptimizer(Optimizer.ADAM, 0.01, 0.9, 8);
        Trainer a = new Trainer(config);
        Trainer b = new Trainer(config);
        for (int i = 0; i < 8; i++) {
            StepStats x = a.step();
            StepStats y = b.step();
            assertEquals(x.step(), y.step());
            assertEquals(Double.doubleToLongBits(x.loss()), Double.doubleToLongBits(y.loss()));
            assertEquals(Double.doubleToLongBits(x.accuracy()), Double.doubleToLongBits(y.accuracy()));
            assertEquals(Double.doubleToLongBits(x.gradNorm()), Double.doubleToLongBits(y.gradNorm()));
            assertEquals(x.clipped(), y.clipped());
            assertArrayEquals(x.log10GradByTime(), y.log10GradByTime(), 0.0);
        }
        assertEquals(a.evaluate(), b.evaluate());
        // and a different seed gives a different run
        Trainer c = new Trainer(config.withSeed(2));
        assertTrue(c.step().loss() != new Trainer(config).step().loss());
    }

    @Test
    void splittingTheBatchOverThreadsChangesNoBit() {
        TrainConfig config = TrainConfig.defaults(Task.AGREEMENT, CellType.GRU).withLength(9).withHiddenSize(6)
                .withDatasetSize(16).withOptimizer(Optimizer.ADAM, 0.01, 0.9, 16);
        Trainer t = new Trainer(config);
        Sequence[] batch = java.util.Arrays.copyOf(t.trainingSet(), 16);
        Params whole = t.theta().zerosLike();
        t.measure(batch, whole);
        // the same sweep with the examples run in three uneven pieces, as threads would
        Network.Pass pass = t.pass();
        TaskObjective objective = new TaskObjective(Task.AGREEMENT, batch, config.sequenceLength());
        pass.run(0, 3, objective, true);
        pass.run(3, 11, objective, true);
        pass.run(11, 16, objective, true);
        Params pieces = t.theta().zerosLike();
        pass.gradient(pieces);
        for (int a = 0; a < whole.arrays().size(); a++) {
            assertArrayEquals(whole.arrays().get(a), pieces.arrays().get(a), 0.0);
        }
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void theUntrainedNetworkIsTheEnginesDrawForTheSeed(CellType cell) {
        TrainConfig config = TrainConfig.defaults(Task.ADDING, cell).withHiddenSize(7).withSeed(42);
        Map<String, DMatrixRMaj> drawn = Initializer.draw(config.runSpec());
        Trainer t = new Trainer(config);
        Map<String, DMatrixRMaj> ours = t.initialParameters();
        assertEquals(cell.parameterNames(), List.copyOf(ours.keySet()));
        for (String name : cell.parameterNames()) {
            assertArrayEquals(drawn.get(name).data, ours.get(name).data, 0.0, name);
        }
        t.step();
        assertTrue(!java.util.Arrays.equals(drawn.get(cell.recurrentNames().get(0)).data,
                t.parameters().get(cell.recurrentNames().get(0)).data), "training moves the weights");
        assertArrayEquals(drawn.get(cell.recurrentNames().get(0)).data,
                t.initialParameters().get(cell.recurrentNames().get(0)).data, 0.0, "the initial copy stays");
    }

    @Test
    void eigenvaluesAreThoseOfTheRecurrentMatrix() {
        Trainer t = new Trainer(TrainConfig.defaults(Task.ADDING, CellType.RNN).withHiddenSize(6));
        DMatrixRMaj w = t.parameters().get("W_h");
        double[] re = t.recurrentEigenvaluesRe();
        double[] im = t.recurrentEigenvaluesIm();
        double trace = 0.0;
        for (int i = 0; i < 6; i++) {
            trace += w.get(i, i);
        }
        double sumRe = 0.0;
        double sumIm = 0.0;
        for (int i = 0; i < 6; i++) {
            sumRe += re[i];
            sumIm += im[i];
        }
        assertEquals(trace, sumRe, 1e-10);
        assertEquals(0.0, sumIm, 1e-10);
        assertEquals(org.ejml.dense.row.CommonOps_DDRM.det(w), determinant(re, im), 1e-10);
        assertEquals("W_c", new Trainer(TrainConfig.defaults(Task.ADDING, CellType.LSTM).withHiddenSize(4))
                .recurrentMatrixName());
    }

    private static double determinant(double[] re, double[] im) {
        double pr = 1.0;
        double pi = 0.0;
        for (int i = 0; i < re.length; i++) {
            double r = pr * re[i] - pi * im[i];
            pi = pr * im[i] + pi * re[i];
            pr = r;
        }
        return pr;
    }

    @Test
    void badSettingsNameTheFieldAndTheRange() {
        TrainConfig d = TrainConfig.defaults(Task.ADDING, CellType.LSTM);
        assertMessage("length: 1 is out of range; allowed 2 to 2000", () -> d.withLength(1));
        assertMessage("hiddenSize: 0 is out of range; allowed 1 to 512", () -> d.withHiddenSize(0));
        assertMessage("datasetSize: 0 is out of range; allowed 1 to 200000", () -> d.withDatasetSize(0));
        assertMessage("learningRate: 0 is out of range; allowed above 0 up to 10",
                () -> d.withOptimizer(Optimizer.ADAM, 0.0, 0.9, 32));
        assertMessage("momentum: 1 is out of range; allowed 0 to below 1", () -> d.withOptimizer(Optimizer.SGD, 0.1, 1.0, 32));
        assertMessage("biases.b: not a bias of the lstm cell; allowed b_f, b_i, b_o, b_c", () -> d.withBiases(Map.of("b", 1.0)));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> d.withHiddenSize(512).withLength(2000).withOptimizer(Optimizer.ADAM, 1e-3, 0.9, 1024)
                        .withDatasetSize(1024));
        assertTrue(big.getMessage().startsWith("length, hiddenSize, batchSize:"), big.getMessage());
        assertFalse(big.getMessage().contains("\n"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainConfig.defaults(Task.COPY, CellType.RNN)
                .withDatasetSize(100_000).withLength(500)).getMessage().startsWith(
                        "datasetSize, length: 100000 sequences of 520 steps need 4.2 GB"));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    @Test
    void aStepThatWouldTakeAWeightPastTheLimitStopsTrainingAndKeepsTheLastGoodNetwork() {
        // SGD at learning rate 10 with momentum 0.99 and no clipping: the weights grow by orders of magnitude
        TrainConfig config = small(Optimizer.SGD, 10.0, 0.99, false, 1.0);
        Trainer t = new Trainer(config);
        org.vanish.engine.RunFailure failure = null;
        Params before = null;
        for (int i = 0; i < 500 && failure == null; i++) {
            before = t.theta().copy();
            try {
                t.step();
            } catch (org.vanish.engine.RunFailure e) {
                failure = e;
            }
        }
        assertTrue(failure != null, "training diverges");
        assertTrue(failure.getMessage().matches("training diverged at step \\d+: (the update would take .* beyond "
                + "±1e\\+05, the largest weight training keeps; the network is kept as it was after step \\d+; "
                + "|the gradient is not finite;).*"), failure.getMessage());
        double max = 0;
        java.util.List<double[]> now = t.theta().arrays();
        java.util.List<double[]> was = before.arrays();
        for (int a = 0; a < now.size(); a++) {
            assertArrayEquals(was.get(a), now.get(a), 0.0, "the failed step changed nothing");
            for (double x : now.get(a)) {
                max = Math.max(max, Math.abs(x));
            }
        }
        assertTrue(max <= Trainer.MAX_WEIGHT, "every weight kept is within the limit: " + max);
    }
}
