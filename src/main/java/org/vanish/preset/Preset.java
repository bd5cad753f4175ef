package org.vanish.preset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.vanish.engine.Analyzer;
import org.vanish.engine.Inputs;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunSpec;

/**
 * A preset: everything that determines a picture. Runs share the inputs; each run has its own cell and
 * overrides. See {@link PresetCodec} for the JSON form.
 *
 * @param steps T; for text inputs it equals the number of tokens
 * @param view the view the preset opens on (a dashboard view or a demonstration, by name), or null for the default
 * @param demo the settings of demonstrations that have their own (see {@code org.vanish.lecture.Parameter}), by
 *             key; keys a demonstration does not know are ignored by it; never null
 * @param training what the training lab does with the first run, or null for a preset that is not trained
 * @param layer which layers and directions of stacked and bidirectional runs the views draw, in the command line's
 *              form ("2", "2-backward"; see {@link PresetCodec#LAYER}), or null for all layers
 */
public record Preset(String name, String description, long seed, int steps, int inputSize, InputSpec inputs,
                     List<RunConfig> runs, String view, Map<String, Double> demo, TrainingSpec training,
                     String layer) {
    public static final String FORMAT = "vanish-preset/1";

    public Preset {
        demo = demo == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(demo));
        layer = layer == null || layer.isBlank() || layer.strip().equalsIgnoreCase("all") ? null : layer.strip();
    }

    /** A preset whose views draw all layers. */
    public Preset(String name, String description, long seed, int steps, int inputSize, InputSpec inputs,
                  List<RunConfig> runs, String view, Map<String, Double> demo, TrainingSpec training) {
        this(name, description, seed, steps, inputSize, inputs, runs, view, demo, training, null);
    }

    /** A preset that opens on the default view and has no demonstration settings. */
    public Preset(String name, String description, long seed, int steps, int inputSize, InputSpec inputs,
                  List<RunConfig> runs) {
        this(name, description, seed, steps, inputSize, inputs, runs, null, Map.of());
    }

    /** A preset without a training block. */
    public Preset(String name, String description, long seed, int steps, int inputSize, InputSpec inputs,
                  List<RunConfig> runs, String view, Map<String, Double> demo) {
        this(name, description, seed, steps, inputSize, inputs, runs, view, demo, null);
    }

    /** The same preset with another training block (null: none). */
    public Preset withTraining(TrainingSpec newTraining) {
        return new Preset(name, description, seed, steps, inputSize, inputs, runs, view, demo, newTraining, layer);
    }

    /**
     * The training run of this preset's first run.
     * @throws IllegalStateException if the preset has no training block
     * @throws IllegalArgumentException naming the field whose value the trainer refuses
     */
    public org.vanish.train.TrainConfig trainConfig() {
        if (training == null) {
            throw new IllegalStateException("the preset has no training block");
        }
        return training.toConfig(runs.get(0));
    }

    /** The same preset with other runs. */
    public Preset withRuns(List<RunConfig> newRuns) {
        return new Preset(name, description, seed, steps, inputSize, inputs, List.copyOf(newRuns), view, demo, training,
                layer);
    }

    /** The same preset with another seed (of the inputs; the runs keep theirs). */
    public Preset withSeed(long newSeed) {
        return new Preset(name, description, newSeed, steps, inputSize, inputs, runs, view, demo, training, layer);
    }

    /** The same preset with other inputs and T. */
    public Preset withInputs(InputSpec newInputs, int newSteps) {
        return new Preset(name, description, seed, newSteps, inputSize, newInputs, runs, view, demo, training,
                layer);
    }

    /** The same preset opening on another view (null: the default). */
    public Preset withView(String newView) {
        return new Preset(name, description, seed, steps, inputSize, inputs, runs, newView, demo, training, layer);
    }

    /** The same preset drawing other layers (null or "all": all layers). */
    public Preset withLayer(String newLayer) {
        return new Preset(name, description, seed, steps, inputSize, inputs, runs, view, demo, training, newLayer);
    }

    /** The same preset with other demonstration settings. */
    public Preset withDemo(Map<String, Double> newDemo) {
        return new Preset(name, description, seed, steps, inputSize, inputs, runs, view, newDemo, training, layer);
    }

    /**
     * Refuses a preset whose runs cannot be analysed together in maxBytes (with a fifth kept free), before
     * anything is allocated.
     * @throws PresetException naming the sizes, what they need and what to lower
     */
    public void checkFits(Quantities q, long maxBytes) throws PresetException {
        long total = 8L * steps * inputSize;
        RunConfig largest = runs.get(0);
        long most = -1;
        for (RunConfig r : runs) {
            long need = bytesNeeded(r, q);
            total += need;
            if (need > most) {
                most = need;
                largest = r;
            }
        }
        boolean arrays = (long) steps * inputSize < Integer.MAX_VALUE - 8;
        for (RunConfig r : runs) {
            arrays &= Analyzer.arraysFit(r.cell(), r.hiddenSize(), steps);
        }
        if (total > 0.8 * maxBytes || !arrays) {
            boolean stacked = largest.units() > 1;
            boolean layered = largest.layers() > 1;
            // what to lower: layers only where there are several, and a bidirectional run can drop its second direction
            String fields = "steps, hiddenSize" + (layered ? ", layers" : "") + (largest.bidirectional()
                    ? ", bidirectional" : "");
            String lower = "lower steps" + (layered ? ", hiddenSize or layers" : " or hiddenSize")
                    + (largest.bidirectional() ? ", or turn bidirectional off" : "");
            throw new PresetException(String.format(java.util.Locale.ROOT,
                    "%s: %d steps of run \"%s\" (%s, %d hidden units%s)%s need %.1f GB;"
                            + " a run may use %.1f GB here (80 %% of this program's %.1f GB of memory): %s",
                    fields, steps, largest.label(), largest.cell().id(), largest.hiddenSize(),
                    stacked ? ", " + largest.layers() + (largest.layers() == 1 ? " layer" : " layers")
                            + (largest.bidirectional() ? ", bidirectional" : "") : "",
                    runs.size() > 1 ? " and the other runs" : "", total / 1e9, 0.8 * maxBytes / 1e9, maxBytes / 1e9,
                    lower));
        }
    }

    /**
     * {@link Analyzer#bytesNeeded} of the run, and for a run given its weights (an imported or trained model) two
     * more copies of them: this preset's rows and the run's explicit matrices, of which the engine's drawn ones are a
     * copy. Measured: a 2-layer bidirectional LSTM of 1024 units on 1024 inputs, T = 100, holds 1.53 GB after a
     * collection when drawn and 2.31 GB when given its weights (two copies of its 0.34 GB of weights, and a little),
     * and the given one runs out of memory in a 2.15 GB heap where the drawn one runs.
     */
    private long bytesNeeded(RunConfig r, Quantities q) {
        long given = 0;
        for (Map<String, double[][]> unit : r.stackParameters().isEmpty() ? List.of(r.parameters())
                : r.stackParameters()) {
            for (double[][] matrix : unit.values()) {
                for (double[] row : matrix) {
                    given += row.length;
                }
            }
        }
        return Analyzer.bytesNeeded(r.cell(), r.hiddenSize(), inputSize, r.layers(), r.bidirectional(), steps, q)
                + 2 * 8 * given;
    }

    /** The words x_1..x_T stand for, for a text input; else empty. */
    public List<String> words() {
        return InputSpec.TEXT.equals(inputs.kind()) ? Inputs.tokenize(inputs.text()) : List.of();
    }

    /** x_1..x_T as T×m row-major, drawn from the preset seed. */
    public double[] inputArray() {
        switch (inputs.kind()) {
            case InputSpec.ZEROS:
                return Inputs.zeros(steps, inputSize);
            case InputSpec.TEXT:
                if (inputs.embedding() != null) {
                    return inputs.embedding().embed(Inputs.tokenize(inputs.text()), inputSize);
                }
                return Inputs.embed(Inputs.tokenize(inputs.text()), inputSize, inputs.scale(), seed);
            case InputSpec.EXPLICIT:
                double[] x = new double[steps * inputSize];
                for (int t = 0; t < steps; t++) {
                    System.arraycopy(inputs.values()[t], 0, x, t * inputSize, inputSize);
                }
                return x;
            default:
                return Inputs.noise(steps, inputSize, inputs.scale(), seed);
        }
    }

    /** The engine's run specs, all sharing one input array. */
    public List<RunSpec> toRunSpecs() {
        double[] x = inputArray();
        List<RunSpec> specs = new ArrayList<>();
        for (RunConfig r : runs) {
            specs.add(toRunSpec(r, x));
        }
        return specs;
    }

    /** One run's spec with the given inputs. */
    public RunSpec toRunSpec(RunConfig r, double[] x) {
        int n = r.hiddenSize();
        int d = r.cell().stateSize(n);
        double[] s0 = new double[d];
        if (r.initialH() != null) {
            System.arraycopy(r.initialH(), 0, s0, 0, n);
        }
        if (r.initialC() != null) {
            System.arraycopy(r.initialC(), 0, s0, n, n);
        }
        double[] v = r.readout() != null ? r.readout().clone() : Inputs.readout(n * r.directions(), r.seed());
        Map<String, DMatrixRMaj> explicit = matrices(r.parameters());
        List<Map<String, DMatrixRMaj>> stack = new ArrayList<>();
        for (Map<String, double[][]> one : r.stackParameters()) {
            stack.add(matrices(one));
        }
        double tmax = r.chronoMaxSteps() != null ? r.chronoMaxSteps() : steps;
        return new RunSpec(r.label(), r.cell(), r.activation(), n, inputSize, steps, r.seed(), r.init(), r.gain(),
                r.scale(), Map.copyOf(r.biases()), r.chrono(), tmax, explicit, x, s0, v, r.layers(),
                r.bidirectional(), r.gruVariant(), stack);
    }

    private static Map<String, DMatrixRMaj> matrices(Map<String, double[][]> rows) {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        rows.forEach((k, r) -> out.put(k, new DMatrixRMaj(r)));
        return out;
    }
}
