package org.vanish.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vanish.engine.Inputs;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.preset.PresetException;
import org.vanish.preset.TextCut;
import org.vanish.preset.TextEmbedding;

/**
 * Turns a PyTorch checkpoint ({@code .pt}/{@code .pth} state_dict or {@code .safetensors}) into an ordinary preset
 * with explicit parameters: one recurrent module converted by {@link EngineParameters}, its embedding (and
 * vocabulary) as the text input's embedding, and optionally the row of a linear head as the readout.
 */
public final class ModelImport {
    /** The sentence of Linzen, Dupoux & Goldberg 2016 that an imported model with a vocabulary reads first. */
    public static final String DEFAULT_TEXT = "The keys to the cabinet by the door on the left are";
    static final int NOISE_STEPS = 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelImport() {
    }

    /**
     * What to import.
     * @param module the key prefix of the module to import, or null when the file holds one
     * @param nonlinearity "tanh" or "relu" for an nn.RNN (null: tanh); a state_dict does not record it
     * @param vocab a vocabulary file for the embedding, or null
     * @param output the row of the linear head whose gradient the readout follows, or null for a seeded readout
     * @param text the sentence the text input reads, or null for {@link #DEFAULT_TEXT}
     */
    public record Options(String module, String nonlinearity, Path vocab, Integer output, String text) {
        public static Options defaults() {
            return new Options(null, null, null, null, null);
        }
    }

    /**
     * The result.
     * @param json the preset, already checked by {@link PresetCodec#parse}
     * @param notes what the import chose or found, one line each, for the user
     */
    public record Result(String json, Preset preset, RecurrentModule module, List<String> notes) {
    }

