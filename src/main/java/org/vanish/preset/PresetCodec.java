package org.vanish.preset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vanish.engine.Activation;
import org.vanish.engine.CellType;
import org.vanish.engine.GruVariant;
import org.vanish.engine.InitScheme;
import org.vanish.engine.Inputs;
import org.vanish.engine.RunSpec;
import org.vanish.train.Optimizer;
import org.vanish.train.Task;
import org.vanish.train.TrainConfig;

/**
 * Reads and writes presets ({@value Preset#FORMAT}). A preset names its shared fields (seed, steps,
 * inputSize, inputs) and a list of runs; any run field written at the top level is the default for every run.
 * Every problem is reported as one line naming the field, the value and what is allowed.
 */
public final class PresetCodec {
    public static final int MAX_STEPS = 1_000_000;
    public static final int MAX_HIDDEN = 2048;
    public static final int MAX_INPUT = 4096;
    public static final int MAX_RUNS = 8;
    public static final double MAX_SCALE = 100.0;
    public static final double MAX_BIAS = 50.0;
    /** The longest run label: labels are drawn in legends and titles, and must stay short enough to lay out. */
    public static final int MAX_LABEL = 100;
    /** The longest preset name (drawn in titles). */
    public static final int MAX_NAME = 200;

    static final Set<String> RUN_FIELDS = Set.of("label", "cell", "activation", "hiddenSize", "seed", "init", "gain",
            "scale", "biases", "chrono", "chronoMaxSteps", "parameters", "initialState", "readout", "layers",
            "bidirectional", "gruVariant");
    private static final Set<String> TOP_FIELDS;
    static {
        Set<String> s = new HashSet<>(RUN_FIELDS);
        s.addAll(Set.of("format", "name", "description", "steps", "inputSize", "inputs", "runs", "view",
                "layer", "demo", "training"));
        TOP_FIELDS = Set.copyOf(s);
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The reader: a field given twice is an error (and JsonText refuses anything after the object), not silently dropped. */
    private static final ObjectMapper READER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private PresetCodec() {
    }

    /** Reads a preset file. */
    public static Preset read(Path file) throws PresetException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PresetException(file + ": no such file");
        } catch (OutOfMemoryError e) {
            throw new PresetException(file + ": too large to read; a preset is a small JSON file");
        } catch (IOException e) {
            throw new PresetException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        String text = Utf8Text.decode(bytes, file);
        try {
            return parse(text);
        } catch (PresetException e) {
            throw new PresetException(file.getFileName() + ": " + e.getMessage());
        }
    }

    /** Parses preset JSON text: one JSON object and nothing after it but white space. */
    public static Preset parse(String json) throws PresetException {
        JsonNode root = JsonText.readTree(READER, json);
        if (root == null || root.isMissingNode()) {
            throw new PresetException("the file is empty; a preset is a JSON object");
        }
        return parse(root);
    }

