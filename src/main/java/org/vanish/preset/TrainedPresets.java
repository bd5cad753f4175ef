package org.vanish.preset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.vanish.train.Evaluation;
import org.vanish.train.Sequence;
import org.vanish.train.Task;
import org.vanish.train.TrainConfig;
import org.vanish.train.Trainer;

/**
 * A trained network as a preset the dashboard opens: two runs, "&lt;cell&gt; initial" and "&lt;cell&gt; trained",
 * each with its explicit parameters, on the inputs of one held-out sequence of the task (explicit inputs, so the
 * picture does not depend on the task generator).
 * <p>
 * The dashboard's loss is L = v·h_T, so each run's readout v is taken from that network's own trained readout
 * V (K×n): for the adding problem v = V's one row (L is the predicted sum less its bias, so ∂L/∂s_t is how the
 * prediction depends on step t); for agreement v = V_plural − V_singular (L is the logit difference that decides the
 * class); for the copy task v = V_y − mean_k V_k with y the label of the last step (the centred logit of the symbol
 * the network must produce last). The initial run uses the same rule on the initial readout.
 * The preset has no training block: its runs carry explicit parameters, which the trainer does not start from.
 */
public final class TrainedPresets {
    private TrainedPresets() {
    }

    /** The preset of trainer's network now and at initialisation. */
    public static Preset of(Trainer trainer, String name) {
        if (name.length() > PresetCodec.MAX_NAME) {
            // "NAME (trained 2000 steps)" of a long name: keep the end, which says what was trained
            name = "…" + TextCut.tail(name, PresetCodec.MAX_NAME - 1);
        }
        TrainConfig c = trainer.config();
        Task task = c.task();
        Sequence sample = trainer.sampleSequence();
        int steps = c.sequenceLength();
        int m = task.inputSize();
        double[][] x = new double[steps][m];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(sample.inputs(), t * m, x[t], 0, m);
        }
        String cell = c.cell().usesActivation() ? c.cell().id() + " " + c.activation().id() : c.cell().id();
        RunConfig initial = run(c, cell + " initial", trainer.initialParameters(),
                readout(task, trainer.initialReadout(), sample));
        RunConfig trained = run(c, cell + " trained", trainer.parameters(), readout(task, trainer.readout(), sample));
        Evaluation e = trainer.evaluate();
        String description = String.format(Locale.ROOT,
                "%s trained by the training lab for %d steps on the %s task with T = %d (%d steps per sequence): "
                        + "%d hidden units, %s init with gain %s, seed %d, %s at learning rate %s, batch %d, %s. "
                        + "Held-out loss %.4g (trivial baseline %.4g: %s)%s. The inputs are one held-out sequence. "
                        + "Each run's readout v is taken from its own linear readout (see TrainedPresets), so L = v·h_T "
                        + "is the network's own output and the gradient shows which steps it depends on.",
                cell, trainer.stepsDone(), task.id(), c.length(), steps, c.hiddenSize(), c.init().id(), c.gain(),
                c.seed(), c.optimizer().id(), c.learningRate(), c.batchSize(),
                c.clip() ? "clipping at global norm " + c.clipThreshold() : "no clipping",
                e.loss(), trainer.baseline(), trainer.baselineDescription(),
                Double.isNaN(e.accuracy()) ? "" : String.format(Locale.ROOT, ", accuracy %.3f", e.accuracy()));
        InputSpec inputs = new InputSpec(InputSpec.EXPLICIT, 1.0, null, x);
        return new Preset(name, description, c.seed(), steps, m, inputs, List.of(initial, trained), null, Map.of(),
                null);
    }

    private static RunConfig run(TrainConfig c, String label, Map<String, DMatrixRMaj> params, double[] v) {
        Map<String, double[][]> rows = new LinkedHashMap<>();
        params.forEach((k, mat) -> {
            double[][] r = new double[mat.numRows][mat.numCols];
            for (int i = 0; i < mat.numRows; i++) {
                System.arraycopy(mat.data, i * mat.numCols, r[i], 0, mat.numCols);
            }
            rows.put(k, r);
        });
        return new RunConfig(label, c.cell(), c.activation(), c.hiddenSize(), c.seed(), c.init(), c.gain(), 1.0,
                c.biases(), false, null, rows, null, null, v, 1, false, c.gruVariant(), java.util.List.of());
    }

    /** The readout vector v of the class comment, from V (K×n). */
    static double[] readout(Task task, DMatrixRMaj v, Sequence sample) {
        int n = v.numCols;
        double[] out = new double[n];
        if (task == Task.ADDING) {
            System.arraycopy(v.data, 0, out, 0, n);
        } else if (task == Task.AGREEMENT) {
            for (int i = 0; i < n; i++) {
                out[i] = v.get(1, i) - v.get(0, i);
            }
        } else {
            int y = sample.labels()[sample.labels().length - 1];
            for (int i = 0; i < n; i++) {
                double mean = 0.0;
                for (int k = 0; k < v.numRows; k++) {
                    mean += v.get(k, i);
                }
                out[i] = v.get(y, i) - mean / v.numRows;
            }
        }
        return out;
    }
}