    /** A checkpoint's tensors, by its file name: .safetensors or else a torch.save zip. */
    public static Map<String, Tensor> readTensors(Path model) throws ImportException {
        String name = model.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".safetensors") ? SafeTensorsFile.read(model) : TorchCheckpoint.read(model);
    }

    /** What a checkpoint holds: its tensors and recurrent modules, for choosing before importing. */
    public record Contents(Map<String, Tensor> tensors, List<RecurrentModule> modules) {
        /**
         * The key of an embedding whose width is m, or null: a float matrix V × m named "…emb…weight"; else, whatever
         * its name (PyTorch's own word-language-model example calls it {@code encoder}), the one {@code X.weight} of
         * V × m without an {@code X.bias}, as an nn.Embedding has none and an nn.Linear one (a recurrent module's
         * matrices are named weight_ih_l0 and so on, never X.weight). Two such candidates are not guessed between, nor
         * is one that is a module's only possible head (a bias-free nn.Linear reading h_n has the same shape when
         * directions × n = m; the word-language-model's decoder has a bias, so its encoder is still found).
         */
        public String embeddingFor(int m) {
            String unnamed = null;
            int candidates = 0;
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                String key = e.getKey();
                String k = key.toLowerCase(Locale.ROOT);
                Tensor t = e.getValue();
                if (!k.endsWith("weight") || t.dims() != 2 || t.shape()[1] != m || !t.dtype().contains("float")) {
                    continue;
                }
                if (k.contains("emb")) {
                    return key;
                }
                String bias = key.substring(0, key.length() - "weight".length()) + "bias";
                if (key.endsWith(".weight") && !tensors.containsKey(bias)) {
                    unnamed = key;
                    candidates++;
                }
            }
            if (candidates != 1) {
                return null;
            }
            for (RecurrentModule mod : modules) {
                if (mod.directions() * mod.hiddenSize() == m && firstHead(mod, unnamed) == null) {
                    return null;   // the module's head, read as it was before the search by shape
                }
            }
            return unnamed;
        }

        /** The key of a linear head's weight reading the module's h_n (k × n or k × 2n), or null. */
        public String headFor(RecurrentModule mod) {
            return firstHead(mod, embeddingFor(mod.inputSize()));
        }

        /** The first weight that can read the module's h_n, other than the key skipped (null: none skipped). */
        private String firstHead(RecurrentModule mod, String skipped) {
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                Tensor t = e.getValue();
                String k = e.getKey();
                if (k.endsWith("weight") && !k.equals(skipped) && !mod.tensors().containsValue(t) && t.dims() == 2
                        && t.shape()[1] == mod.directions() * mod.hiddenSize() && t.dtype().contains("float")) {
                    return k;
                }
            }
            return null;
        }
    }

    /**
     * The sentence to import with where nobody is asked for one (File → Import model…): {@link #DEFAULT_TEXT} when the
     * vocabulary reads it (it has every word, or an {@code <unk>}), else up to ten of the vocabulary's own words in
     * row order, which it reads by construction. Without it the app could not import a vocabulary that lacks a word
     * of the default sentence and has no {@code <unk>}: the message asked for {@code --text}, which the app has not.
     * @param rows the embedding's rows, which the vocabulary must fit
     */
    public static String readableText(Path vocab, int rows) throws ImportException {
        Map<String, Integer> words = Vocabulary.read(vocab, rows);
        TextEmbedding embedding = new TextEmbedding(words, new double[rows][0]);
        if (embedding.unknown(Inputs.tokenize(DEFAULT_TEXT)).isEmpty()) {
            return DEFAULT_TEXT;
        }
        List<String> own = new ArrayList<>();
        for (String w : words.keySet()) {
            // a token the text input splits (<pad>, "n't.") would not come back as itself
            if (own.size() < 10 && Inputs.tokenize(w).equals(List.of(w))) {
                own.add(w);
            }
        }
        if (own.isEmpty()) {
            throw new ImportException("--vocab " + vocab.getFileName() + ": none of its tokens is a word the text"
                    + " input can type (each is split into several)");
        }
        return String.join(" ", own);
    }

    /** Reads a checkpoint and finds its recurrent modules. */
    public static Contents inspect(Path model) throws ImportException {
        Map<String, Tensor> tensors = readTensors(model);
        return new Contents(tensors, RecurrentModule.find(tensors));
    }

    /** Imports one module of a checkpoint as a preset. */
    public static Result run(Path model, Options o) throws ImportException {
        Contents c = inspect(model);
        String file = model.getFileName().toString();
        RecurrentModule mod = choose(c.modules(), o.module(), file);
        String nonlinearity = o.nonlinearity() == null ? "tanh" : o.nonlinearity();
        if (!nonlinearity.equals("tanh") && !nonlinearity.equals("relu")) {
            throw new ImportException("--nonlinearity: \"" + nonlinearity + "\" is not nn.RNN's; allowed tanh, relu");
        }
        if (o.nonlinearity() != null && mod.kind() != RecurrentModule.Kind.RNN) {
            throw new ImportException("--nonlinearity: applies to an nn.RNN; " + mod.displayName() + " is an "
                    + mod.kind().torchName);
        }
        List<String> notes = new ArrayList<>();
        notes.add("imported " + mod.describe() + " from " + file);
        if (o.nonlinearity() == null && mod.kind() == RecurrentModule.Kind.RNN) {
            // a relu model read silently as tanh is a different function; say what was assumed
            notes.add("nonlinearity: tanh, as a state_dict does not record it; if the model was built with"
                    + " nonlinearity='relu', import it with --nonlinearity relu");
        }

        ObjectNode root = JSON.createObjectNode();
        root.put("format", Preset.FORMAT);
        // a file or module name may be longer than a preset's name or label may be: shortened, not refused
        root.put("name", shortened(mod.kind().torchName + " " + mod.displayName() + " from " + file,
                PresetCodec.MAX_NAME));
        root.put("seed", 1);
        root.put("inputSize", mod.inputSize());
        ObjectNode inputs = root.putObject("inputs");
        String embeddingKey = c.embeddingFor(mod.inputSize());
        String inputText = writeInputs(inputs, c, mod, embeddingKey, o, notes);
        if (inputText == null) {
            root.put("steps", NOISE_STEPS);
        }
        ObjectNode run = root.putArray("runs").addObject();
        run.put("label", shortened(ImportText.label(mod, nonlinearity), PresetCodec.MAX_LABEL));
        run.put("cell", mod.kind() == RecurrentModule.Kind.RNN ? "rnn" : mod.kind() == RecurrentModule.Kind.LSTM
                ? "lstm" : "gru");
        if (mod.kind() == RecurrentModule.Kind.RNN) {
            run.put("activation", nonlinearity);
        }
        if (mod.kind() == RecurrentModule.Kind.GRU) {
            run.put("gruVariant", "pytorch");
        }
        run.put("hiddenSize", mod.hiddenSize());
        if (mod.layers() > 1) {
            run.put("layers", mod.layers());
        }
        if (mod.bidirectional()) {
            run.put("bidirectional", true);
        }
        List<Map<String, Object>> params = EngineParameters.convert(mod);
        if (params.size() == 1) {
            putParameters(run.putObject("parameters"), params.get(0));
        } else {
            ArrayNode list = run.putArray("parameters");
            for (Map<String, Object> p : params) {
                putParameters(list.addObject(), p);
            }
        }
        writeReadout(run, c, mod, o.output(), notes);
        root.put("description", ImportText.description(mod, file, nonlinearity, embeddingKey, inputText, notes));
        String json;
        try {
            json = JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            return new Result(json, PresetCodec.parse(json), mod, List.copyOf(notes));
        } catch (PresetException e) {
            throw new ImportException(file + ": " + mod.describe() + " cannot be written as a preset this version"
                    + " reads (" + e.getMessage() + ")");
        }
    }

    /** text, or its start and "…" when it is longer than max characters. */
    static String shortened(String text, int max) {
        return text.length() <= max ? text : TextCut.head(text, max - 1) + "…";
    }

    private static RecurrentModule choose(List<RecurrentModule> modules, String wanted, String file)
            throws ImportException {
        if (modules.isEmpty()) {
            throw new ImportException(file + ": no nn.RNN, nn.LSTM or nn.GRU in it (no keys named"
                    + " PREFIX.weight_hh_l0 and weight_ih_l0)");
        }
        List<String> names = modules.stream().map(RecurrentModule::describe).toList();
        if (wanted == null) {
            if (modules.size() > 1) {
                throw new ImportException(file + ": holds " + modules.size() + " recurrent modules, choose one with"
                        + " --module PREFIX: " + String.join("; ", names));
            }
            return modules.get(0);
        }
        String w = wanted.endsWith(".") ? wanted.substring(0, wanted.length() - 1) : wanted;
        for (RecurrentModule m : modules) {
            if (m.prefix().equals(w) || (w.equals("(top level)") && m.prefix().isEmpty())) {
                return m;
            }
        }
        throw new ImportException("--module: " + file + " has no recurrent module \"" + wanted + "\"; it has: "
                + String.join("; ", names));
    }

    /** Writes inputs: the text through the model's embedding when it has one, else noise; returns the text or null. */
    private static String writeInputs(ObjectNode inputs, Contents c, RecurrentModule mod, String embeddingKey,
                                      Options o, List<String> notes) throws ImportException {
        if (embeddingKey == null) {
            if (o.vocab() != null) {
                throw new ImportException("--vocab: the file holds no embedding of width " + mod.inputSize() + " (the"
                        + " module's input size) for the vocabulary to index");
            }
            inputs.put("kind", "noise");
            inputs.put("scale", 1.0);
            notes.add("no embedding of width " + mod.inputSize() + ": the inputs are " + NOISE_STEPS
                    + " steps of seeded noise; set explicit inputs in the preset for the model's real inputs");
            return null;
        }
        Tensor emb = c.tensors().get(embeddingKey);
        int rows = emb.shape()[0];
        Map<String, Integer> vocab = o.vocab() == null ? null : Vocabulary.read(o.vocab(), rows);
        TextEmbedding embedding = new TextEmbedding(vocab, emb.rows(0, rows));
        String text;
        if (vocab == null) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < Math.min(rows, 10); i++) {
                b.append(i == 0 ? "" : " ").append(i);
            }
            text = o.text() != null ? o.text() : b.toString();
            notes.add("embedding " + embeddingKey + " (" + rows + " × " + mod.inputSize() + ") kept; without --vocab"
                    + " the words of the text input are its row numbers");
        } else {
            text = o.text() != null ? o.text() : DEFAULT_TEXT;
            notes.add("embedding " + embeddingKey + " (" + rows + " × " + mod.inputSize() + ") and the vocabulary's "
                    + vocab.size() + " tokens kept: the text input runs through the model's own embedding");
        }
        List<String> tokens = Inputs.tokenize(text);
        if (tokens.isEmpty()) {
            throw new ImportException("--text: needs at least one word");
        }
        List<String> unknown = embedding.unknown(tokens);
        if (!unknown.isEmpty()) {
            throw new ImportException((o.text() != null ? "--text: " : "") + embedding.missing(unknown)
                    .replace("inputs.text: ", "") + (o.text() == null ? "; give a sentence it knows with --text" : ""));
        }
        List<String> asUnk = embedding.readAsUnknown(tokens);
        if (!asUnk.isEmpty()) {
            notes.add("not in the vocabulary, read as " + TextEmbedding.UNKNOWN + ": " + String.join(", ", asUnk));
        }
        inputs.put("kind", "text");
        inputs.put("text", text);
        ObjectNode e = inputs.putObject("embedding");
        if (vocab != null) {
            ObjectNode v = e.putObject("vocabulary");
            vocab.forEach(v::put);
        }
        ArrayNode vectors = e.putArray("vectors");
        for (double[] row : embedding.vectors()) {
            putVector(vectors.addArray(), row);
        }
        return text;
    }

    private static void writeReadout(ObjectNode run, Contents c, RecurrentModule mod, Integer output,
                                     List<String> notes) throws ImportException {
        String head = c.headFor(mod);
        int width = mod.directions() * mod.hiddenSize();
        if (head == null) {
            if (output != null) {
                throw new ImportException("--output: the file holds no linear head reading " + mod.displayName()
                        + "'s h_n (a weight of shape [k, " + width + "])");
            }
            notes.add("no linear head reading h_n: the readout is the seeded unit vector");
            return;
        }
        Tensor w = c.tensors().get(head);
        int k = w.shape()[0];
        if (output == null) {
            notes.add("head " + head + " (" + k + " × " + width + ") reads h_n: --output K (0 to " + (k - 1)
                    + ") makes the readout its row K, the gradient of logit K");
            return;
        }
        if (output < 0 || output >= k) {
            throw new ImportException("--output: " + output + " is out of range; head " + head + " has " + k
                    + " outputs, allowed 0 to " + (k - 1));
        }
        putVector(run.putArray("readout"), w.rows(output, 1)[0]);
        notes.add("readout: row " + output + " of " + head + ", so L = logit " + output + " minus its bias");
    }

    private static void putParameters(ObjectNode o, Map<String, Object> p) {
        p.forEach((name, value) -> {
            ArrayNode a = o.putArray(name);
            if (value instanceof double[][]) {
                for (double[] row : (double[][]) value) {
                    putVector(a.addArray(), row);
                }
            } else {
                putVector(a, (double[]) value);
            }
        });
    }

    private static void putVector(ArrayNode a, double[] v) {
        for (double x : v) {
            a.add(x);
        }
    }
}