    /** Reads a preset from its JSON tree (a deck's inline preset). */
    static Preset parse(JsonNode root) throws PresetException {
        JsonFields top = new JsonFields(root, "");
        top.onlyKnown(TOP_FIELDS);
        String format = top.string("format", Preset.FORMAT);
        if (!Preset.FORMAT.equals(format)) {
            throw new PresetException("format: \"" + format + "\" is not supported; allowed: " + Preset.FORMAT);
        }
        String name = top.string("name", "Untitled");
        checkLength("name", name, MAX_NAME);
        String description = top.string("description", "");
        long seed = top.integer("seed", 1, 0, Long.MAX_VALUE);
        TrainingSpec training = top.has("training") ? readTraining(new JsonFields(top.raw("training"), "training")) : null;
        int inputSize = (int) top.integer("inputSize", training != null ? training.task().inputSize() : 16, 1, MAX_INPUT);
        if (training != null && inputSize != training.task().inputSize()) {
            throw new PresetException("inputSize: " + inputSize + " does not match the " + training.task().id()
                    + " task's " + training.task().inputSize() + " inputs; leave inputSize out of a training preset");
        }

        JsonFields in = top.has("inputs") ? new JsonFields(top.raw("inputs"), "inputs") : null;
        String kind = InputSpec.NOISE;
        double inScale = 1.0;
        String text = null;
        if (in != null) {
            in.onlyKnown(Set.of("kind", "scale", "text", "values", "embedding"));
            kind = in.choice("kind", InputSpec.NOISE,
                    new LinkedHashSet<>(List.of(InputSpec.NOISE, InputSpec.ZEROS, InputSpec.TEXT, InputSpec.EXPLICIT)));
            inScale = in.number("scale", 1.0, 0.0, 1e3);
            text = in.string("text", null);
        }
        int steps;
        double[][] values = null;
        if (InputSpec.TEXT.equals(kind)) {
            if (text == null || Inputs.tokenize(text).isEmpty()) {
                throw new PresetException("inputs.text: a text input needs at least one word");
            }
            int tokens = Inputs.tokenize(text).size();
            if (tokens > MAX_STEPS) {
                throw new PresetException("inputs.text: " + tokens + " tokens; allowed at most " + MAX_STEPS);
            }
            steps = (int) top.integer("steps", tokens, 1, MAX_STEPS);
            if (steps != tokens) {
                throw new PresetException("steps: " + steps + " does not match the " + tokens
                        + " tokens of inputs.text; leave steps out for a text input");
            }
        } else if (InputSpec.EXPLICIT.equals(kind)) {
            JsonNode v = in.raw("values");
            int rows = v != null && v.isArray() ? v.size() : 0;
            if (rows == 0) {
                throw new PresetException("inputs.values: explicit inputs need at least one row of " + inputSize
                        + " numbers (one row per step)");
            }
            steps = (int) top.integer("steps", rows, 1, MAX_STEPS);
            values = JsonFields.matrix(v, "inputs.values", steps, inputSize);
        } else {
            steps = (int) top.integer("steps", training != null ? training.task().sequenceLength(training.length()) : 200,
                    1, MAX_STEPS);
        }
        TextEmbedding embedding = null;
        if (in != null && in.has("embedding")) {
            embedding = readEmbedding(new JsonFields(in.raw("embedding"), "inputs.embedding"), inputSize);
            List<String> unknown = InputSpec.TEXT.equals(kind) ? embedding.unknown(Inputs.tokenize(text)) : List.of();
            if (!unknown.isEmpty()) {
                throw new PresetException(embedding.missing(unknown));
            }
        }
        InputSpec inputs = new InputSpec(kind, inScale, text, values, embedding);

        JsonNode runsNode = top.raw("runs");
        List<RunConfig> runs = new ArrayList<>();
        if (runsNode == null || runsNode.isNull()) {
            runs.add(readRun(root, null, -1, seed, steps, inputSize));
        } else {
            if (!runsNode.isArray() || runsNode.size() == 0 || runsNode.size() > MAX_RUNS) {
                throw new PresetException("runs: expected an array of 1 to " + MAX_RUNS + " runs, found "
                        + JsonFields.describe(runsNode));
            }
            for (int i = 0; i < runsNode.size(); i++) {
                runs.add(readRun(root, runsNode.get(i), i, seed, steps, inputSize));
            }
        }
        checkDefaults(root, runs);
        String view = top.string("view", null);
        Map<String, Double> demo = new LinkedHashMap<>();
        if (top.has("demo")) {
            JsonFields d = new JsonFields(top.raw("demo"), "demo");
            for (String key : d.fieldNames()) {
                demo.put(key, d.number(key, 0.0, -JsonFields.VALUE_LIMIT, JsonFields.VALUE_LIMIT));
            }
        }
        if (training != null) {
            checkTraining(training, runs.get(0));
        }
        String layer = readLayer(top.string("layer", null), runs);
        return new Preset(name, description, seed, steps, inputSize, inputs, uniqueLabels(runs), view, demo, training,
                layer);
    }

