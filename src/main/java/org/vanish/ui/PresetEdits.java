package org.vanish.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.vanish.engine.Activation;
import org.vanish.engine.CellType;
import org.vanish.engine.GruVariant;
import org.vanish.engine.InitScheme;
import org.vanish.engine.Inputs;
import org.vanish.preset.InputSpec;
import org.vanish.preset.TextEmbedding;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.preset.RunConfig;

/**
 * The edits the controls make to a preset, as pure functions: a control changes one field in every run it
 * concerns and leaves the rest of the preset as it was, so a preset with two rnn runs of different inits keeps
 * them until the init control itself is moved.
 */
public final class PresetEdits {
    private PresetEdits() {
    }

    /** Every run through f. */
    public static Preset mapRuns(Preset p, UnaryOperator<RunConfig> f) {
        return p.withRuns(p.runs().stream().map(f).toList());
    }

    /**
     * φ of the rnn and additive runs. A label follows the activation: the default label becomes the new default,
     * and a label naming the old φ as a word ("rnn tanh ×1.5") names the new one ("rnn relu ×1.5"), so no run is
     * drawn under the name of an activation it no longer has.
     */
    public static Preset activation(Preset p, Activation a) {
        return mapRuns(p, r -> {
            if (!r.cell().usesActivation()) {
                return r;
            }
            return r.withActivation(a, relabel(r.label(), r.cell(), r.activation(), a));
        });
    }

    /** label with φ from replaced by to (see {@link #activation}). */
    static String relabel(String label, CellType cell, Activation from, Activation to) {
        if (label.equals(PresetCodec.defaultLabel(cell, from))) {
            return PresetCodec.defaultLabel(cell, to);
        }
        return label.replaceAll("(?<![\\p{L}\\p{N}_])" + java.util.regex.Pattern.quote(from.id())
                + "(?![\\p{L}\\p{N}_])", java.util.regex.Matcher.quoteReplacement(to.id()));
    }

    /**
     * n of every drawn run; initial states and readouts are n-sized and are dropped, except the first-unit readout e_1,
     * which becomes e_1 of the new size. Runs whose weights come from a file keep theirs and their n: at another n they
     * would be a random network under the trained one's label.
     */
    public static Preset hiddenSize(Preset p, int n) {
        return mapRuns(p, r -> r.weightsGiven() || r.hiddenSize() == n ? r
                : r.withHiddenSize(n, isFirstUnit(r.readout()) ? firstUnit(n * r.directions()) : null));
    }

    /** The readout v of every run: e_1 (the first unit's state is the loss) or null, the seeded unit vector. */
    public static Preset readout(Preset p, boolean firstUnit) {
        return mapRuns(p, r -> r.withReadout(firstUnit ? firstUnit(r.hiddenSize() * r.directions()) : null));
    }

    /** e_1 of length n. */
    public static double[] firstUnit(int n) {
        double[] v = new double[n];
        v[0] = 1;
        return v;
    }

