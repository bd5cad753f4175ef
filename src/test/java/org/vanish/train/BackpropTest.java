package org.vanish.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vanish.engine.Activation;
import org.vanish.engine.Cell;
import org.vanish.engine.CellType;
import org.vanish.engine.GradientFlow;
import org.vanish.engine.GruVariant;
import org.vanish.engine.InitScheme;
import org.vanish.engine.Initializer;
import org.vanish.engine.Inputs;
import org.vanish.engine.RunSpec;
import org.vanish.engine.Trajectory;

/**
 * The trainer's gradients: every parameter entry against central finite differences of the minibatch loss, for
 * all four cells and all three tasks; and the per-step ‖∂L/∂s_t‖ of the batched sweep against the engine's
 * GradientFlow for L = v·h_T on the same RunSpec.
 */
class BackpropTest {
    private static final double H = 1e-5;
    /** Central differences with h = 1e-5 are good to about h² · (third derivative) plus rounding 1e-16/h. */
    private static final double FD_RELATIVE = 1e-6;
    private static final double FD_ABSOLUTE = 1e-9;
    private static final double ENGINE_RELATIVE = 1e-12;

    static List<Arguments> cellsAndTasks() {
        List<Arguments> out = new java.util.ArrayList<>();
        for (CellType c : CellType.values()) {
            for (Task t : Task.values()) {
                out.add(Arguments.of(c, t, GruVariant.CHO));
                if (c == CellType.GRU) {
                    out.add(Arguments.of(c, t, GruVariant.PYTORCH));
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("cellsAndTasks")
    void parameterGradientsMatchCentralDifferences(CellType cell, Task task, GruVariant variant) {
        Map<String, Double> biases = cell == CellType.LSTM ? Map.of("b_f", 1.0, "b_o", 0.3)
                : variant == GruVariant.PYTORCH ? Map.of("b_u", -0.5, "b_h", 0.2, "b_hn", -0.3)
                : cell == CellType.GRU ? Map.of("b_u", -0.5, "b_h", 0.2) : Map.of("b", 0.1);
        TrainConfig config = new TrainConfig(task, 5, 3, cell, Activation.TANH, 4, InitScheme.GAUSSIAN, 1.2, biases,
                7L, 3, Optimizer.ADAM, 1e-3, 0.9, false, 1.0, variant);
        Trainer trainer = new Trainer(config);
        // move the readout bias and V off their initial values so no gradient is trivially small
        trainer.theta().c[0] = 0.3;
        trainer.network().refresh();
        Sequence[] batch = trainer.trainingSet();
        Params grad = trainer.theta().zerosLike();
        trainer.measure(batch, grad);
        List<double[]> p = trainer.theta().arrays();
        List<double[]> g = grad.arrays();
        int checked = 0;
        for (int a = 0; a < p.size(); a++) {
            double[] pa = p.get(a);
            for (int i = 0; i < pa.length; i++) {
                double keep = pa[i];
                pa[i] = keep + H;
                trainer.network().refresh();
                double up = trainer.measure(batch, null);
                pa[i] = keep - H;
                trainer.network().refresh();
                double down = trainer.measure(batch, null);
                pa[i] = keep;
                double fd = (up - down) / (2 * H);
                double an = g.get(a)[i];
                assertTrue(Math.abs(fd - an) <= FD_RELATIVE * Math.max(Math.abs(fd), Math.abs(an)) + FD_ABSOLUTE,
                        cell + " " + variant + " " + task + " array " + a + " entry " + i + ": backprop " + an + ", differences " + fd);
                checked++;
            }
        }
        trainer.network().refresh();
        assertTrue(checked > 30, "parameters checked: " + checked);
        if (variant == GruVariant.PYTORCH) {
            assertEquals(4, trainer.theta().bhn.length, "b_hn is trained");
        }
    }

    @ParameterizedTest
    @MethodSource("org.vanish.train.BackpropTest#cells")
    void perStepGradientNormsEqualTheEngines(CellType cell, GruVariant variant) {
        int n = 6;
        int m = 3;
        int steps = 40;
        double[] x = Inputs.noise(steps, m, 1.0, 5L);
        double[] v = Inputs.readout(n, 5L);
        Map<String, Double> biases = cell == CellType.LSTM ? Map.of("b_f", 1.0) : Map.of();
        RunSpec spec = new RunSpec("r", cell, Activation.TANH, n, m, steps, 5L, InitScheme.GAUSSIAN, 1.3, 1.0, biases,
                false, 0.0, Map.of(), x, new double[cell.stateSize(n)], v, 1, false, variant, List.of());
        Map<String, DMatrixRMaj> params = Initializer.draw(spec);
        Cell engineCell = Cell.create(cell, Activation.TANH, variant, params);
        Trajectory tr = engineCell.forward(engineCell.drive(x, steps), steps, spec.initialState());
        double[] expected = GradientFlow.backpropagate(engineCell, tr, v, false).gradNorm;

        Network net = new Network(Params.of(cell, params, new double[][] {v}, new double[1]), Activation.TANH);
        Network.Pass pass = net.new Pass(steps, 1);
        pass.x[0] = x;
        pass.run(0, 1, new Network.Objective() {
            @Override
            public boolean hasOutput(int b, int t) {
                return t == steps;
            }

            @Override
            public double loss(int b, int t, double[] z, double[] dz) {
                dz[0] = 1.0;
                return z[0];
            }

            @Override
            public int correct(int b, int t, double[] z) {
                return -1;
            }
        }, true);
        for (int t = 0; t <= steps; t++) {
            double ours = pass.gradNorm[t];
            double engine = Math.pow(10, expected[t]);
            assertEquals(engine, ours, ENGINE_RELATIVE * engine, cell + " t = " + t);
        }
        // the state's gradient must really fall or vary over the run, else the comparison would be weak
        assertTrue(Math.abs(expected[0] - expected[steps]) > 0.1, cell + ": " + expected[0] + " vs " + expected[steps]);
    }

    static List<Arguments> cells() {
        List<Arguments> out = new java.util.ArrayList<>();
        for (CellType c : CellType.values()) {
            out.add(Arguments.of(c, GruVariant.CHO));
        }
        out.add(Arguments.of(CellType.GRU, GruVariant.PYTORCH));
        return out;
    }
}