    /**
     * The form of the {@code layer} field: all, N, N-forward or N-backward, N counted from 1 (the forms of the command
     * line's --layer, which the figure layer's LayerChoice parses; the file format is checked here, where its other
     * fields are).
     */
    static final java.util.regex.Pattern LAYER =
            java.util.regex.Pattern.compile("all|([1-9][0-9]{0,2})(-(forward|backward))?");

    /** The layer field, checked against the runs' layers and directions; null for all layers. */
    private static String readLayer(String text, List<RunConfig> runs) throws PresetException {
        if (text == null) {
            return null;
        }
        int layers = runs.stream().mapToInt(RunConfig::layers).max().orElse(1);
        boolean bidirectional = runs.stream().anyMatch(RunConfig::bidirectional);
        java.util.regex.Matcher m = LAYER.matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
        boolean fits = m.matches() && (m.group(1) == null
                || Integer.parseInt(m.group(1)) <= layers && (bidirectional || !"backward".equals(m.group(3))));
        if (!fits) {
            throw new PresetException("layer: expected all, N" + (bidirectional ? ", N-forward or N-backward" : "")
                    + " with N from 1 to " + layers + " (the runs' layers), found '" + text + "'");
        }
        return m.group(1) == null ? null : m.group();
    }

    private static TextEmbedding readEmbedding(JsonFields e, int m) throws PresetException {
        e.onlyKnown(Set.of("vectors", "vocabulary"));
        JsonNode v = e.raw("vectors");
        int rows = v != null && v.isArray() ? v.size() : 0;
        if (rows == 0) {
            throw new PresetException("inputs.embedding.vectors: expected one row of " + m + " numbers (inputSize) per"
                    + " token, found " + JsonFields.describe(v));
        }
        double[][] vectors = JsonFields.matrix(v, "inputs.embedding.vectors", rows, m);
        Map<String, Integer> vocab = null;
        if (e.has("vocabulary")) {
            JsonFields vf = new JsonFields(e.raw("vocabulary"), "inputs.embedding.vocabulary");
            vocab = new LinkedHashMap<>();
            for (String token : vf.fieldNames()) {
                vocab.put(token, (int) vf.integer(token, 0, 0, rows - 1));
            }
        }
        return new TextEmbedding(vocab, vectors);
    }

    private static TrainingSpec readTraining(JsonFields t) throws PresetException {
        t.onlyKnown(Set.of("task", "length", "datasetSize", "batchSize", "optimizer", "learningRate", "momentum", "clip",
                "clipThreshold", "steps"));
        Task task = Task.fromId(t.choice("task", "adding", ids(Task.values())));
        int length = (int) t.integer("length", 50, TrainConfig.MIN_LENGTH, TrainConfig.MAX_LENGTH);
        int batch = (int) t.integer("batchSize", 32, 1, TrainConfig.MAX_BATCH);
        int dataset = (int) t.integer("datasetSize", 10_000, 1, TrainConfig.MAX_DATASET);
        Optimizer opt = Optimizer.fromId(t.choice("optimizer", "adam", ids(Optimizer.values())));
        double lr = t.number("learningRate", 1e-3, 1e-9, TrainConfig.MAX_LEARNING_RATE);
        double momentum = t.number("momentum", 0.9, 0.0, 0.999);
        boolean clip = t.bool("clip", true);
        double threshold = t.number("clipThreshold", 1.0, 1e-9, TrainConfig.MAX_CLIP);
        int steps = (int) t.integer("steps", 2000, 1, TrainingSpec.MAX_STEPS);
        return new TrainingSpec(task, length, dataset, batch, opt, lr, momentum, clip, threshold, steps);
    }