    /** True for e_1 of any length. */
    public static boolean isFirstUnit(double[] v) {
        if (v == null || v.length == 0 || v[0] != 1) {
            return false;
        }
        for (int i = 1; i < v.length; i++) {
            if (v[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The layers and directions of every drawn run (PyTorch's num_layers and bidirectional); runs whose weights come
     * from a file keep theirs. A first-unit readout e_1 follows the new length (2n when bidirectional); another
     * readout of the wrong length is dropped for the seeded unit vector.
     */
    public static Preset architecture(Preset p, int layers, boolean bidirectional) {
        return mapRuns(p, r -> {
            if (r.weightsGiven() || (r.layers() == layers && r.bidirectional() == bidirectional)) {
                return r;
            }
            RunConfig q = r.withArchitecture(layers, bidirectional, r.gruVariant());
            return isFirstUnit(r.readout()) ? q.withReadout(firstUnit(r.hiddenSize() * q.directions())) : q;
        });
    }

    /** The seed of the inputs and of every run's weights. */
    public static Preset seed(Preset p, long seed) {
        Preset q = p.withSeed(seed);
        return mapRuns(q, r -> r.withSeed(seed));
    }

    /** The init scheme of every run. */
    public static Preset init(Preset p, InitScheme init) {
        return mapRuns(p, r -> r.withInit(init));
    }

    /** The init gain of every run. */
    public static Preset gain(Preset p, double gain) {
        return mapRuns(p, r -> r.withGain(gain));
    }

    /** The constant bias called name (b_f, b_u, ...) in every run whose cell has it. */
    public static Preset bias(Preset p, String name, double value) {
        return mapRuns(p, r -> {
            if (!r.cell().biasNames().contains(name)) {
                return r;
            }
            Map<String, Double> b = new LinkedHashMap<>(r.biases());
            b.put(name, value);
            return r.withBiases(Map.copyOf(b));
        });
    }

    /**
     * T for noise and zeros inputs.
     * @throws IllegalArgumentException for text and explicit inputs, whose length is the input's
     */
    public static Preset steps(Preset p, int steps) {
        String kind = p.inputs().kind();
        if (InputSpec.TEXT.equals(kind) || InputSpec.EXPLICIT.equals(kind)) {
            throw new IllegalArgumentException("T is the length of the " + kind + " input; choose noise or zeros to set it");
        }
        return p.withInputs(p.inputs(), steps);
    }

    /**
     * The input drive: noise of a scale, zeros, or a text whose tokens are the steps (T follows the text).
     * @param steps T for noise and zeros
     * @throws IllegalArgumentException for a text with no word
     */
    public static Preset inputs(Preset p, String kind, double scale, String text, int steps) {
        int t = steps;
        InputSpec in;
        if (InputSpec.TEXT.equals(kind)) {
            int tokens = text == null ? 0 : Inputs.tokenize(text).size();
            if (tokens == 0) {
                throw new IllegalArgumentException("type at least one word for a text input");
            }
            t = tokens;
            TextEmbedding model = p.inputs().embedding();
            if (model != null && !model.unknown(Inputs.tokenize(text)).isEmpty()) {
                throw new IllegalArgumentException(model.missing(model.unknown(Inputs.tokenize(text))));
            }
            in = new InputSpec(InputSpec.TEXT, scale, text, null, model);
        } else if (InputSpec.ZEROS.equals(kind)) {
            in = new InputSpec(InputSpec.ZEROS, scale, null, null, p.inputs().embedding());
        } else {
            in = new InputSpec(InputSpec.NOISE, scale, null, null, p.inputs().embedding());
        }
        return p.withInputs(in, t);
    }

    /**
     * Keeps the runs whose cell is in cells, in their order, and adds a run for each cell in cells that has none,
     * with the first run's sizes, seed, init and scale and the given activation and biases.
     * @param biases the bias controls' values by name; a new run takes those of its cell
     * @throws IllegalArgumentException when no cell is left
     */
    public static Preset cells(Preset p, Set<CellType> cells, Activation activation, Map<String, Double> biases) {
        return cells(p, cells, p.runs().stream().anyMatch(PresetEdits::isPytorchGru), activation, biases);
    }

    /**
     * As {@link #cells(Preset, Set, Activation, Map)}, where GRU in cells means the seeds' (Cho's) GRU and
     * pytorchGru asks for a run of PyTorch's GRU, so that the two can be compared side by side.
     */
    public static Preset cells(Preset p, Set<CellType> cells, boolean pytorchGru, Activation activation,
                               Map<String, Double> biases) {
        if (cells.isEmpty() && !pytorchGru) {
            throw new IllegalArgumentException("choose at least one cell to compare");
        }
        List<RunConfig> runs = new ArrayList<>();
        for (RunConfig r : p.runs()) {
            if (isPytorchGru(r) ? pytorchGru : cells.contains(r.cell())) {
                runs.add(r);
            }
        }
        RunConfig first = p.runs().get(0);
        if (pytorchGru && runs.stream().noneMatch(PresetEdits::isPytorchGru)) {
            Map<String, Double> b = new LinkedHashMap<>();
            for (String name : CellType.GRU.biasNames()) {
                if (biases.containsKey(name)) {
                    b.put(name, biases.get(name));
                }
            }
            runs.add(new RunConfig(PresetCodec.defaultLabel(CellType.GRU, activation, GruVariant.PYTORCH),
                    CellType.GRU, activation, first.hiddenSize(), first.seed(), first.init(), first.gain(),
                    first.scale(), Map.copyOf(b), false, null, Map.of(), null, null, null, 1, false,
                    GruVariant.PYTORCH, List.of()));
        }
        for (CellType c : CellType.values()) {
            if (cells.contains(c) && runs.stream().noneMatch(r -> r.cell() == c && !isPytorchGru(r))) {
                Map<String, Double> b = new LinkedHashMap<>();
                for (String name : c.biasNames()) {
                    if (biases.containsKey(name)) {
                        b.put(name, biases.get(name));
                    }
                }
                runs.add(new RunConfig(PresetCodec.defaultLabel(c, activation), c, activation, first.hiddenSize(),
                        first.seed(), first.init(), first.gain(), first.scale(), Map.copyOf(b), false, null, Map.of(),
                        null, null, null));
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("choose at least one cell to compare");
        }
        if (runs.size() > PresetCodec.MAX_RUNS) {
            throw new IllegalArgumentException("at most " + PresetCodec.MAX_RUNS + " runs can be compared");
        }
        return p.withRuns(runs);
    }

    /** Whether r is a run of PyTorch's GRU. */
    public static boolean isPytorchGru(RunConfig r) {
        return r.cell() == CellType.GRU && r.gruVariant() == GruVariant.PYTORCH;
    }
}