    /** The trainer draws its network from the seed and must accept the combination (memory, sizes). */
    private static void checkTraining(TrainingSpec training, RunConfig run) throws PresetException {
        if (!run.parameters().isEmpty()) {
            throw new PresetException("parameters: a preset with a training block draws its network from the seed;"
                    + " remove the explicit parameters or the training block");
        }
        if (run.chrono()) {
            throw new PresetException("chrono: the training lab does not use chrono initialisation; set biases instead");
        }
        if (run.layers() != 1 || run.bidirectional()) {
            throw new PresetException("layers, bidirectional: the training lab trains one layer in one direction;"
                    + " remove them or the training block");
        }
        try {
            training.toConfig(run);
        } catch (IllegalArgumentException e) {
            throw new PresetException("training: " + e.getMessage());
        }
    }

    private static RunConfig readRun(JsonNode top, JsonNode run, int index, long presetSeed, int steps, int m)
            throws PresetException {
        String runPath = index < 0 ? "" : "runs[" + index + "]";
        if (run != null) {
            new JsonFields(run, runPath).onlyKnown(RUN_FIELDS);
        }
        Pick p = new Pick(top, run, runPath);
        CellType cell = CellType.fromId(p.fields("cell").choice("cell", "rnn", ids(CellType.values())));
        Activation act = Activation.fromId(p.fields("activation").choice("activation", "tanh", ids(Activation.values())));
        int n = (int) p.fields("hiddenSize").integer("hiddenSize", 64, 1, MAX_HIDDEN);
        long seed = p.fields("seed").integer("seed", presetSeed, 0, Long.MAX_VALUE);
        InitScheme init = InitScheme.fromId(p.fields("init").choice("init", "gaussian", ids(InitScheme.values())));
        double gain = p.fields("gain").number("gain", 1.0, 0.0, MAX_SCALE);
        double scale = p.fields("scale").number("scale", 1.0, 0.0, MAX_SCALE);
        boolean chrono = p.fields("chrono").bool("chrono", false);
        if (chrono && run != null && run.has("chrono") && cell != CellType.LSTM && cell != CellType.GRU) {
            throw new PresetException(runPath + ".chrono: chrono initialisation applies to lstm and gru only, not "
                    + cell.id());
        }
        Double tmax = p.fields("chronoMaxSteps").has("chronoMaxSteps")
                ? p.fields("chronoMaxSteps").number("chronoMaxSteps", steps, 2.0, 1e9) : null;

        int layers = (int) p.fields("layers").integer("layers", 1, 1, RunSpec.MAX_LAYERS);
        boolean bidirectional = p.fields("bidirectional").bool("bidirectional", false);
        GruVariant variant = GruVariant.fromId(p.fields("gruVariant").choice("gruVariant", "cho",
                ids(GruVariant.values())));
        if (cell != CellType.GRU) {
            if (run != null && run.has("gruVariant")) {
                throw new PresetException(runPath + ".gruVariant: applies to gru runs only, not " + cell.id());
            }
            variant = GruVariant.CHO;
        }
        List<String> biasNames = cell.biasNames(variant);
        List<String> names = cell.parameterNames(variant);
        Map<String, Double> biases = new LinkedHashMap<>();
        for (JsonFields f : p.both("biases")) {
            JsonFields b = new JsonFields(f.raw("biases"), f.path("biases"));
            for (String name : biasNames) {
                if (b.has(name)) {
                    biases.put(name, b.number(name, 0.0, -MAX_BIAS, MAX_BIAS));
                }
            }
            if (f.path("biases").startsWith("runs")) {
                b.onlyKnown(Set.copyOf(biasNames));
            }
        }
        int dirs = bidirectional ? 2 : 1;
        Map<String, double[][]> params = new LinkedHashMap<>();
        List<Map<String, double[][]>> stack = new ArrayList<>();
        for (JsonFields f : p.both("parameters")) {
            JsonNode raw = f.raw("parameters");
            boolean own = f.path("parameters").startsWith("runs");
            if (raw.isArray()) {
                // a list of maps, one per layer and direction: the run's own list wins, a list never merges
                if (stack.isEmpty() && params.isEmpty()) {
                    stack = parameterList(raw, f.path("parameters"), cell, names, biasNames, n, m, layers, dirs, own);
                    params.putAll(stack.get(0));
                }
                continue;
            }
            if (!stack.isEmpty()) {
                continue;
            }
            JsonFields ps = new JsonFields(raw, f.path("parameters"));
            if (own) {
                ps.onlyKnown(Set.copyOf(names));
            }
            for (String name : names) {
                if (ps.has(name) && !params.containsKey(name)) {
                    params.put(name, parameter(ps.raw(name), ps.path(name), name, biasNames, cell, n, m));
                }
            }
        }
        double[] h0 = null;
        double[] c0 = null;
        JsonFields is = p.fields("initialState");
        if (is.has("initialState")) {
            JsonFields s = new JsonFields(is.raw("initialState"), is.path("initialState"));
            s.onlyKnown(cell.hasCellState() ? Set.of("h", "c") : Set.of("h"));
            h0 = s.has("h") ? JsonFields.vector(s.raw("h"), s.path("h"), n) : null;
            c0 = s.has("c") ? JsonFields.vector(s.raw("c"), s.path("c"), n) : null;
        }
        JsonFields ro = p.fields("readout");
        double[] readout = ro.has("readout")
                ? JsonFields.vector(ro.raw("readout"), ro.path("readout"), n * dirs) : null;
        String label = p.fields("label").string("label", defaultLabel(cell, act, variant));
        if (label.isBlank()) {
            // drawn as nothing in a legend and an unnamed CSV column: a blank label means the run has none
            label = defaultLabel(cell, act, variant);
        }
        checkLength(p.fields("label").path("label"), label, MAX_LABEL);
        return new RunConfig(label, cell, act, n, seed, init, gain, scale, biases, chrono, tmax, params, h0, c0,
                readout, layers, bidirectional, variant, stack);
    }

    /**
     * Explicit parameters as a list of maps, one per layer and direction in the order layer 0 forward, layer 0
     * backward, layer 1 forward, ...; layer 0 reads m inputs, the layers above n per direction below.
     */
    private static List<Map<String, double[][]>> parameterList(JsonNode raw, String path, CellType cell,
            List<String> names,
            List<String> biasNames, int n, int m, int layers, int dirs, boolean own) throws PresetException {
        int want = layers * dirs;
        if (raw.size() != want) {
            throw new PresetException(path + ": expected a list of " + want + " parameter maps (layer 0 forward"
                    + (dirs == 2 ? ", layer 0 backward" : "") + ", ...), found " + raw.size());
        }
        List<Map<String, double[][]>> out = new ArrayList<>();
        for (int k = 0; k < want; k++) {
            JsonFields ps = new JsonFields(raw.get(k), path + "[" + k + "]");
            if (own) {
                ps.onlyKnown(Set.copyOf(names));
            }
            int width = k < dirs ? m : n * dirs;
            Map<String, double[][]> one = new LinkedHashMap<>();
            for (String name : names) {
                if (ps.has(name)) {
                    one.put(name, parameter(ps.raw(name), ps.path(name), name, biasNames, cell, n, width));
                }
            }
            out.add(one);
        }
        return out;
    }

    private static double[][] parameter(JsonNode v, String path, String name, List<String> biasNames, CellType cell,
                                        int n, int m) throws PresetException {
        if (biasNames.contains(name)) {
            double[] b = JsonFields.vector(v, path, n);
            double[][] col = new double[n][1];
            for (int i = 0; i < n; i++) {
                col[i][0] = b[i];
            }
            return col;
        }
        return JsonFields.matrix(v, path, n, cell.recurrentNames().contains(name) ? n : m);
    }

    /** Top-level biases and parameters must name something in at least one run's cell. */
    private static void checkDefaults(JsonNode root, List<RunConfig> runs) throws PresetException {
        for (String field : List.of("biases", "parameters")) {
            JsonNode node = root.get(field);
            if (node == null || !node.isObject()) {
                continue;
            }
            Set<String> known = new LinkedHashSet<>();
            for (RunConfig r : runs) {
                known.addAll(field.equals("biases") ? r.biasNames() : r.parameterNames());
            }
            new JsonFields(node, field).onlyKnown(known);
        }
    }

    /**
     * The runs with repeated labels made unique ("a", "a", "a (2)" give "a", "a (2)", "a (2) (2)"), each still
     * at most {@link #MAX_LABEL} characters, so that what is written reads back.
     */
    private static List<RunConfig> uniqueLabels(List<RunConfig> runs) {
        Set<String> taken = new HashSet<>();
        List<RunConfig> out = new ArrayList<>();
        for (RunConfig r : runs) {
            String label = r.label();
            for (int k = 2; taken.contains(label); k++) {
                String suffix = " (" + k + ")";
                label = TextCut.head(r.label(), MAX_LABEL - suffix.length()) + suffix;
            }
            taken.add(label);
            out.add(label.equals(r.label()) ? r : r.withLabel(label));
        }
        return out;
    }

    /** Refuses text longer than max characters, naming the field. */
    static void checkLength(String field, String text, int max) throws PresetException {
        if (text != null && text.length() > max) {
            throw new PresetException(field + ": " + text.length() + " characters; allowed at most " + max);
        }
    }

    /** The label a run gets when it has none: "lstm", "rnn tanh", or "gru pytorch" for PyTorch's GRU. */
    public static String defaultLabel(CellType cell, Activation act, GruVariant variant) {
        return cell == CellType.GRU && variant == GruVariant.PYTORCH ? "gru pytorch" : defaultLabel(cell, act);
    }

    /** The label a run gets when it has none: "lstm", or "rnn tanh". */
    public static String defaultLabel(CellType cell, Activation act) {
        return cell.usesActivation() ? cell.id() + " " + act.id() : cell.id();
    }

    private static Set<String> ids(Enum<?>[] values) {
        Set<String> s = new LinkedHashSet<>();
        for (Enum<?> e : values) {
            s.add(e.name().toLowerCase(java.util.Locale.ROOT));
        }
        return s;
    }

    /** Where a run field comes from: the run itself, else the top-level default. */
    private static final class Pick {
        private final JsonNode top;
        private final JsonNode run;
        private final String runPath;

        Pick(JsonNode top, JsonNode run, String runPath) {
            this.top = top;
            this.run = run;
            this.runPath = runPath;
        }

        JsonFields fields(String field) throws PresetException {
            if (run != null && run.has(field) && !run.get(field).isNull()) {
                return new JsonFields(run, runPath);
            }
            return new JsonFields(top, "");
        }

        /** The run's own object first, then the top level (for maps merged key by key). */
        List<JsonFields> both(String field) throws PresetException {
            List<JsonFields> out = new ArrayList<>();
            if (run != null && run.has(field) && !run.get(field).isNull()) {
                out.add(new JsonFields(run, runPath));
            }
            if (top.has(field) && !top.get(field).isNull()) {
                out.add(new JsonFields(top, ""));
            }
            return out;
        }
    }

    /** Writes a preset in full: every run with every field, so reading it back gives the identical picture. */
    public static String write(Preset p) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", Preset.FORMAT);
        root.put("name", p.name());
        root.put("description", p.description());
        root.put("seed", p.seed());
        root.put("steps", p.steps());
        root.put("inputSize", p.inputSize());
        ObjectNode in = root.putObject("inputs");
        in.put("kind", p.inputs().kind());
        in.put("scale", p.inputs().scale());
        if (p.inputs().text() != null) {
            in.put("text", p.inputs().text());
        }
        if (p.inputs().values() != null) {
            putMatrix(in.putArray("values"), p.inputs().values());
        }
        if (p.inputs().embedding() != null) {
            ObjectNode e = in.putObject("embedding");
            if (p.inputs().embedding().vocabulary() != null) {
                ObjectNode vocab = e.putObject("vocabulary");
                p.inputs().embedding().vocabulary().forEach(vocab::put);
            }
            putMatrix(e.putArray("vectors"), p.inputs().embedding().vectors());
        }
        if (p.view() != null) {
            root.put("view", p.view());
        }
        if (p.layer() != null) {
            root.put("layer", p.layer());
        }
        if (!p.demo().isEmpty()) {
            ObjectNode d = root.putObject("demo");
            p.demo().forEach(d::put);
        }
        if (p.training() != null) {
            TrainingSpec t = p.training();
            ObjectNode o = root.putObject("training");
            o.put("task", t.task().id());
            o.put("length", t.length());
            o.put("datasetSize", t.datasetSize());
            o.put("batchSize", t.batchSize());
            o.put("optimizer", t.optimizer().id());
            o.put("learningRate", t.learningRate());
            o.put("momentum", t.momentum());
            o.put("clip", t.clip());
            o.put("clipThreshold", t.clipThreshold());
            o.put("steps", t.steps());
        }
        ArrayNode runs = root.putArray("runs");
        for (RunConfig r : p.runs()) {
            ObjectNode o = runs.addObject();
            o.put("label", r.label());
            o.put("cell", r.cell().id());
            o.put("activation", r.activation().id());
            o.put("hiddenSize", r.hiddenSize());
            o.put("seed", r.seed());
            o.put("init", r.init().id());
            o.put("gain", r.gain());
            o.put("scale", r.scale());
            ObjectNode b = o.putObject("biases");
            r.biases().forEach(b::put);
            o.put("chrono", r.chrono());
            if (r.chronoMaxSteps() != null) {
                o.put("chronoMaxSteps", r.chronoMaxSteps());
            }
            // a one-layer unidirectional Cho run writes none of these, so old presets read and write as before
            if (r.layers() != 1) {
                o.put("layers", r.layers());
            }
            if (r.bidirectional()) {
                o.put("bidirectional", true);
            }
            if (r.cell() == CellType.GRU && r.gruVariant() != GruVariant.CHO) {
                o.put("gruVariant", r.gruVariant().id());
            }
            if (!r.stackParameters().isEmpty()) {
                ArrayNode list = o.putArray("parameters");
                for (Map<String, double[][]> one : r.stackParameters()) {
                    putParameters(list.addObject(), one, r.biasNames());
                }
            } else if (!r.parameters().isEmpty()) {
                putParameters(o.putObject("parameters"), r.parameters(), r.biasNames());
            }
            if (r.initialH() != null || r.initialC() != null) {
                ObjectNode s = o.putObject("initialState");
                if (r.initialH() != null) {
                    putVector(s.putArray("h"), r.initialH());
                }
                if (r.initialC() != null) {
                    putVector(s.putArray("c"), r.initialC());
                }
            }
            if (r.readout() != null) {
                putVector(o.putArray("readout"), r.readout());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putParameters(ObjectNode ps, Map<String, double[][]> params, List<String> biasNames) {
        params.forEach((k, rows) -> {
            ArrayNode a = ps.putArray(k);
            if (biasNames.contains(k)) {
                for (double[] row : rows) {
                    a.add(row[0]);
                }
            } else {
                putMatrix(a, rows);
            }
        });
    }

    private static void putMatrix(ArrayNode a, double[][] rows) {
        for (double[] row : rows) {
            putVector(a.addArray(), row);
        }
    }

    private static void putVector(ArrayNode a, double[] v) {
        for (double x : v) {
            a.add(x);
        }
    }
}
